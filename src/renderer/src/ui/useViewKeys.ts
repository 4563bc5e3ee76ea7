/**
 * Key presses for one view. The app keeps views alive in the background (App.vue's KeepAlive),
 * so a view's keys are listened to only while it is shown: from mount or activation to
 * deactivation or unmount.
 */
import { onActivated, onBeforeUnmount, onDeactivated, onMounted } from 'vue';

export function useViewKeys(onKey: (event: KeyboardEvent) => void): void {
  const listen = (): void => window.addEventListener('keydown', onKey);
  const stop = (): void => window.removeEventListener('keydown', onKey);
  onMounted(listen);
  onActivated(listen);
  onDeactivated(stop);
  onBeforeUnmount(stop);
}
