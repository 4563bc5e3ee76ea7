/** Shared pieces of the integration tests: temp data folders, services per test, tiny specs, waiting on events. */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import type { ApiEvents, RunStatus, RunSummary } from '../../src/shared/api/dto';
import type { TrainSpecInput } from '../../src/shared/training/trainSpec';
import { createAppServices, type AppServices } from '../../src/main/services/app';

export function tempDir(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'backprop-lab-test-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Raw SQL on a database file, through a connection of the test's own (the store never hands
 * out its connection): for checks no repository answers (pragmas, derived tables).
 */
export function withDatabase<T>(file: string, read: (db: Database.Database) => T): T {
  const db = new Database(file);
  try {
    return read(db);
  } finally {
    db.close();
  }
}

/**
 * Fresh services in browser mode on their own temp data folder for each test of the enclosing
 * describe (beforeEach), closed and the folder removed after it (afterEach).
 */
export function servicesPerTest({ maxJobs = 1 }: { maxJobs?: number } = {}): { readonly services: AppServices } {
  let temp: ReturnType<typeof tempDir>;
  let services: AppServices;
  beforeEach(() => {
    temp = tempDir();
    services = createAppServices({ dataDir: temp.dir, mode: 'browser', maxJobs });
  });
  afterEach(async () => {
    await services.close();
    temp.remove();
  });
  return {
    get services() {
      return services;
    },
  };
}

/**
 * One services instance in browser mode on its own temp data folder for the whole file (or the
 * enclosing describe): opened before its first test, closed and the folder removed after its last.
 */
export function servicesPerFile({ maxJobs = 1 }: { maxJobs?: number } = {}): { readonly services: AppServices } {
  let temp: ReturnType<typeof tempDir>;
  let services: AppServices;
  beforeAll(() => {
    temp = tempDir();
    services = createAppServices({ dataDir: temp.dir, mode: 'browser', maxJobs });
  });
  afterAll(async () => {
    await services.close();
    temp.remove();
  });
  return {
    get services() {
      return services;
    },
  };
}

/** XOR with a 2-2-1 sigmoid net: learns in a few thousand full-batch epochs. */
export const xorSpec = (overrides: Partial<TrainSpecInput> = {}): TrainSpecInput => ({
  dataset: { kind: 'builtin', name: 'xor-gate' },
  layers: [{ units: 2, activation: 'sigmoid' }, { units: 1, activation: 'sigmoid' }],
  loss: 'mse',
  learningRate: 2,
  epochs: 2000,
  ...overrides,
});

/**
 * Still training whenever a test pauses or stops it, however fast the machine: the XOR corners
 * repeated 2,048 times (8,192 rows) with full-batch steps, so a million epochs are a million
 * 8,192-row passes of the 2-2-1 net (hours, where plain XOR would finish in about a second and
 * let a fast machine complete the run before the test's stop arrives). One epoch is one step.
 */
export const endlessSpec = (): TrainSpecInput => {
  const corners = [[0, 0], [0, 1], [1, 0], [1, 1]];
  const inputs = Array.from({ length: 8192 }, (_, k) => corners[k % 4]);
  return xorSpec({
    dataset: { kind: 'inline', name: 'xor-repeated', task: 'classification', inputNames: ['x1', 'x2'], outputNames: ['xor'], inputs, targets: inputs.map(([a, b]) => [a ^ b]) },
    epochs: 1_000_000,
  });
};

/** A linear unit on large inputs with a huge rate: the loss overflows within a few steps. */
export const divergingSpec = (): TrainSpecInput => ({
  dataset: { kind: 'inline', task: 'regression', inputNames: ['x'], outputNames: ['y'], inputs: [[1000], [2000], [3000]], targets: [[1], [2], [3]] },
  layers: [{ units: 1, activation: 'linear' }],
  loss: 'mse',
  learningRate: 100,
  epochs: 1000,
});

export const FINAL: readonly RunStatus[] = ['completed', 'stopped', 'failed', 'diverged', 'interrupted'];

/** Calls a method through the router and returns the value, failing the test on an error. */
export async function call<T = unknown>(services: AppServices, method: string, request: unknown = {}): Promise<T> {
  const result = await services.router.call(method, request);
  if (!result.ok) throw new Error(`${method} failed: ${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

/** Resolves with the run once its status is one of `statuses` (checked now, then on every status event). */
export function waitForStatus(services: AppServices, runId: number, statuses: readonly RunStatus[]): Promise<RunSummary> {
  return new Promise((resolve) => {
    const check = (): boolean => {
      const run = services.store.runs.get(runId);
      if (run && statuses.includes(run.status)) {
        unsubscribe();
        resolve(run);
        return true;
      }
      return false;
    };
    const unsubscribe = services.bus.subscribe((event, payload) => {
      if (event === 'run.status' && (payload as ApiEvents['run.status']).runId === runId) check();
    });
    check();
  });
}

/** Resolves with the first `run.progress` event of the run that satisfies `accept`. */
export function waitForProgress(
  services: AppServices, runId: number, accept: (e: ApiEvents['run.progress']) => boolean = () => true,
): Promise<ApiEvents['run.progress']> {
  return new Promise((resolve) => {
    const unsubscribe = services.bus.subscribe((event, payload) => {
      const progress = payload as ApiEvents['run.progress'];
      if (event === 'run.progress' && progress.runId === runId && accept(progress)) {
        unsubscribe();
        resolve(progress);
      }
    });
  });
}

/** Streams for a CLI command run in-process, and what it wrote to each. */
export function captureIo(env: NodeJS.ProcessEnv = {}): {
  io: { stdout: PassThrough; stderr: PassThrough; env: NodeJS.ProcessEnv }; out: () => string; err: () => string;
} {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d) => { out += d; });
  stderr.on('data', (d) => { err += d; });
  return { io: { stdout, stderr, env }, out: () => out, err: () => err };
}
