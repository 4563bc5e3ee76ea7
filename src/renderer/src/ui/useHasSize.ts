/**
 * Whether an element is laid out with a width and a height, and its width, kept up to date by
 * a ResizeObserver. Charts are created only once their box has a size: an ECharts instance made
 * in an empty box keeps a zero size until its next resize, and every update before that is
 * drawn into nothing (echarts-gl, once loaded, says "Dom has no width or height" for each one,
 * for every chart of the app).
 */
import { onBeforeUnmount, ref, watch, type Ref } from 'vue';

export interface ElementSize {
  /** The element has a width and a height now. */
  sized: Ref<boolean>;
  /** It has had both at least once: a chart made then stays, and follows later sizes itself. */
  ready: Ref<boolean>;
  /** Its content width now, in CSS pixels. */
  width: Ref<number>;
}

export function useHasSize(target: Readonly<Ref<HTMLElement | null>>): ElementSize {
  const sized = ref(false);
  const ready = ref(false);
  const width = ref(0);
  const measure = (w: number, h: number): void => {
    width.value = w;
    sized.value = w > 0 && h > 0;
    if (sized.value) ready.value = true;
  };
  let observer: ResizeObserver | null = null;
  const stop = watch(target, (el) => {
    observer?.disconnect();
    observer = null;
    if (el === null) return measure(0, 0);
    measure(el.clientWidth, el.clientHeight);
    observer = new ResizeObserver((entries) => {
      const box = entries[entries.length - 1].contentRect;
      measure(box.width, box.height);
    });
    observer.observe(el);
  }, { immediate: true, flush: 'post' });
  onBeforeUnmount(() => {
    stop();
    observer?.disconnect();
  });
  return { sized, ready, width };
}
