/**
 * Browser mode's API socket: the protocol of shared/api/wire.ts over `ws`, on the HTTP server's
 * upgrade. Refuses (403) a missing or wrong token and any Origin but the page's own.
 * A call over a limit (api/limits.ts) is answered with a `too-large` error, never by closing:
 * a frame over MAX_MESSAGE_BYTES (the client sends such calls in chunks) and chunks adding up
 * to more than MAX_CALL_BYTES. Only a frame too big to read at all (over FRAME_HARD_LIMIT) or
 * one that is not a call closes the socket.
 */
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { WS_PATH, WireCallSchema, WireClientMessageSchema, type WireServerMessage } from '../../shared/api/wire';
import { MAX_CALL_BYTES, MAX_MESSAGE_BYTES, tooLargeError } from '../../shared/api/limits';
import type { ApiErrorDto } from '../../shared/api/dto';
import type { EventBus } from '../services/events';
import type { Router } from '../services/router';
import { allowedOrigins, requestUrl, sameToken, tokenFromCookie, tokenFromQuery } from './session';

/** A client this far behind gets no more progress events until it catches up (status events still go). */
const MAX_BUFFERED_BYTES = 16 * 1024 * 1024;
/** Frames up to this are read so that an oversized call can be answered by its id; larger ones close the socket (1009). */
const FRAME_HARD_LIMIT = 2 * MAX_MESSAGE_BYTES;

export interface WebSocketApiOptions {
  server: Server;
  router: Router;
  bus: EventBus;
  token: string;
  port: () => number;
  /** Tests lower it to see the limit at work without sending hundreds of megabytes. */
  maxCallBytes?: number;
}

export function attachWebSocketApi({ server, router, bus, token, port, maxCallBytes = MAX_CALL_BYTES }: WebSocketApiOptions): WebSocketServer {
  const wss = new WebSocketServer({ noServer: true, maxPayload: FRAME_HARD_LIMIT });

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = requestUrl(req);
    if (!url) return refuse(socket, 400, 'Bad Request');
    const origin = req.headers.origin;
    // Browsers always send Origin; clients without one (tests, scripts) still need the token.
    const originOk = origin === undefined || allowedOrigins(port()).has(origin);
    const tokenOk = sameToken(tokenFromQuery(url), token) || sameToken(tokenFromCookie(req), token);
    if (url.pathname !== WS_PATH) return refuse(socket, 404, 'Not Found');
    if (!tokenOk || !originOk) return refuse(socket, 403, 'Forbidden');
    wss.handleUpgrade(req, socket, head, (ws) => serve(ws, router, bus, maxCallBytes));
  });
  return wss;
}

function refuse(socket: Duplex, status: number, text: string): void {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  socket.destroy();
}

function serve(ws: WebSocket, router: Router, bus: EventBus, maxCallBytes: number): void {
  const send = (message: WireServerMessage): void => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
  };
  const unsubscribe = bus.subscribe((event, payload) => {
    if (event === 'run.progress' && ws.bufferedAmount > MAX_BUFFERED_BYTES) return;
    send({ type: 'event', event, payload } as WireServerMessage);
  });
  ws.on('close', unsubscribe);
  ws.on('error', unsubscribe);
  const answer = (id: number, result: { ok: true; value: unknown } | { ok: false; error: ApiErrorDto }): void =>
    send({ type: 'result', id, ...result } as WireServerMessage);
  const dispatch = (id: number, method: string, request: unknown): void => {
    void router.call(method, request).then((result) => answer(id, result));
  };
  /** Calls arriving in chunks: their parts so far, or null once refused (the rest is dropped). */
  const partial = new Map<number, { parts: string[]; bytes: number } | null>();
  let partialBytes = 0;

  ws.on('message', (raw) => {
    const data = raw as Buffer;
    if (data.length > MAX_MESSAGE_BYTES) {
      const id = /"id"\s*:\s*(\d{1,15})/.exec(data.subarray(0, 1024).toString())?.[1];
      if (id === undefined) return ws.close(1009, 'message too large');
      return answer(Number(id), { ok: false, error: tooLargeError('one WebSocket message', data.length, MAX_MESSAGE_BYTES, 'MAX_MESSAGE_BYTES') });
    }
    let message;
    try {
      message = WireClientMessageSchema.safeParse(JSON.parse(data.toString()));
    } catch {
      return ws.close(1007, 'messages must be JSON');
    }
    if (!message.success) return ws.close(1008, 'not a call');
    if (message.data.type === 'call') {
      const { id, method, request } = message.data;
      return dispatch(id, method, request);
    }
    const { id, data: text, last } = message.data;
    let entry = partial.get(id);
    if (entry === undefined) partial.set(id, (entry = { parts: [], bytes: 0 }));
    if (entry !== null) {
      const bytes = Buffer.byteLength(text);
      entry.parts.push(text);
      entry.bytes += bytes;
      partialBytes += bytes;
      if (partialBytes > maxCallBytes) {
        partialBytes -= entry.bytes;
        partial.set(id, null);
        answer(id, { ok: false, error: tooLargeError('the call', entry.bytes, maxCallBytes, 'MAX_CALL_BYTES') });
        entry = null;
      }
    }
    if (!last) return;
    partial.delete(id);
    if (entry === null) return;
    partialBytes -= entry.bytes;
    let call;
    try {
      call = WireCallSchema.safeParse(JSON.parse(entry.parts.join('')));
    } catch {
      return ws.close(1007, 'messages must be JSON');
    }
    if (!call.success || call.data.id !== id) return ws.close(1008, 'not a call');
    dispatch(id, call.data.method, call.data.request);
  });
  ws.on('close', () => partial.clear());
}
