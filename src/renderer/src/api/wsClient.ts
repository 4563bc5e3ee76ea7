/**
 * Browser mode's BackpropApi: calls and events over one WebSocket (src/shared/api/wire.ts).
 * Reconnects with exponential backoff. A call in flight when the socket drops is rejected
 * (the server may or may not have done it, so only the caller can decide to retry); a call
 * made while disconnected waits for the next connection, up to `queueTimeoutMs`.
 * A call longer than one frame goes in `chunk` frames; one over MAX_CALL_BYTES is refused with
 * the `too-large` error before anything is sent, as the server would answer it.
 */
import type { ApiMethod, BackpropApi } from '../../../shared/api/contract';
import type { ApiEventName } from '../../../shared/api/dto';
import type { WireCall, WireChunk, WireServerMessage } from '../../../shared/api/wire';
import { MAX_CALL_BYTES, WIRE_CHUNK_CHARS, tooLargeError } from '../../../shared/api/limits';
import { ApiError } from './ApiError';
import type { ConnectionMonitor, ConnectionState } from './connection';
import { buildDomainApi } from './domainApi';

export interface WsClientOptions {
  url: string;
  /** Injected by tests; the browser's WebSocket otherwise. */
  WebSocketImpl?: typeof WebSocket;
  minBackoffMs?: number;
  maxBackoffMs?: number;
  queueTimeoutMs?: number;
  /** A source of uniform numbers in [0, 1) for the reconnect jitter; injected by tests, Math.random otherwise. */
  random?: () => number;
  /** Lowered by tests; MAX_CALL_BYTES otherwise. */
  maxCallBytes?: number;
  /**
   * Asked after a reconnect attempt fails: whether the server is up but refuses this page's token
   * (restarted with another one). Then reconnecting can never work: the client stops and says so
   * ('refused') instead of retrying forever. Absent: never asked.
   */
  tokenRefused?: () => Promise<boolean>;
}

/**
 * How long to wait before reconnect attempt `attempt` (0 for the first): exponential backoff from
 * `minMs`, capped at `maxMs`, times a jitter factor between 0.75 and 1.25 so that several tabs do
 * not hammer a restarting server in lockstep; in whole milliseconds, as timers count them.
 */
export function reconnectDelayMs(attempt: number, minMs: number, maxMs: number, random: () => number): number {
  return Math.floor(Math.min(maxMs, minMs * 2 ** attempt) * (0.75 + random() * 0.5));
}

/** UTF-8 length of a call's JSON; encoded only when it could be over the limit (a character is 1 to 3 bytes). */
function callBytes(json: string, limit: number): number {
  return json.length * 3 <= limit ? json.length : new TextEncoder().encode(json).length;
}

/** A call a server that refuses this page's token will never take: what to do, in words. */
const refusedError = (method: ApiMethod): ApiError =>
  new ApiError('disconnected', `The Backprop Lab server refuses this tab's address, so '${method}' was not sent. Open the address the server printed.`);

interface Pending {
  method: ApiMethod;
  resolve: (value: unknown) => void;
  reject: (err: ApiError) => void;
  sent: boolean;
  timer?: ReturnType<typeof setTimeout>;
}

export interface WsClient {
  api: BackpropApi;
  connection: ConnectionMonitor;
  close(): void;
}

export function createWsClient(options: WsClientOptions): WsClient {
  const { url, minBackoffMs = 250, maxBackoffMs = 5000, queueTimeoutMs = 15_000 } = options;
  const WS = options.WebSocketImpl ?? WebSocket;
  const random = options.random ?? Math.random;
  const maxCallBytes = options.maxCallBytes ?? MAX_CALL_BYTES;

  const pending = new Map<number, Pending>();
  const handlers = new Map<ApiEventName, Set<(payload: never) => void>>();
  const connectionListeners = new Set<(state: ConnectionState, reconnected: boolean) => void>();
  let nextId = 1;
  let socket: WebSocket | null = null;
  let state: ConnectionState = 'connecting';
  let everOpened = false;
  let attempt = 0;
  let closedByUser = false;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;

  const setState = (next: ConnectionState, reconnected = false): void => {
    state = next;
    for (const listener of connectionListeners) listener(next, reconnected);
  };

  const send = (id: number, p: Pending, json: string): void => {
    if (json.length <= WIRE_CHUNK_CHARS) socket!.send(json);
    else {
      for (let at = 0; at < json.length; at += WIRE_CHUNK_CHARS) {
        const chunk: WireChunk = { type: 'chunk', id, data: json.slice(at, at + WIRE_CHUNK_CHARS), last: at + WIRE_CHUNK_CHARS >= json.length };
        socket!.send(JSON.stringify(chunk));
      }
    }
    p.sent = true;
    clearTimeout(p.timer);
  };

  const queuedRequests = new Map<number, string>();

  const onMessage = (data: unknown): void => {
    let message: WireServerMessage;
    try {
      message = JSON.parse(String(data)) as WireServerMessage;
    } catch {
      return;
    }
    if (message.type === 'result') {
      const p = pending.get(message.id);
      if (!p) return;
      pending.delete(message.id);
      if (message.ok) p.resolve(message.value);
      else p.reject(ApiError.fromDto(message.error));
    } else if (message.type === 'event') {
      for (const handler of handlers.get(message.event) ?? []) {
        try {
          (handler as (payload: unknown) => void)(message.payload);
        } catch (err) {
          // One broken listener must not starve the others of events.
          console.error(`handler of ${message.event} failed`, err);
        }
      }
    }
  };

  const connect = (): void => {
    const ws = new WS(url);
    socket = ws;
    ws.onopen = () => {
      const reconnected = everOpened;
      everOpened = true;
      attempt = 0;
      setState('open', reconnected);
      for (const [id, request] of queuedRequests) {
        const p = pending.get(id);
        if (p && !p.sent) send(id, p, request);
      }
      queuedRequests.clear();
    };
    ws.onmessage = (ev) => onMessage(ev.data);
    ws.onclose = () => {
      if (socket !== ws) return;
      socket = null;
      for (const [id, p] of pending) {
        if (!p.sent) continue;
        pending.delete(id);
        p.reject(new ApiError('disconnected',
          `Lost the connection to the Backprop Lab server before '${p.method}' was answered. Reconnecting; try again in a moment.`));
      }
      if (closedByUser) return;
      setState(everOpened ? 'reconnecting' : 'connecting');
      const retry = (): void => {
        retryTimer = setTimeout(connect, reconnectDelayMs(attempt, minBackoffMs, maxBackoffMs, random));
        attempt += 1;
      };
      // a failed attempt (not the drop itself, which a restart always causes): is the token still good?
      if (attempt === 0 || !options.tokenRefused) return retry();
      options.tokenRefused().then((refused) => {
        if (closedByUser) return;
        if (!refused) return retry();
        for (const [id, p] of pending) {
          clearTimeout(p.timer);
          p.reject(refusedError(p.method));
          pending.delete(id);
        }
        queuedRequests.clear();
        setState('refused');
      }, retry);
    };
  };

  const call = (method: ApiMethod, request: unknown): Promise<unknown> =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      const json = JSON.stringify({ type: 'call', id, method, request } satisfies WireCall);
      const bytes = callBytes(json, maxCallBytes);
      if (bytes > maxCallBytes) {
        reject(ApiError.fromDto(tooLargeError(`'${method}'`, bytes, maxCallBytes, 'MAX_CALL_BYTES')));
        return;
      }
      if (state === 'refused') {
        reject(refusedError(method));
        return;
      }
      const p: Pending = { method, resolve, reject, sent: false };
      pending.set(id, p);
      if (socket && socket.readyState === WS.OPEN) {
        send(id, p, json);
        return;
      }
      queuedRequests.set(id, json);
      p.timer = setTimeout(() => {
        pending.delete(id);
        queuedRequests.delete(id);
        reject(new ApiError('disconnected',
          `Cannot reach the Backprop Lab server, so '${method}' was not sent. Is the server still running?`));
      }, queueTimeoutMs);
    });

  const on: BackpropApi['on'] = (event, handler) => {
    let set = handlers.get(event);
    if (!set) handlers.set(event, (set = new Set()));
    set.add(handler as (payload: never) => void);
    return () => set.delete(handler as (payload: never) => void);
  };

  connect();

  return {
    api: buildDomainApi(call, on),
    connection: {
      get state() {
        return state;
      },
      subscribe(listener) {
        connectionListeners.add(listener);
        return () => connectionListeners.delete(listener);
      },
    },
    close() {
      closedByUser = true;
      clearTimeout(retryTimer);
      socket?.close();
    },
  };
}
