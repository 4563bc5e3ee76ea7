/**
 * kill -9 during training, five times, on one data folder: browser mode runs as a process of its
 * own (from source, `node --import tsx src/main/serve.ts`), a WebSocket client starts a run and
 * records every `run.progress` point it receives, the server is killed with SIGKILL mid-run and
 * started again on the same folder. Every point a client was shown must be in the run's stored
 * metrics (main writes a progress message before it announces it, and a committed WAL
 * transaction survives the process), the run is `interrupted` after the restart, and the file
 * passes `PRAGMA integrity_check`. No sleeps: each step waits on the server's output or events.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { ApiEvents, MetricSeries, RunSummary } from '../../src/shared/api/dto';
import type { WireServerMessage } from '../../src/shared/api/wire';
import { DATABASE_FILE } from '../../src/main/services/store';
import { endlessSpec, tempDir, withDatabase } from '../integration/helpers';

const TOKEN = 'reliability-token-0123456789';
const ROUNDS = 5;
/** Progress events with points a client sees before the kill. */
const EVENTS_BEFORE_KILL = 3;
const ADDRESS = /Backprop Lab \(browser mode\): http:\/\/127\.0\.0\.1:(\d+)\//;

interface Server { child: ChildProcess; port: number; exited: Promise<NodeJS.Signals | number | null> }

function startServer(dataDir: string): Promise<Server> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main/serve.ts', '--data-dir', dataDir, '--port', '0', '--max-jobs', '1'], {
    stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, BACKPROP_LAB_TOKEN: TOKEN },
  });
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.once('exit', (code, signal) => resolve(signal ?? code)));
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const m = ADDRESS.exec(output);
      if (m) resolve({ child, port: Number(m[1]), exited });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then((how) => reject(new Error(`server ended (${how}) before printing its address:\n${output}`)));
  });
}

/** A WebSocket API client: calls by id, and every event to `onEvent`. */
async function connect(port: number, onEvent: (message: Extract<WireServerMessage, { type: 'event' }>) => void) {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/api?token=${TOKEN}`);
  await new Promise<void>((resolve, reject) => { ws.once('open', () => resolve()); ws.once('error', reject); });
  let nextId = 1;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  ws.on('message', (data) => {
    const message = JSON.parse(data.toString()) as WireServerMessage;
    if (message.type === 'event') return onEvent(message);
    const waiter = pending.get(message.id);
    pending.delete(message.id);
    if (message.ok) waiter?.resolve(message.value);
    else waiter?.reject(new Error(`${message.error.code}: ${message.error.message}`));
  });
  ws.on('close', () => { for (const w of pending.values()) w.reject(new Error('socket closed')); pending.clear(); });
  ws.on('error', () => {});
  return {
    call<T>(method: string, request: unknown = {}): Promise<T> {
      const id = nextId++;
      return new Promise<T>((resolve, reject) => {
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
        ws.send(JSON.stringify({ type: 'call', id, method, request }));
      });
    },
    close: (): void => ws.terminate(),
  };
}

const key = (name: string, step: number, value: number): string => `${name}@${step}=${value}`;

describe('kill -9 during training', () => {
  let temp: ReturnType<typeof tempDir>;
  beforeAll(() => { temp = tempDir(); });
  afterAll(() => temp.remove());

  it(`loses no metric point a client was shown, ${ROUNDS} times over`, async () => {
    const shown = new Map<number, string[]>();
    for (let round = 0; round < ROUNDS; round++) {
      const server = await startServer(temp.dir);
      try {
        let runId = -1;
        let eventsWithPoints = 0;
        const points: string[] = [];
        let enough!: () => void;
        const seenEnough = new Promise<void>((resolve) => { enough = resolve; });
        const client = await connect(server.port, (message) => {
          if (message.event !== 'run.progress') return;
          const progress = message.payload as ApiEvents['run.progress'];
          if (progress.runId !== runId) return;
          for (const s of progress.points) s.step.forEach((step, i) => points.push(key(s.name, step, s.value[i])));
          if (progress.points.some((s) => s.step.length > 0) && ++eventsWithPoints >= EVENTS_BEFORE_KILL) enough();
        });

        // the runs a killed server left: interrupted, with every point their client was shown
        const runs = await client.call<RunSummary[]>('runs.list');
        for (const [id, keys] of shown) {
          expect(runs.find((r) => r.id === id)?.status).toBe('interrupted');
          const stored = new Set((await client.call<MetricSeries[]>('runs.metrics', { id }))
            .flatMap((s) => s.step.map((step, i) => key(s.name, step, s.value[i]))));
          expect(keys.filter((k) => !stored.has(k))).toEqual([]);
        }

        runId = (await client.call<RunSummary>('runs.start', { spec: { ...endlessSpec(), name: `kill ${round + 1}` } })).id;
        await seenEnough;
        // what the client has been shown up to the kill: nothing after it can arrive
        server.child.kill('SIGKILL');
        expect(await server.exited).toBe('SIGKILL');
        client.close();
        expect(points.length).toBeGreaterThan(0);
        shown.set(runId, points);
      } finally {
        server.child.kill('SIGKILL');
      }
    }

    // the last round's points, read from the file the killed process left
    const lastId = Math.max(...shown.keys());
    const file = join(temp.dir, DATABASE_FILE);
    const stored = new Set(withDatabase(file, (db) =>
      (db.prepare('SELECT name, step, value FROM metrics WHERE run_id = ?').all(lastId) as { name: string; step: number; value: number }[])
        .map((r) => key(r.name, r.step, r.value))));
    expect(shown.get(lastId)!.filter((k) => !stored.has(k))).toEqual([]);
    expect(withDatabase(file, (db) => db.pragma('integrity_check', { simple: true }))).toBe('ok');
    expect(shown.size).toBe(ROUNDS);
  });
});
