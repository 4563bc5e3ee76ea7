/**
 * Browser mode's WebSocket protocol: the same calls and events as Electron IPC, as JSON
 * messages. The page is opened at `http://127.0.0.1:PORT/?token=T`; it connects to
 * `ws://127.0.0.1:PORT/api?token=T`. Calls carry an id so answers can arrive in any order.
 */
import { z } from 'zod';
import type { ApiErrorDto, ApiEventName, ApiEvents } from './dto';
import type { ApiMethod, ApiResponses } from './contract';

export const WS_PATH = '/api';
export const TOKEN_PARAM = 'token';

/** Client to server. The method name is checked against the contract by the router, not here. */
export const WireCallSchema = z.object({
  type: z.literal('call'),
  id: z.number().int().min(0),
  method: z.string().max(100),
  request: z.unknown(),
});
export type WireCall = z.infer<typeof WireCallSchema>;

/**
 * A call whose JSON is longer than one frame may carry (MAX_MESSAGE_BYTES, api/limits.ts)
 * travels as consecutive `chunk` frames of that JSON text with the call's id; the server joins
 * them at `last` and handles the call as if it had come whole, up to MAX_CALL_BYTES in all.
 */
export const WireChunkSchema = z.object({
  type: z.literal('chunk'),
  id: z.number().int().min(0),
  data: z.string(),
  last: z.boolean(),
});
export type WireChunk = z.infer<typeof WireChunkSchema>;

export const WireClientMessageSchema = z.discriminatedUnion('type', [WireCallSchema, WireChunkSchema]);

/** Server to client. */
export type WireResult<M extends ApiMethod = ApiMethod> =
  | { type: 'result'; id: number; ok: true; value: ApiResponses[M] }
  | { type: 'result'; id: number; ok: false; error: ApiErrorDto };

export interface WireEvent<E extends ApiEventName = ApiEventName> { type: 'event'; event: E; payload: ApiEvents[E] }

export type WireServerMessage = WireResult | WireEvent;
