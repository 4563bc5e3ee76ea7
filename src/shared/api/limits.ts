/**
 * The one set of size limits, used by the renderer (before it reads or sends), the API
 * (schemas, router) and both transports. Data-layer limits live with the data code that
 * enforces them (data/spec.ts, nn/spec.ts) and are re-exported here so there is one place to
 * look them up. Anything over a limit is answered with the `too-large` error naming it.
 */
import type { ApiErrorDto } from './dto';
import { MAX_CSV_BYTES, MAX_CSV_COLUMNS, MAX_CSV_MAGNITUDE, MAX_CSV_ROWS } from '../data/spec';
import { MAX_INPUTS } from '../nn/spec';
import { MAX_ONNX_BYTES } from '../model/modelFile';

export { MAX_CSV_BYTES, MAX_CSV_COLUMNS, MAX_CSV_MAGNITUDE, MAX_CSV_ROWS, MAX_INPUTS, MAX_ONNX_BYTES };

const MiB = 1024 * 1024;

/**
 * One WebSocket frame (browser mode). The client splits a longer call into `chunk` frames of
 * at most WIRE_CHUNK_CHARS characters (≤ 3 bytes each in UTF-8, so a chunk stays under this).
 */
export const MAX_MESSAGE_BYTES = 32 * MiB;
export const WIRE_CHUNK_CHARS = 8 * MiB;

/** A model file's text (`models.import`): 16M parameters of ~20 characters stay under this. */
export const MAX_MODEL_BYTES = 400 * MiB;

/**
 * One run bundle sent to or from the app (`runs.importBundles`, `runs.exportBundle`) as base64
 * inside a call: 4/3 of it stays under MAX_CALL_BYTES. The CLI's runs import/export have no limit.
 */
export const MAX_BUNDLE_BYTES = 300 * MiB;

/**
 * One API call as JSON, on either transport: room for the largest model file, or a full-size
 * CSV import as an inline dataset spec (numbers as JSON are about as long as in the CSV).
 */
export const MAX_CALL_BYTES = MAX_MODEL_BYTES + 16 * MiB;

export const formatBytes = (bytes: number): string =>
  bytes >= MiB ? `${Math.round((bytes / MiB) * 10) / 10} MiB` : bytes >= 1024 ? `${Math.round(bytes / 1024)} KiB` : `${bytes} bytes`;

/** The typed error for anything over a limit: names what, its size and the limit. */
export function tooLargeError(what: string, bytes: number, limit: number, limitName: string): ApiErrorDto {
  // when both round to the same, the exact counts show which is larger
  const [size, max] = formatBytes(bytes) === formatBytes(limit)
    ? [`${bytes.toLocaleString('en')} bytes`, `${limit.toLocaleString('en')} bytes`]
    : [formatBytes(bytes), formatBytes(limit)];
  return {
    code: 'too-large',
    message: `${what} is ${size}; the limit is ${max} (${limitName})`,
    limit: { name: limitName, bytes: limit },
  };
}
