/**
 * Builds the domain-shaped object (`api.runs.start(req)`) from the contract's method list,
 * given one function that performs a call. Both transports use it, so they expose exactly
 * the same shape.
 */
import { API_METHODS, type ApiMethod, type BackpropApi, type DomainApi } from '../../../shared/api/contract';

export type CallFn = (method: ApiMethod, request: unknown) => Promise<unknown>;

export function buildDomainApi(call: CallFn, on: BackpropApi['on']): BackpropApi {
  const domains: Record<string, Record<string, (req: unknown) => Promise<unknown>>> = {};
  for (const method of API_METHODS) {
    const [domain, action] = method.split('.') as [string, string];
    domains[domain] ??= {};
    domains[domain][action] = (req: unknown) => call(method, req ?? {});
  }
  return { ...(domains as unknown as DomainApi), on };
}
