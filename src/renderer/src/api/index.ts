/**
 * Chooses the transport once at startup. The rest of the renderer gets a BackpropApi from
 * `useApi()` and never learns which one it is.
 */
import type { BackpropApi } from '../../../shared/api/contract';
import { TOKEN_PARAM, WS_PATH } from '../../../shared/api/wire';
import { alwaysOpen, type ConnectionMonitor } from './connection';
import { wrapPreloadApi } from './electronClient';
import { createWsClient } from './wsClient';

export { ApiError } from './ApiError';
export type { ConnectionMonitor, ConnectionState } from './connection';

let current: { api: BackpropApi; connection: ConnectionMonitor } | null = null;

/** Thrown at startup when the page was opened without the token the server printed. */
export class MissingTokenError extends Error {}

export function wsUrlFor(loc: Pick<Location, 'protocol' | 'host' | 'search'>): string {
  const token = new URLSearchParams(loc.search).get(TOKEN_PARAM);
  if (!token) {
    throw new MissingTokenError(
      'This page needs the full address the server printed, including ?token=… ' +
      '(run `npm run serve` and open the address it shows).');
  }
  const scheme = loc.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${loc.host}${WS_PATH}?${TOKEN_PARAM}=${encodeURIComponent(token)}`;
}

/** Whether the server answers this page's own address with 403 (a network error means it is down: not refused). */
async function pageRefused(win: Window): Promise<boolean> {
  const token = new URLSearchParams(win.location.search).get(TOKEN_PARAM) ?? '';
  try {
    const answer = await win.fetch(`/?${TOKEN_PARAM}=${encodeURIComponent(token)}`, { method: 'HEAD', cache: 'no-store', credentials: 'omit' });
    return answer.status === 403;
  } catch {
    return false;
  }
}

export function initApi(win: Window = window): void {
  if (win.api) {
    current = { api: wrapPreloadApi(win.api), connection: alwaysOpen };
  } else {
    const client = createWsClient({ url: wsUrlFor(win.location), tokenRefused: () => pageRefused(win) });
    current = { api: client.api, connection: client.connection };
  }
}

/** For tests and stories: run the renderer against a fake. */
export function setApi(api: BackpropApi, connection: ConnectionMonitor = alwaysOpen): void {
  current = { api, connection };
}

export function useApi(): BackpropApi {
  if (!current) throw new Error('initApi() has not run');
  return current.api;
}

export function useConnection(): ConnectionMonitor {
  if (!current) throw new Error('initApi() has not run');
  return current.connection;
}
