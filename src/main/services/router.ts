/**
 * The router both transports share: validates every request with its zod schema (the
 * renderer is untrusted), calls the handler, and turns every failure into an ApiErrorDto.
 * It never throws, so no request can take main down.
 */
import { z } from 'zod';
import { apiRequestSchemas, type ApiHandlers, type ApiMethod } from '../../shared/api/contract';
import type { ApiErrorDto, ApiResult } from '../../shared/api/dto';
import { DataError } from '../../shared/data/errors';
import { ApiError } from './errors';
import { StorageError } from './store/errors';

export interface Router {
  call(method: string, request: unknown): Promise<ApiResult>;
}

const isMethod = (method: string): method is ApiMethod => Object.hasOwn(apiRequestSchemas, method);

export function createRouter(handlers: ApiHandlers): Router {
  return {
    async call(method, request) {
      if (!isMethod(method)) return { ok: false, error: { code: 'bad-request', message: `unknown method: ${String(method).slice(0, 100)}` } };
      const parsed = apiRequestSchemas[method].safeParse(request ?? {});
      if (!parsed.success) return { ok: false, error: badRequest(method, parsed.error) };
      try {
        const handler = handlers[method] as (req: unknown) => unknown;
        return { ok: true, value: await handler(parsed.data) };
      } catch (err) {
        return { ok: false, error: toApiError(method, err) };
      }
    },
  };
}

/** `spec.layers[0].units`, the way a user would name the field. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)), '');
}

function badRequest(method: string, error: z.ZodError): ApiErrorDto {
  const issues = error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message }));
  const shown = issues.slice(0, 5).map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ');
  return { code: 'bad-request', message: `invalid request for ${method}: ${shown}`, issues };
}

function toApiError(method: string, err: unknown): ApiErrorDto {
  if (err instanceof ApiError) return { code: err.code, message: err.message };
  if (err instanceof DataError) return { code: 'bad-request', message: err.message };
  // the disk refused a write: the client says so with the free space, and the app stays up
  if (err instanceof StorageError) return { code: err.code, message: err.message };
  if (err instanceof z.ZodError) return badRequest(method, err);
  // Unexpected: log the stack here, send only the message (a stack tells a page nothing it needs).
  console.error(`${method} failed:`, err);
  return { code: 'internal', message: err instanceof Error ? err.message : String(err) };
}
