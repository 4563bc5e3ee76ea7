/** Errors a handler throws on purpose; the router turns them into ApiErrorDto with their code. */
import type { ApiErrorCode } from '../../shared/api/dto';

export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(readonly code: ApiErrorCode, message: string) {
    super(message);
  }
}

export const notFound = (what: string): ApiError => new ApiError('not-found', `${what} does not exist`);
export const conflict = (message: string): ApiError => new ApiError('conflict', message);
