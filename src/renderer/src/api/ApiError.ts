/**
 * The one error type the renderer sees from the API, whichever transport carried it.
 * `issues` come from the router's zod validation (bad-request) and name the field they
 * are about, so forms can show each message next to its input.
 */
import { API_ERROR_CODES, type ApiErrorCode, type ApiErrorDto } from '../../../shared/api/dto';

export type ApiIssue = { path: string; message: string };

export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly code: ApiErrorCode | 'disconnected';
  readonly issues: ApiIssue[];
  /** With `too-large`: which limit (api/limits.ts) the call was over. */
  readonly limit?: ApiErrorDto['limit'];

  constructor(code: ApiErrorCode | 'disconnected', message: string, issues: ApiIssue[] = [], limit?: ApiErrorDto['limit']) {
    super(message);
    this.code = code;
    this.issues = issues;
    if (limit) this.limit = limit;
  }

  static fromDto(dto: ApiErrorDto): ApiError {
    return new ApiError(dto.code, dto.message, dto.issues ?? [], dto.limit);
  }
}

const isErrorCode = (code: unknown): code is ApiErrorCode =>
  typeof code === 'string' && (API_ERROR_CODES as readonly string[]).includes(code);

// Electron's ipcRenderer.invoke wraps a handler's error as
// "Error invoking remote method 'app:runs.start': Error: <message>"; the user needs only <message>.
const IPC_PREFIX = /^Error invoking remote method '[^']*':\s*(?:\w*Error:\s*)?/;

/** Normalizes whatever a transport rejected with into an ApiError. */
export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  if (err && typeof err === 'object') {
    const e = err as { code?: unknown; message?: unknown; issues?: unknown };
    const message = typeof e.message === 'string' ? e.message.replace(IPC_PREFIX, '') : String(err);
    const issues = Array.isArray(e.issues) ? (e.issues as ApiIssue[]) : [];
    if (isErrorCode(e.code)) return new ApiError(e.code, message, issues);
    // A preload may carry the DTO as JSON in the message when the error object itself cannot cross.
    try {
      const dto = JSON.parse(message) as Partial<ApiErrorDto>;
      if (isErrorCode(dto.code) && typeof dto.message === 'string') return ApiError.fromDto(dto as ApiErrorDto);
    } catch {
      // not JSON: a plain message
    }
    return new ApiError('internal', message, issues);
  }
  return new ApiError('internal', String(err));
}
