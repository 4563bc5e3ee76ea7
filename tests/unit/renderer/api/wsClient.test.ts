import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createWsClient, reconnectDelayMs, type WsClient } from '../../../../src/renderer/src/api/wsClient';
import { ApiError } from '../../../../src/renderer/src/api/ApiError';
import { MissingTokenError, wsUrlFor } from '../../../../src/renderer/src/api';

/** Just enough of a WebSocket: records what was sent, lets the test open, answer and drop it. */
class FakeSocket {
  static CONNECTING = 0;
  static OPEN = 1;
  static CLOSING = 2;
  static CLOSED = 3;
  static instances: FakeSocket[] = [];
  readyState = FakeSocket.CONNECTING;
  sent: { id: number; method: string; request: unknown }[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((ev: { data: string }) => void) | null = null;
  onclose: (() => void) | null = null;
  constructor(readonly url: string) {
    FakeSocket.instances.push(this);
  }
  send(data: string) {
    this.sent.push(JSON.parse(data));
  }
  close() {
    this.drop();
  }
  open() {
    this.readyState = FakeSocket.OPEN;
    this.onopen?.();
  }
  receive(message: unknown) {
    this.onmessage?.({ data: JSON.stringify(message) });
  }
  drop() {
    this.readyState = FakeSocket.CLOSED;
    this.onclose?.();
  }
}

const latest = () => FakeSocket.instances[FakeSocket.instances.length - 1];
let client: WsClient;

beforeEach(() => {
  vi.useFakeTimers();
  FakeSocket.instances = [];
  client = createWsClient({ url: 'ws://127.0.0.1:1/api?token=t', WebSocketImpl: FakeSocket as unknown as typeof WebSocket, queueTimeoutMs: 1000 });
});
afterEach(() => {
  client.close();
  vi.useRealTimers();
});

describe('the browser-mode WebSocket client', () => {
  it('sends a call with the method name and resolves with the result', async () => {
    latest().open();
    const answer = client.api.runs.get({ id: 7 });
    const [call] = latest().sent;
    expect(call).toMatchObject({ type: 'call', method: 'runs.get', request: { id: 7 } });
    latest().receive({ type: 'result', id: call.id, ok: true, value: { id: 7 } });
    await expect(answer).resolves.toEqual({ id: 7 });
  });

  it('rejects with an ApiError that carries the code and the field issues', async () => {
    latest().open();
    const answer = client.api.runs.start({ spec: {} as never });
    const [call] = latest().sent;
    latest().receive({ type: 'result', id: call.id, ok: false, error: { code: 'bad-request', message: 'invalid', issues: [{ path: 'spec.learningRate', message: 'Too small' }] } });
    const err = await answer.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ code: 'bad-request', issues: [{ path: 'spec.learningRate', message: 'Too small' }] });
  });

  it('holds calls made before the socket opens and sends them on open', async () => {
    const answer = client.api.app.info({});
    expect(latest().sent).toHaveLength(0);
    latest().open();
    expect(latest().sent[0].method).toBe('app.info');
    latest().receive({ type: 'result', id: latest().sent[0].id, ok: true, value: { version: '1' } });
    await expect(answer).resolves.toEqual({ version: '1' });
  });

  it('rejects calls in flight with a clear message when the connection drops', async () => {
    latest().open();
    const answer = client.api.runs.list({});
    latest().drop();
    await expect(answer).rejects.toMatchObject({ code: 'disconnected', message: expect.stringContaining("'runs.list'") });
  });

  it('gives up on a call that could not be sent within the queue timeout', async () => {
    const answer = client.api.runs.list({});
    const caught = answer.catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(1001);
    expect(await caught).toMatchObject({ code: 'disconnected', message: expect.stringContaining('Cannot reach') });
  });

  // The jitter factor lies between 0.75 and 1.25: pinned at both ends, the retries come at exactly
  // the backoff (250 ms, 500 ms, 1000 ms) times that factor, so no draw of the jitter can break this.
  const LOWEST = () => 0;
  const HIGHEST = () => 1 - Number.EPSILON;
  for (const [end, random, factor] of [['lowest', LOWEST, 0.75], ['highest', HIGHEST, 1.25]] as const) {
    it(`reconnects with growing delays and reports that it reconnected (jitter at its ${end})`, async () => {
      client.close();
      FakeSocket.instances = [];
      client = createWsClient({ url: 'ws://127.0.0.1:1/api?token=t', WebSocketImpl: FakeSocket as unknown as typeof WebSocket, random });
      const states: [string, boolean][] = [];
      client.connection.subscribe((s, reconnected) => states.push([s, reconnected]));
      latest().open();
      expect(states.at(-1)).toEqual(['open', false]);
      for (const [attempt, backoff] of [250, 500, 1000].entries()) {
        latest().drop();
        expect(client.connection.state).toBe('reconnecting');
        const delay = Math.floor(backoff * factor);
        await vi.advanceTimersByTimeAsync(delay - 1);
        expect(FakeSocket.instances, `attempt ${attempt} came before ${delay} ms`).toHaveLength(attempt + 1);
        await vi.advanceTimersByTimeAsync(1);
        expect(FakeSocket.instances, `attempt ${attempt} had not come at ${delay} ms`).toHaveLength(attempt + 2);
      }
      latest().open();
      expect(states.at(-1)).toEqual(['open', true]);
      // a successful connection starts the backoff again from the smallest delay
      latest().drop();
      await vi.advanceTimersByTimeAsync(Math.floor(250 * factor));
      expect(FakeSocket.instances).toHaveLength(5);
    });
  }

  it('keeps every reconnect delay inside the jitter bounds and under the cap', () => {
    for (const attempt of [0, 1, 2, 3, 4, 5, 10]) {
      const backoff = Math.min(5000, 250 * 2 ** attempt);
      expect(reconnectDelayMs(attempt, 250, 5000, () => 0)).toBe(Math.floor(backoff * 0.75));
      expect(reconnectDelayMs(attempt, 250, 5000, () => 0.5)).toBe(backoff);
      expect(reconnectDelayMs(attempt, 250, 5000, () => 1 - Number.EPSILON)).toBe(Math.floor(backoff * 1.25));
      for (let k = 0; k < 100; k++) {
        const delay = reconnectDelayMs(attempt, 250, 5000, () => k / 100);
        expect(delay).toBeGreaterThanOrEqual(Math.floor(backoff * 0.75));
        expect(delay).toBeLessThanOrEqual(backoff * 1.25);
      }
    }
  });

  it('stops reconnecting and says so when the restarted server refuses the page token', async () => {
    client.close();
    FakeSocket.instances = [];
    const asked: number[] = [];
    let refused = false;
    client = createWsClient({
      url: 'ws://127.0.0.1:1/api?token=old', WebSocketImpl: FakeSocket as unknown as typeof WebSocket,
      random: () => 0.5, tokenRefused: async () => { asked.push(FakeSocket.instances.length); return refused; },
    });
    const states: string[] = [];
    client.connection.subscribe((state) => states.push(state));
    latest().open();
    const inFlight = client.api.app.info({});
    latest().drop(); // the restart: always retried once without asking
    await expect(inFlight).rejects.toThrow('Reconnecting');
    expect(asked).toEqual([]);
    await vi.advanceTimersByTimeAsync(250);
    latest().drop(); // the first attempt failed: now the client asks; the server is merely down
    await vi.advanceTimersByTimeAsync(0);
    expect(asked).toEqual([2]);
    expect(client.connection.state).toBe('reconnecting');
    await vi.advanceTimersByTimeAsync(500);
    expect(FakeSocket.instances).toHaveLength(3);
    refused = true;
    const queued = client.api.runs.list({}).catch((e: unknown) => e);
    latest().drop();
    await vi.advanceTimersByTimeAsync(0);
    expect(client.connection.state).toBe('refused');
    expect(states.at(-1)).toBe('refused');
    expect(await queued).toBeInstanceOf(ApiError);
    expect(((await queued) as ApiError).message).toContain("refuses this tab's address");
    await vi.advanceTimersByTimeAsync(60_000);
    expect(FakeSocket.instances).toHaveLength(3); // no more attempts
  });

  it('delivers pushed events to every subscriber until it unsubscribes', () => {
    latest().open();
    const seen: number[] = [];
    const off = client.api.on('run.status', (p) => seen.push(p.runId));
    client.api.on('run.status', (p) => seen.push(p.runId * 10));
    latest().receive({ type: 'event', event: 'run.status', payload: { runId: 1 } });
    off();
    latest().receive({ type: 'event', event: 'run.status', payload: { runId: 2 } });
    expect(seen).toEqual([1, 10, 20]);
  });
});

describe('the WebSocket address', () => {
  it('is the page host with the token of the page address', () => {
    expect(wsUrlFor({ protocol: 'http:', host: '127.0.0.1:5000', search: '?token=abc' })).toBe('ws://127.0.0.1:5000/api?token=abc');
  });

  it('cannot be made without a token, and says where to find one', () => {
    expect(() => wsUrlFor({ protocol: 'http:', host: '127.0.0.1:5000', search: '' })).toThrow(MissingTokenError);
  });
});
