// A BackpropApi for renderer tests: answers from a table of handlers and lets a test push events.
import type { ApiMethod, ApiRequest, ApiResponses, BackpropApi } from '../../../src/shared/api/contract';
import type { ApiEventName, ApiEvents } from '../../../src/shared/api/dto';
import { buildDomainApi } from '../../../src/renderer/src/api/domainApi';

export type FakeHandlers = { [M in ApiMethod]?: (req: ApiRequest<M>) => ApiResponses[M] | Promise<ApiResponses[M]> };

export interface FakeApi {
  api: BackpropApi;
  calls: { method: ApiMethod; request: unknown }[];
  emit<E extends ApiEventName>(event: E, payload: ApiEvents[E]): void;
}

export function fakeApi(handlers: FakeHandlers): FakeApi {
  const calls: FakeApi['calls'] = [];
  const listeners = new Map<string, Set<(p: unknown) => void>>();
  const api = buildDomainApi(
    async (method, request) => {
      calls.push({ method, request });
      const handler = handlers[method] as ((req: unknown) => unknown) | undefined;
      if (!handler) throw new Error(`fake API has no handler for ${method}`);
      return handler(request);
    },
    (event, handler) => {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(handler as (p: unknown) => void);
      return () => set.delete(handler as (p: unknown) => void);
    },
  );
  return {
    api,
    calls,
    emit: (event, payload) => listeners.get(event)?.forEach((h) => h(payload)),
  };
}
