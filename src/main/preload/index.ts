/**
 * The sandboxed preload: exposes `window.api`, a domain-shaped object with one function per
 * API method (`api.runs.start({ spec })`) plus `on(event, handler)`. The page never gets
 * ipcRenderer or a generic invoke, so it can reach exactly the contract's channels.
 * Methods resolve with the response or reject with a plain ApiErrorDto (contextBridge would
 * drop an Error's extra fields).
 */
import { contextBridge, ipcRenderer } from 'electron';
import { API_METHODS, IPC_EVENT_CHANNEL, ipcChannel } from '../../shared/api/contract';
import type { ApiEventName, ApiResult } from '../../shared/api/dto';

type Handler = (payload: unknown) => void;

const handlers = new Map<ApiEventName, Set<Handler>>();

ipcRenderer.on(IPC_EVENT_CHANNEL, (_event, message: { event: ApiEventName; payload: unknown }) => {
  for (const handler of handlers.get(message.event) ?? []) handler(message.payload);
});

const api: Record<string, unknown> = {
  on(event: ApiEventName, handler: Handler): () => void {
    let set = handlers.get(event);
    if (!set) handlers.set(event, (set = new Set()));
    set.add(handler);
    return () => { set.delete(handler); };
  },
};

for (const method of API_METHODS) {
  const [domain, action] = method.split('.');
  const calls = (api[domain] ??= {}) as Record<string, (request?: unknown) => Promise<unknown>>;
  calls[action] = async (request) => {
    const result = (await ipcRenderer.invoke(ipcChannel(method), request ?? {})) as ApiResult;
    if (result.ok) return result.value;
    throw result.error;
  };
}

contextBridge.exposeInMainWorld('api', api);
