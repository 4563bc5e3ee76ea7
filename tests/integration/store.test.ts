import Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAppServices } from '../../src/main/services/app';
import { LOCK_FILE } from '../../src/main/services/dataDirLock';
import { openStore } from '../../src/main/services/store';
import { migrate, SCHEMA_VERSION } from '../../src/main/services/store/migrations';
import { TrainSpecSchema } from '../../src/shared/training/trainSpec';
import { tempDir, withDatabase, xorSpec } from './helpers';

const schemaOf = (file: string): string[] => {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare<[], { sql: string }>("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY type, name").all().map((r) => r.sql);
  } finally {
    db.close();
  }
};

describe('store', () => {
  let temp: ReturnType<typeof tempDir>;
  beforeEach(() => { temp = tempDir(); });
  afterEach(() => temp.remove());

  it('creates the latest schema, in WAL mode, from an empty file', () => {
    const file = join(temp.dir, 'fresh.sqlite');
    openStore(file).close();
    withDatabase(file, (db) => {
      expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    });
  });

  // Every older version must reach exactly the schema a fresh file gets.
  for (let version = 0; version < SCHEMA_VERSION; version++) {
    it(`migrates a database of schema version ${version} to the latest`, () => {
      const fresh = join(temp.dir, 'fresh.sqlite');
      openStore(fresh).close();
      const old = join(temp.dir, `v${version}.sqlite`);
      const db = new Database(old);
      migrate(db, version);
      expect(db.pragma('user_version', { simple: true })).toBe(version);
      db.close();

      openStore(old).close();
      withDatabase(old, (migrated) => expect(migrated.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION));
      expect(schemaOf(old)).toEqual(schemaOf(fresh));
    });
  }

  it('refuses a database written by a newer version', () => {
    const file = join(temp.dir, 'future.sqlite');
    const db = new Database(file);
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    expect(() => openStore(file)).toThrow(/newer Backprop Lab/);
  });

  it('has a default experiment that new runs belong to', () => {
    const store = openStore(join(temp.dir, 'db.sqlite'));
    const [experiment] = store.experiments.list();
    expect(experiment.name).toBe('Default');
    expect(store.experiments.defaultId()).toBe(experiment.id);
    store.close();
  });

  it('stores checkpoints as exact Float64Array bytes', () => {
    const store = openStore(join(temp.dir, 'db.sqlite'));
    const spec = TrainSpecSchema.parse(xorSpec());
    const run = store.runs.create({ experimentId: store.experiments.defaultId(), name: 'r', spec, dataset: 'xor-gate', architecture: '2-2-1', status: 'queued' });
    const params = Float64Array.from([0.1, -2.5e-300, Math.PI, 1e300]);
    const info = store.checkpoints.add(run.id, 7, 3, params);
    expect(Array.from(store.checkpoints.get(run.id, info.id)!.params)).toEqual(Array.from(params));
    expect(store.checkpoints.get(run.id)!.step).toBe(7);
    store.close();
  });

  it('marks runs a crash left running, paused or queued as interrupted and keeps their metrics', async () => {
    const store = openStore(join(temp.dir, 'backprop-lab.sqlite'));
    const spec = TrainSpecSchema.parse(xorSpec());
    const make = (status: 'running' | 'paused' | 'queued' | 'completed') =>
      store.runs.create({ experimentId: store.experiments.defaultId(), name: status, spec, dataset: 'xor-gate', architecture: '2-2-1', status }).id;
    const running = make('running');
    const paused = make('paused');
    const queued = make('queued');
    const completed = make('completed');
    store.metrics.insertBatch(running, [{ name: 'train_loss', step: [1, 2], epoch: [1, 2], value: [0.5, 0.4], time: [1, 2] }]);
    // the process dies here: no close, no status change
    const services = createAppServices({ dataDir: temp.dir, mode: 'browser', maxJobs: 1 });
    try {
      for (const id of [running, paused, queued]) {
        const run = services.store.runs.get(id)!;
        expect(run.status).toBe('interrupted');
        expect(run.finishedAt).not.toBeNull();
      }
      expect(services.store.runs.get(completed)!.status).toBe('completed');
      expect(services.store.metrics.series(running)[0].value).toEqual([0.5, 0.4]);
    } finally {
      await services.close();
      store.close();
    }
  });

  it('deletes a run together with its metrics and checkpoints', () => {
    const store = openStore(join(temp.dir, 'db.sqlite'));
    const spec = TrainSpecSchema.parse(xorSpec());
    const run = store.runs.create({ experimentId: store.experiments.defaultId(), name: 'r', spec, dataset: 'xor-gate', architecture: '2-2-1', status: 'completed' });
    store.metrics.insertBatch(run.id, [{ name: 'lr', step: [0], epoch: [0], value: [1], time: [0] }]);
    store.checkpoints.add(run.id, 0, 0, new Float64Array(3));
    store.artifacts.add(run.id, 'landscape', { size: 2 }, new Uint8Array([1, 2]));
    expect(store.runs.delete(run.id)).toBe(true);
    expect(store.metrics.series(run.id)).toEqual([]);
    expect(store.checkpoints.list(run.id)).toEqual([]);
    expect(store.artifacts.list(run.id, 'landscape')).toEqual([]);
    store.close();
  });
});

describe('data folder', () => {
  it('refuses a second app process on the same folder and frees it on close', async () => {
    const temp = tempDir();
    const first = createAppServices({ dataDir: temp.dir, mode: 'browser', maxJobs: 1 });
    try {
      // the lock holds a live pid that is not ours: another process
      writeFileSync(join(temp.dir, LOCK_FILE), String(process.ppid));
      expect(() => createAppServices({ dataDir: temp.dir, mode: 'browser', maxJobs: 1 })).toThrow(/another Backprop Lab/);
    } finally {
      await first.close();
    }
    const again = createAppServices({ dataDir: temp.dir, mode: 'browser', maxJobs: 1 });
    await again.close();
    temp.remove();
  });

  it('takes over the lock a crashed process left behind', async () => {
    const temp = tempDir();
    writeFileSync(join(temp.dir, LOCK_FILE), '2147483646');
    const services = createAppServices({ dataDir: temp.dir, mode: 'browser', maxJobs: 1 });
    await services.close();
    temp.remove();
  });
});

describe('store transactions', () => {
  let temp: ReturnType<typeof tempDir>;
  beforeEach(() => { temp = tempDir(); });
  afterEach(() => temp.remove());

  it('atomically keeps every write of an action or none: a run whose checkpoint fails is not stored', () => {
    const store = openStore(join(temp.dir, 'atomic.sqlite'));
    const spec = TrainSpecSchema.parse(xorSpec());
    const before = store.runs.list().length;
    expect(() => store.atomically(() => {
      const run = store.runs.create({ experimentId: store.experiments.defaultId(), name: 'half', spec, dataset: 'xor-gate', architecture: '2-2-1', status: 'completed' });
      store.checkpoints.add(run.id, 0, 0, new Float64Array([1, 2, 3]));
      throw new Error('the disk filled before the run was finished');
    })).toThrow('the disk filled');
    expect(store.runs.list()).toHaveLength(before);
    const kept = store.atomically(() => store.runs.create({ experimentId: store.experiments.defaultId(), name: 'whole', spec, dataset: 'xor-gate', architecture: '2-2-1', status: 'completed' }).id);
    expect(store.runs.get(kept)?.name).toBe('whole');
    store.close();
  });
});
