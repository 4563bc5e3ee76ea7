/**
 * A hash router small enough to read: `#/runs/12` is view "runs" with param "12". The hash
 * keeps the page's ?token=… query untouched, and works the same from file:// in Electron.
 */
import { readonly, ref } from 'vue';

export interface Route { view: string; param: string | null }

export function parseHash(hash: string, fallback: string): Route {
  const [view, param] = hash.replace(/^#\/?/, '').split('/');
  return { view: view || fallback, param: param ? decodeURIComponent(param) : null };
}

const route = ref<Route>({ view: '', param: null });
let fallbackView = '';

export function startRouter(defaultView: string): void {
  fallbackView = defaultView;
  const sync = () => (route.value = parseHash(location.hash, fallbackView));
  window.addEventListener('hashchange', sync);
  sync();
}

export function navigate(view: string, param?: string | number | null): void {
  location.hash = param === undefined || param === null ? `#/${view}` : `#/${view}/${encodeURIComponent(String(param))}`;
}

export function useRoute() {
  return readonly(route);
}
