/**
 * Browser mode's API socket: the protocol of shared/api/wire.ts over `ws`, on the HTTP server's
 * upgrade. Refuses (403) a missing or wrong token and any Origin but the page's own.
 */
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { WS_PATH, WireCallSchema, type WireServerMessage } from '../../shared/api/wire';
import type { EventBus } from '../services/events';
import type { Router } from '../services/router';
import { allowedOrigins, requestUrl, sameToken, tokenFromCookie, tokenFromQuery } from './session';

/** A client this far behind gets no more progress events until it catches up (status events still go). */
const MAX_BUFFERED_BYTES = 16 * 1024 * 1024;
const MAX_MESSAGE_BYTES = 32 * 1024 * 1024;

export interface WebSocketApiOptions {
  server: Server;
  router: Router;
  bus: EventBus;
  token: string;
  port: () => number;
}

export function attachWebSocketApi({ server, router, bus, token, port }: WebSocketApiOptions): WebSocketServer {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = requestUrl(req);
    if (!url) return refuse(socket, 400, 'Bad Request');
    const origin = req.headers.origin;
    // Browsers always send Origin; clients without one (tests, scripts) still need the token.
    const originOk = origin === undefined || allowedOrigins(port()).has(origin);
    const tokenOk = sameToken(tokenFromQuery(url), token) || sameToken(tokenFromCookie(req), token);
    if (url.pathname !== WS_PATH) return refuse(socket, 404, 'Not Found');
    if (!tokenOk || !originOk) return refuse(socket, 403, 'Forbidden');
    wss.handleUpgrade(req, socket, head, (ws) => serve(ws, router, bus));
  });
  return wss;
}

function refuse(socket: Duplex, status: number, text: string): void {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  socket.destroy();
}

function serve(ws: WebSocket, router: Router, bus: EventBus): void {
  const send = (message: WireServerMessage): void => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
  };
  const unsubscribe = bus.subscribe((event, payload) => {
    if (event === 'run.progress' && ws.bufferedAmount > MAX_BUFFERED_BYTES) return;
    send({ type: 'event', event, payload } as WireServerMessage);
  });
  ws.on('close', unsubscribe);
  ws.on('error', unsubscribe);
  ws.on('message', (data) => {
    let call;
    try {
      call = WireCallSchema.safeParse(JSON.parse(data.toString()));
    } catch {
      return ws.close(1007, 'messages must be JSON');
    }
    if (!call.success) return ws.close(1008, 'not a call');
    const { id, method, request } = call.data;
    void router.call(method, request).then((result) => send({ type: 'result', id, ...result } as WireServerMessage));
  });
}
