/**
 * Electron's BackpropApi: the preload's `window.api`, with rejections normalized to ApiError
 * so callers handle errors the same way as in browser mode.
 */
import type { ApiMethod, BackpropApi } from '../../../shared/api/contract';
import { toApiError } from './ApiError';
import { buildDomainApi } from './domainApi';

export function wrapPreloadApi(preload: BackpropApi): BackpropApi {
  const call = async (method: ApiMethod, request: unknown): Promise<unknown> => {
    const [domain, action] = method.split('.') as [string, string];
    const fn = (preload as unknown as Record<string, Record<string, (req: unknown) => Promise<unknown>>>)[domain]?.[action];
    if (!fn) throw toApiError(new Error(`The app's preload does not offer '${method}'.`));
    try {
      return await fn(request);
    } catch (err) {
      throw toApiError(err);
    }
  };
  return buildDomainApi(call, (event, handler) => preload.on(event, handler));
}
