/**
 * Issue #10: ids are never reused (migration 3 gives runs and artifacts AUTOINCREMENT), and
 * issue #12: the spec read back from the database is validated, not cast.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAppServices } from '../../src/main/services/app';
import { DATABASE_FILE, IMPORTED_MODEL_KIND, openStore, StoredDataError, type Store } from '../../src/main/services/store';
import { migrate, SCHEMA_VERSION } from '../../src/main/services/store/migrations';
import type { RunSummary } from '../../src/shared/api/dto';
import type { ImportedModel, RunsTable } from '../../src/shared/api/trackingDto';
import { TrainSpecSchema } from '../../src/shared/training/trainSpec';
import { call, tempDir, withDatabase, xorSpec } from './helpers';

const TABLES = ['experiments', 'runs', 'metrics', 'run_metric_summary', 'metric_blocks', 'checkpoints', 'artifacts'];

const MODEL = {
  format: 'backprop-lab.model', version: 1, inputs: 2,
  layers: [{ units: 1, activation: 'sigmoid', weights: [[0.4], [0.45]], bias: [0.6] }],
  loss: 'mse',
};

/** Every row of every table, with its rowid (WITHOUT ROWID tables by their key order). */
function dump(db: Database.Database): Record<string, unknown[]> {
  const rowid = (table: string): string => (table === 'run_metric_summary' || table === 'metric_blocks' ? '' : 'rowid AS _rowid, ');
  return Object.fromEntries(TABLES.map((t) => [t, db.prepare(`SELECT ${rowid(t)}* FROM ${t} ORDER BY 1, 2, 3`).all()]));
}

const indexNames = (db: Database.Database): string[] =>
  db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name").all().map((r) => r.name);

/** A database as schema 2 (before AUTOINCREMENT) left it: gaps in the ids, rows in every table. */
function buildOldDatabase(file: string): void {
  const db = new Database(file);
  migrate(db, 2);
  const spec = JSON.stringify(TrainSpecSchema.parse(xorSpec({ epochs: 50 })));
  db.prepare("INSERT INTO experiments (id, name, created_at) VALUES (1, 'Default', 1), (2, 'Other', 2)").run();
  const run = db.prepare(`INSERT INTO runs (id, experiment_id, name, status, config, seed, dataset, architecture, created_at, tags, initial_params)
    VALUES (?, ?, ?, 'completed', ?, 1, 'xor-gate', '2-2-1', ?, '["kept"]', ?)`);
  run.run(1, 1, 'first', spec, 10, null);
  run.run(3, 2, 'third', spec, 30, Buffer.from(new Float64Array([1, 2, 3]).buffer));
  run.run(7, 1, 'newest', spec, 70, null);
  const metric = db.prepare("INSERT INTO metrics (run_id, name, step, epoch, value, time) VALUES (?, 'train_loss', ?, ?, ?, 0)");
  for (const id of [1, 3, 7]) for (let step = 0; step < 5; step++) metric.run(id, step, step, 1 / (step + id));
  db.exec(`
    INSERT INTO run_metric_summary (run_id, name, count, first_step, last_step, last_value, min_value, max_value)
      SELECT run_id, name, count(*), min(step), max(step), 0, min(value), max(value) FROM metrics GROUP BY run_id, name;
    INSERT INTO metric_blocks (run_id, name, block, count, min_step, min_value, max_step, max_value)
      SELECT run_id, name, 0, count(*), 0, min(value), 0, max(value) FROM metrics GROUP BY run_id, name;`);
  const checkpoint = db.prepare('INSERT INTO checkpoints (id, run_id, step, epoch, params, created_at) VALUES (?, ?, ?, ?, ?, 0)');
  checkpoint.run(1, 1, 4, 4, Buffer.from(new Float64Array(9).fill(0.5).buffer));
  checkpoint.run(2, 7, 4, 4, Buffer.from(new Float64Array(9).fill(0.25).buffer));
  const artifact = db.prepare('INSERT INTO artifacts (id, run_id, kind, json, data, created_at) VALUES (?, ?, ?, ?, ?, 0)');
  artifact.run(2, 3, 'landscape', '{"size":2}', Buffer.from([1, 2, 3]));
  artifact.run(4, null, IMPORTED_MODEL_KIND, JSON.stringify(MODEL), null);
  artifact.run(6, null, IMPORTED_MODEL_KIND, JSON.stringify({ ...MODEL, name: 'newest model' }), null);
  db.close();
}

const newRun = (store: Store, name: string): number => {
  const spec = TrainSpecSchema.parse(xorSpec());
  return store.runs.create({ experimentId: store.experiments.defaultId(), name, spec, dataset: 'xor-gate', architecture: '2-2-1', status: 'completed' }).id;
};

describe('ids are never reused', () => {
  let temp: ReturnType<typeof tempDir>;
  beforeEach(() => { temp = tempDir(); });
  afterEach(() => temp.remove());

  it('migrates a schema-2 database with every row, index and foreign key intact', () => {
    const file = join(temp.dir, 'old.sqlite');
    buildOldDatabase(file);
    const before = withDatabase(file, dump);
    const indexesBefore = withDatabase(file, indexNames);

    openStore(file).close();

    withDatabase(file, (db) => {
      expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
      // every row as it was; later migrations only add (4: a uid per run and experiment; 5: a run's
      // lineage and learning-rate history, empty for the runs stored before; 6: checkpoints' histograms, none before)
      const added = new Set(['uid', 'parent_run_id', 'lineage', 'lineage_model', 'lr_changes', 'histograms']);
      const withoutAdded = (tables: Record<string, unknown[]>) => Object.fromEntries(Object.entries(tables)
        .map(([t, rows]) => [t, rows.map((row) => Object.fromEntries(Object.entries(row as object).filter(([k]) => !added.has(k))))]));
      expect(withoutAdded(dump(db))).toEqual(before);
      expect(db.prepare("SELECT count(*) AS n FROM runs WHERE lineage IS NOT NULL OR lr_changes <> '[]'").get()).toEqual({ n: 0 });
      expect(db.prepare('SELECT count(*) AS n FROM checkpoints WHERE histograms IS NOT NULL').get()).toEqual({ n: 0 });
      expect(indexNames(db).filter((n) => !n.endsWith('_by_uid') && n !== 'runs_by_parent')).toEqual(indexesBefore);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.pragma('foreign_key_check')).toEqual([]);
      const sql = (name: string): string => db.prepare<[string], { sql: string }>('SELECT sql FROM sqlite_master WHERE name = ?').get(name)!.sql;
      expect(sql('runs')).toMatch(/INTEGER PRIMARY KEY AUTOINCREMENT/);
      expect(sql('artifacts')).toMatch(/INTEGER PRIMARY KEY AUTOINCREMENT/);
      // the children still point at runs, cascading
      for (const child of ['metrics', 'checkpoints', 'artifacts', 'run_metric_summary', 'metric_blocks']) {
        expect(db.pragma(`foreign_key_list(${child})`)).toEqual([expect.objectContaining({ table: 'runs', from: 'run_id', to: 'id', on_delete: 'CASCADE' })]);
      }
      // a run points at its experiment (cascading) and, since migration 5, at the run it came from (set null when that one goes)
      expect(db.pragma('foreign_key_list(runs)')).toEqual(expect.arrayContaining([
        expect.objectContaining({ table: 'experiments', on_delete: 'CASCADE' }),
        expect.objectContaining({ table: 'runs', from: 'parent_run_id', on_delete: 'SET NULL' }),
      ]));
      expect(db.pragma('foreign_key_list(runs)')).toHaveLength(2);
      expect(db.prepare('SELECT name, seq FROM sqlite_sequence ORDER BY name').all()).toEqual([{ name: 'artifacts', seq: 6 }, { name: 'runs', seq: 7 }]);
    });

    // the migrated rows read back through the repositories, and deleting still cascades
    const store = openStore(file);
    expect(store.runs.tableRows(undefined, true).map((r) => [r.id, r.tags, r.metrics.train_loss.count])).toEqual([[7, ['kept'], 5], [3, ['kept'], 5], [1, ['kept'], 5]]);
    expect(Array.from(store.runs.initialParams(3)!)).toEqual([1, 2, 3]);
    expect(store.checkpoints.get(7)!.params[0]).toBe(0.25);
    expect(store.artifacts.list(null, IMPORTED_MODEL_KIND).map((a) => a.id)).toEqual([6, 4]);
    expect(store.runs.delete(3)).toBe(true);
    expect(store.artifacts.list(3, 'landscape')).toEqual([]);
    expect(store.metrics.series(3)).toEqual([]);
    store.close();
    withDatabase(file, (db) => expect(db.pragma('foreign_key_check')).toEqual([]));
  });

  it('migrates a database another tool left orphaned rows in, keeping them as they were', () => {
    const file = join(temp.dir, 'orphans.sqlite');
    buildOldDatabase(file);
    withDatabase(file, (db) => {
      db.pragma('foreign_keys = OFF'); // as in the sqlite3 shell
      db.prepare("INSERT INTO metrics (run_id, name, step, epoch, value, time) VALUES (99, 'train_loss', 0, 0, 1, 0)").run();
    });
    openStore(file).close();
    withDatabase(file, (db) => {
      expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
      expect(db.pragma('foreign_key_check')).toEqual([expect.objectContaining({ table: 'metrics', parent: 'runs' })]);
    });
  });

  it('gives a migrated database\'s next run and imported model new ids after the newest is deleted', async () => {
    buildOldDatabase(join(temp.dir, DATABASE_FILE));
    const services = createAppServices({ dataDir: temp.dir, mode: 'browser', maxJobs: 1 });
    try {
      await call(services, 'runs.delete', { id: 7 });
      const run = await call<RunSummary>(services, 'runs.start', { spec: xorSpec({ epochs: 20 }) });
      expect(run.id).toBe(8);
      await services.host.idle();
      await call(services, 'runs.delete', { id: 8 });
      const again = await call<RunSummary>(services, 'runs.start', { spec: xorSpec({ epochs: 20 }) });
      expect(again.id).toBe(9);
      await services.host.idle();
      expect((await call<RunsTable>(services, 'runs.table', {})).rows.map((r) => r.id)).toEqual([9, 3, 1]);

      await call(services, 'models.delete', { id: 6 });
      const model = await call<ImportedModel>(services, 'models.import', { text: JSON.stringify(MODEL) });
      expect(model.id).toBe(7);
      // a stale reference to the deleted model reaches nothing
      const stale = await services.router.call('models.get', { id: 6 });
      expect(stale.ok ? null : stale.error.code).toBe('not-found');
    } finally {
      await services.close();
    }
  });

  it('never hands out a deleted id again in a fresh database, across reopening', () => {
    const file = join(temp.dir, 'db.sqlite');
    let store = openStore(file);
    const first = newRun(store, 'a');
    const second = newRun(store, 'b');
    expect(store.runs.delete(second)).toBe(true);
    const model = store.artifacts.add(null, IMPORTED_MODEL_KIND, MODEL);
    expect(store.artifacts.delete(model, IMPORTED_MODEL_KIND)).toBe(true);
    store.close();

    store = openStore(file);
    const third = newRun(store, 'c');
    expect(third).toBe(second + 1);
    expect(store.runs.get(second)).toBeUndefined();
    expect(store.artifacts.add(null, IMPORTED_MODEL_KIND, MODEL)).toBe(model + 1);
    expect(store.runs.list().map((r) => r.id)).toEqual([third, first]);
    store.close();
  });
});

describe('the spec read back is validated', () => {
  let temp: ReturnType<typeof tempDir>;
  beforeEach(() => { temp = tempDir(); });
  afterEach(() => temp.remove());

  it('names the run whose stored spec no longer fits the schema, and still lists it', () => {
    const file = join(temp.dir, 'db.sqlite');
    let store = openStore(file);
    const good = newRun(store, 'good');
    const bad = newRun(store, 'bad');
    const broken = newRun(store, 'broken');
    store.close();
    withDatabase(file, (db) => {
      db.prepare("UPDATE runs SET config = json_set(config, '$.learningRate', -1), hyperparams = NULL WHERE id = ?").run(bad);
      db.prepare("UPDATE runs SET config = '{not json', hyperparams = NULL WHERE id = ?").run(broken);
    });

    store = openStore(file);
    try {
      expect(store.runs.detail(good)!.spec.learningRate).toBe(2);
      expect(() => store.runs.detail(bad)).toThrow(StoredDataError);
      expect(() => store.runs.detail(bad)).toThrow(new RegExp(`^run ${bad}: its stored spec is invalid: .*learningRate`));
      expect(() => store.runs.detail(broken)).toThrow(new RegExp(`^run ${broken}: its stored spec is not valid JSON`));
      expect(store.runs.get(bad)!.name).toBe('bad');
      const rows = store.runs.tableRows(undefined, false);
      expect(rows.map((r) => r.id)).toEqual([broken, bad, good]);
      expect(rows.find((r) => r.id === good)!.lr).toBe(2);
      expect(rows.find((r) => r.id === bad)!.lr).toBeNaN();
    } finally {
      store.close();
    }
  });

  it('answers the API with an error naming the run', async () => {
    const services = createAppServices({ dataDir: temp.dir, mode: 'browser', maxJobs: 1 });
    const id = newRun(services.store, 'bad');
    await services.close();
    withDatabase(join(temp.dir, DATABASE_FILE), (db) => db.prepare("UPDATE runs SET config = '{}' WHERE id = ?").run(id));
    const again = createAppServices({ dataDir: temp.dir, mode: 'browser', maxJobs: 1 });
    try {
      const result = await again.router.call('runs.get', { id });
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.message).toMatch(new RegExp(`^run ${id}: its stored spec is invalid`));
      expect((await call<RunsTable>(again, 'runs.table', {})).rows.map((r) => r.id)).toEqual([id]);
    } finally {
      await again.close();
    }
  });
});
