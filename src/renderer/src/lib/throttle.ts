/**
 * Runs `fn` at most once per `intervalMs`, always including the last request: a live chart
 * then redraws a few times a second however fast points arrive, and never misses the final ones.
 */
export function throttle(fn: () => void, intervalMs: number): { request(): void; cancel(): void } {
  let last = -Infinity;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const run = () => {
    timer = undefined;
    last = Date.now();
    fn();
  };
  return {
    request() {
      if (timer !== undefined) return;
      const wait = last + intervalMs - Date.now();
      if (wait <= 0) run();
      else timer = setTimeout(run, wait);
    },
    cancel() {
      clearTimeout(timer);
      timer = undefined;
    },
  };
}
