/**
 * A view's code, loaded the first time it is opened. In browser mode it comes from the lab's
 * server; a click during a server restart would otherwise leave that view blank until the page
 * is reloaded. The load is tried again while the server comes back, and if it never does the
 * view says so in words.
 */
import { defineAsyncComponent, defineComponent, h, type AsyncComponentLoader, type Component } from 'vue';

/** Waits before each new try, in ms: about half a minute in all, a restart's usual length and more. */
const RETRY_WAITS_MS = [250, 500, 1000, 2000, 4000, 4000, 4000, 4000, 4000, 4000, 4000];

/** How long to wait before try number `attempts + 1`, or null when it is time to give up. */
export function retryWait(attempts: number): number | null {
  return RETRY_WAITS_MS[attempts - 1] ?? null;
}

export function viewLoadFailure(label: string, error: unknown): string {
  const reason = error instanceof Error ? error.message : String(error);
  return `The ${label} view could not be loaded (${reason}). Check that the lab is still running, then reload the page.`;
}

export function lazyView(label: string, loader: AsyncComponentLoader): Component {
  return defineAsyncComponent({
    loader,
    onError(_error, retry, fail, attempts) {
      const wait = retryWait(attempts);
      if (wait === null) fail();
      else setTimeout(retry, wait);
    },
    errorComponent: defineComponent({
      props: { error: { type: null, default: null } },
      setup: (props) => () => h('p', { class: 'alert', role: 'alert' }, viewLoadFailure(label, props.error)),
    }),
  });
}
