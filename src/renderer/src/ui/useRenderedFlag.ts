/**
 * Whether a chart has finished drawing its current option: false when the option changes, true
 * on ECharts' 'finished' event. Charts show it as `data-rendered`, so tests and screenshots wait
 * on the drawing instead of a fixed time.
 */
import { ref, watch, type Ref, type WatchSource } from 'vue';

export function useRenderedFlag(option: WatchSource<unknown>): { rendered: Ref<boolean>; onFinished: () => void } {
  const rendered = ref(false);
  watch(option, () => { rendered.value = false; });
  return { rendered, onFinished: () => { rendered.value = true; } };
}
