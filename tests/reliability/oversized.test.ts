/**
 * Calls over a size limit on a real browser-mode WebSocket: each is answered with the typed
 * `too-large` error naming the limit, and the socket stays open for the next call. A call
 * longer than one frame (but under the call limit) goes through in chunks.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createAppServices, type AppServices } from '../../src/main/services/app';
import { startBrowserServer, type BrowserServer } from '../../src/main/transport/browserServer';
import { MAX_MESSAGE_BYTES, WIRE_CHUNK_CHARS } from '../../src/shared/api/limits';
import type { WireServerMessage } from '../../src/shared/api/wire';
import { createWsClient } from '../../src/renderer/src/api/wsClient';
import type { ApiError } from '../../src/renderer/src/api/ApiError';
import { tempDir } from '../integration/helpers';

const TOKEN = 'oversized-token-0123456789';
/** Lowered so that going over it takes a few megabytes, not hundreds. */
const TEST_CALL_LIMIT = 3 * WIRE_CHUNK_CHARS;

/** Opens a raw socket; `next()` resolves with the next message, in order. */
async function rawSocket(url: string) {
  const ws = new WebSocket(url);
  const queue: WireServerMessage[] = [];
  const waiting: ((m: WireServerMessage) => void)[] = [];
  ws.on('message', (data) => {
    const message = JSON.parse(String(data)) as WireServerMessage;
    if (message.type !== 'result') return;
    const w = waiting.shift();
    if (w) w(message);
    else queue.push(message);
  });
  await new Promise<void>((resolve, reject) => { ws.once('open', () => resolve()); ws.once('error', reject); });
  return {
    ws,
    next: (): Promise<WireServerMessage> => new Promise((resolve) => {
      const m = queue.shift();
      if (m) resolve(m);
      else waiting.push(resolve);
    }),
  };
}

/** An inline regression set whose JSON is longer than one chunk. */
function bigDataset(rows: number, width: number) {
  const inputs = Array.from({ length: rows }, (_, r) => Array.from({ length: width }, (_, c) => ((r * 7919 + c * 104729) % 1_000_003) / 1_000_003));
  return {
    kind: 'inline', name: 'big', task: 'regression', inputNames: Array.from({ length: width }, (_, c) => `x${c}`), outputNames: ['y'],
    inputs, targets: inputs.map((x) => [x[0]]), scaling: 'min-max',
  };
}

describe('oversized calls over browser mode', () => {
  let temp: ReturnType<typeof tempDir>;
  let services: AppServices;
  let server: BrowserServer;
  let wsUrl: string;

  beforeAll(async () => {
    temp = tempDir();
    const renderer = join(temp.dir, 'renderer');
    mkdirSync(renderer, { recursive: true });
    writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>Backprop Lab</title>');
    services = createAppServices({ dataDir: join(temp.dir, 'data'), mode: 'browser', maxJobs: 1 });
    server = await startBrowserServer({ router: services.router, bus: services.bus, rendererDir: renderer, token: TOKEN, port: 0, maxCallBytes: TEST_CALL_LIMIT });
    wsUrl = `ws://127.0.0.1:${server.port}/api?token=${TOKEN}`;
  });
  afterAll(async () => {
    await server.close();
    await services.close();
    temp.remove();
  });

  it('answers one frame over MAX_MESSAGE_BYTES with too-large and keeps the socket open', async () => {
    const { ws, next } = await rawSocket(wsUrl);
    const padding = 'x'.repeat(MAX_MESSAGE_BYTES + 1024);
    ws.send(JSON.stringify({ type: 'call', id: 7, method: 'models.import', request: { text: padding } }));
    const answer = await next();
    expect(answer).toMatchObject({ type: 'result', id: 7, ok: false, error: { code: 'too-large', limit: { name: 'MAX_MESSAGE_BYTES', bytes: MAX_MESSAGE_BYTES } } });
    expect(answer.type === 'result' && !answer.ok && answer.error.message).toMatch(/^one WebSocket message is 33,55\d,\d{3} bytes; the limit is 33,554,432 bytes \(MAX_MESSAGE_BYTES\)$/);
    expect(ws.readyState).toBe(WebSocket.OPEN);
    ws.send(JSON.stringify({ type: 'call', id: 8, method: 'app.info', request: {} }));
    expect(await next()).toMatchObject({ type: 'result', id: 8, ok: true });
    ws.close();
  });

  it('answers chunks adding up to more than MAX_CALL_BYTES with too-large, drops the rest and keeps the socket open', async () => {
    const { ws, next } = await rawSocket(wsUrl);
    const part = 'y'.repeat(WIRE_CHUNK_CHARS);
    for (let i = 0; i < 4; i++) ws.send(JSON.stringify({ type: 'chunk', id: 3, data: part, last: i === 3 }));
    expect(await next()).toMatchObject({ type: 'result', id: 3, ok: false, error: { code: 'too-large', limit: { name: 'MAX_CALL_BYTES', bytes: TEST_CALL_LIMIT } } });
    ws.send(JSON.stringify({ type: 'call', id: 4, method: 'app.info', request: {} }));
    expect(await next()).toMatchObject({ type: 'result', id: 4, ok: true });
    expect(ws.readyState).toBe(WebSocket.OPEN);
    ws.close();
  });

  it("the renderer's client sends a call longer than one frame in chunks, and it is answered", async () => {
    const client = createWsClient({ url: wsUrl, WebSocketImpl: WebSocket as unknown as typeof globalThis.WebSocket });
    try {
      const spec = bigDataset(60_000, 14);
      expect(JSON.stringify(spec).length).toBeGreaterThan(WIRE_CHUNK_CHARS);
      const preview = await client.api.datasets.preview({ spec: spec as never, maxPoints: 10 });
      expect(preview.train.x).toHaveLength(10);
      expect(preview.inputNames).toHaveLength(14);
    } finally {
      client.close();
    }
  });

  it("the renderer's client refuses a call over MAX_CALL_BYTES before sending it, with the same typed error", async () => {
    const client = createWsClient({ url: wsUrl, WebSocketImpl: WebSocket as unknown as typeof globalThis.WebSocket, maxCallBytes: 1024 });
    try {
      const refused = await client.api.models.import({ text: 'z'.repeat(2048) }).catch((err: ApiError) => err);
      expect(refused).toMatchObject({ code: 'too-large', limit: { name: 'MAX_CALL_BYTES', bytes: 1024 } });
      expect((refused as ApiError).message).toMatch(/^'models\.import' is \d+ KiB; the limit is 1 KiB \(MAX_CALL_BYTES\)$/);
      expect(client.connection.state).not.toBe('reconnecting');
      await expect(client.api.app.info({})).resolves.toBeTruthy();
    } finally {
      client.close();
    }
  });
});
