/**
 * Run bundles (issue #18): runs written to one file and merged into other stores, whole (spec,
 * metrics, checkpoints, stored analyses, tags, notes, experiment), recognized by uid so merging
 * twice doubles nothing; a damaged, truncated, foreign or newer file refused with the store left
 * exactly as it was; a bundle of an older schema brought up to date on the way in.
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BundleError, openStore, type Store } from '../../src/main/services/store';
import { BUNDLE_APPLICATION_ID, BUNDLE_FORMAT, BUNDLE_TABLES_SQL } from '../../src/main/services/store/bundleFile';
import { legacyUid, migrate, SCHEMA_VERSION } from '../../src/main/services/store/migrations';
import { TrainSpecSchema } from '../../src/shared/training/trainSpec';
import { tempDir, withDatabase, xorSpec } from './helpers';

let temp: ReturnType<typeof tempDir>;
beforeEach(() => { temp = tempDir(); });
afterEach(() => temp.remove());

const open = (name: string): Store => openStore(join(temp.dir, `${name}.sqlite`));

/** A run as a user leaves it: trained (metric points, checkpoints), analysed (artifacts), tagged, annotated. */
function addRun(store: Store, name: string, experimentId = store.experiments.defaultId(), points = 50): number {
  const spec = TrainSpecSchema.parse(xorSpec({ name, learningRate: 0.5 + name.length / 10 }));
  const id = store.runs.create({ experimentId, name, spec, dataset: 'xor-gate', architecture: '2-2-1', status: 'queued' }).id;
  store.runs.markStarted(id);
  const steps = Array.from({ length: points }, (_, k) => k);
  store.metrics.insertBatch(id, ['train_loss', 'test_acc'].map((metric) => ({
    name: metric, step: steps, epoch: steps, value: steps.map((k) => (metric === 'train_loss' ? 1 / (k + 1) : k / points)), time: steps.map((k) => 1000 + k),
  })));
  store.runs.setPosition(id, points - 1, points - 1, { train_loss: 1 / points });
  store.checkpoints.add(id, 0, 0, Float64Array.from([0.1, -0.2, 0.3, 0.4, 0.5, -0.6, 0.7, 0.8, 0.9]));
  store.checkpoints.add(id, points - 1, points - 1, Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9]));
  store.artifacts.add(id, 'landscape', { title: `landscape of ${name}` }, new Uint8Array([1, 2, 3, name.length]));
  store.runs.editTags([id], ['bundle', name], 'set');
  store.runs.setNotes(id, `notes of ${name}`);
  store.runs.setInitialParams(id, Float64Array.from([0, 1, 2, 3, 4, 5, 6, 7, 8]));
  store.runs.markFinished(id, 'completed', null);
  return id;
}

/** Everything a run is, by uid, without the ids the store handed out. */
function contents(store: Store): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const row of store.runs.tableRows(undefined, true)) {
    const detail = store.runs.detail(row.id)!;
    const { id: _id, experimentId: _e, ...rest } = row;
    out.set(detail.uid, {
      row: rest,
      spec: detail.spec,
      metrics: store.metrics.series(row.id),
      checkpoints: store.checkpoints.list(row.id).map((c) => ({ step: c.step, epoch: c.epoch, params: Array.from(store.checkpoints.get(row.id, c.id)!.params) })),
      artifacts: store.artifacts.list(row.id, 'landscape').map((a) => ({ json: a.json, data: Array.from(store.artifacts.get(a.id)!.data!) })),
      initial: Array.from(store.runs.initialParams(row.id) ?? []),
    });
  }
  return out;
}

const tableCounts = (file: string): Record<string, number> => withDatabase(file, (db) => Object.fromEntries(
  (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").pluck().all() as string[])
    .map((t) => [t, (db.prepare(`SELECT count(*) FROM "${t}"`).pluck().get() as number)]),
));
const sha = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('run uids', () => {
  it('gives every new run and experiment its own uid, and runs stored before uids a stable one', () => {
    const store = open('a');
    const a = addRun(store, 'first');
    const b = addRun(store, 'second');
    const uids = [store.runs.detail(a)!.uid, store.runs.detail(b)!.uid];
    expect(uids[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(uids[0]).not.toBe(uids[1]);
    store.close();

    const file = join(temp.dir, 'old.sqlite');
    withDatabase(file, (db) => {
      migrate(db, 3);
      db.prepare("INSERT INTO experiments (id, name, created_at) VALUES (1, 'Default', 5)").run();
      db.prepare("INSERT INTO runs (id, experiment_id, name, status, config, seed, dataset, architecture, created_at) VALUES (7, 1, 'old', 'completed', '{}', 1, 'x', '2-1', 9)").run();
    });
    const migrated = openStore(file);
    expect(withDatabase(file, (db) => db.prepare('SELECT uid FROM runs WHERE id = 7').pluck().get())).toBe(legacyUid('runs', [7, 9, 'old', '{}']));
    migrated.close();
  });
});

describe('run bundles', () => {
  it('merges three stores into one, twice, doubling nothing and keeping every run whole', () => {
    const sources = ['a', 'b', 'c'].map((name, k) => {
      const store = open(name);
      const sweep = store.experiments.create(`sweep ${name}`).id;
      for (let r = 0; r <= k; r++) addRun(store, `${name}-${r}`, r % 2 ? sweep : undefined);
      const file = join(temp.dir, `${name}.bplab`);
      const written = store.bundles.export(file, undefined, 'test');
      expect(written.runs).toBe(k + 1);
      return { store, file };
    });
    const merged = open('merged');
    const own = addRun(merged, 'already here');

    const first = merged.bundles.import(sources.map((s) => s.file));
    expect(first.added).toHaveLength(6);
    expect(first.alreadyPresent).toBe(0);
    expect(first.experimentsAdded.sort()).toEqual(['sweep b', 'sweep c']);
    const second = merged.bundles.import(sources.map((s) => s.file));
    expect(second.added).toHaveLength(0);
    expect(second.alreadyPresent).toBe(6);

    const all = contents(merged);
    expect(all.size).toBe(7);
    for (const { store } of sources) {
      for (const [uid, run] of contents(store)) {
        const { row: { experimentName, ...row }, ...rest } = run as { row: { experimentName: string } };
        const { row: { experimentName: mergedExperiment, ...mergedRow }, ...mergedRest } = all.get(uid) as { row: { experimentName: string } };
        expect(mergedRow).toEqual(row);
        expect(mergedRest).toEqual(rest);
        // each store's default experiment is the merged store's default; a sweep stays itself
        expect(mergedExperiment).toBe(experimentName === 'Default' ? 'Default' : experimentName);
      }
      store.close();
    }
    expect(merged.runs.get(own)!.name).toBe('already here');
    expect(merged.experiments.list().map((e) => [e.name, e.runCount])).toEqual([['Default', 5], ['sweep b', 1], ['sweep c', 1]]);
    expect(merged.integrityCheck()).toBe('ok');
    merged.close();
  });

  it('writes only the runs asked for, and refuses runs that do not exist', () => {
    const store = open('a');
    const ids = ['one', 'two', 'three'].map((n) => addRun(store, n));
    const file = join(temp.dir, 'two.bplab');
    store.bundles.export(file, [ids[1]], 'test');
    expect(() => store.bundles.export(join(temp.dir, 'x.bplab'), [ids[0], 99], 'test')).toThrow(/run 99 does not exist/);
    store.close();
    const other = open('b');
    expect(other.bundles.import([file]).added.map((r) => r.name)).toEqual(['two']);
    other.close();
  });

  it('refuses a truncated bundle in words and leaves the store exactly as it was', () => {
    const store = open('a');
    for (let r = 0; r < 3; r++) addRun(store, `r${r}`, undefined, 2000);
    const file = join(temp.dir, 'a.bplab');
    store.bundles.export(file, undefined, 'test');
    store.close();
    const target = open('target');
    addRun(target, 'mine');
    target.checkpointWal();
    const before = { counts: tableCounts(target.file), hash: sha(target.file) };

    const cut = join(temp.dir, 'cut.bplab');
    writeFileSync(cut, readFileSync(file));
    truncateSync(cut, Math.floor(statSync(file).size / 2));
    const good = join(temp.dir, 'good.bplab');
    writeFileSync(good, readFileSync(file));
    // a good file first and the cut one second: nothing of either is merged
    expect(() => target.bundles.import([good, cut])).toThrow(BundleError);
    expect(() => target.bundles.import([good, cut])).toThrow(/cut\.bplab' is truncated: \d+ bytes of the \d+ it was written with; nothing was imported/);
    target.checkpointWal();
    expect(tableCounts(target.file)).toEqual(before.counts);
    expect(sha(target.file)).toBe(before.hash);
    target.close();
  });

  it('refuses a damaged bundle, another program\'s file, a store\'s own database and a newer bundle, by name', () => {
    const store = open('a');
    addRun(store, 'r', undefined, 3000);
    const file = join(temp.dir, 'a.bplab');
    store.bundles.export(file, undefined, 'test');
    store.close();
    const target = open('target');

    const damaged = join(temp.dir, 'damaged.bplab');
    const bytes = readFileSync(file);
    bytes.fill(0xee, 4096 + 200, bytes.length - 4096);
    writeFileSync(damaged, bytes);
    expect(() => target.bundles.import([damaged])).toThrow(/damaged\.bplab' (is damaged or truncated|is incomplete)/);

    const text = join(temp.dir, 'notes.txt');
    writeFileSync(text, 'these are not runs\n'.repeat(20));
    expect(() => target.bundles.import([text])).toThrow(/notes\.txt' is not a Backprop Lab run bundle \(not an SQLite file\)/);

    const foreign = join(temp.dir, 'foreign.sqlite');
    withDatabase(foreign, (db) => db.exec('CREATE TABLE songs (title TEXT)'));
    expect(() => target.bundles.import([foreign])).toThrow(/an SQLite file of another program/);

    expect(() => target.bundles.import([join(temp.dir, 'a.sqlite')])).toThrow(/is a Backprop Lab database, not a run bundle/);

    const newer = join(temp.dir, 'newer.bplab');
    writeFileSync(newer, readFileSync(file));
    withDatabase(newer, (db) => db.pragma(`user_version = ${SCHEMA_VERSION + 1}`));
    expect(() => target.bundles.import([newer])).toThrow(/was written by a newer Backprop Lab \(schema \d+; this version reads up to \d+\)/);

    expect(() => target.bundles.import([join(temp.dir, 'missing.bplab')])).toThrow(/missing\.bplab' cannot be read \(ENOENT\)/);
    expect(target.runs.list()).toEqual([]);
    target.close();
  });

  it('merges a bundle of an older schema, giving its runs the uids their store would give them, once', () => {
    // a bundle as schema 3 (before uids) held it: rows of schema 1, the store's own migrations up to 3
    const file = join(temp.dir, 'old.bplab');
    const spec = JSON.stringify(TrainSpecSchema.parse(xorSpec({ name: 'old run' })));
    withDatabase(file, (db) => {
      db.pragma(`application_id = ${BUNDLE_APPLICATION_ID}`);
      migrate(db, 1);
      db.prepare("INSERT INTO experiments (id, name, created_at) VALUES (4, 'old sweep', 5)").run();
      db.prepare(`INSERT INTO runs (id, experiment_id, name, status, config, seed, dataset, architecture, created_at, tags, notes)
        VALUES (12, 4, 'old run', 'completed', ?, 1, 'xor-gate', '2-2-1', 9, '["old"]', 'kept')`).run(spec);
      const insert = db.prepare('INSERT INTO metrics (run_id, name, step, epoch, value, time) VALUES (12, ?, ?, ?, ?, 0)');
      for (let step = 0; step < 100; step++) insert.run('train_loss', step, step, 1 / (step + 1));
      db.prepare('INSERT INTO checkpoints (run_id, step, epoch, params, created_at) VALUES (12, 99, 99, ?, 0)').run(Buffer.from(new Float64Array([1, 2, 3, 4, 5, 6, 7, 8, 9]).buffer));
      migrate(db, 3);
      db.exec(BUNDLE_TABLES_SQL);
      db.prepare("INSERT INTO bundle_runs (run_id, uid, name, dataset_fingerprint) VALUES (12, '', 'old run', '')").run();
      const info = db.prepare('INSERT INTO bundle_info (key, value) VALUES (?, ?)');
      info.run('format', BUNDLE_FORMAT);
      info.run('format_version', '1');
      info.run('row_counts', JSON.stringify({ runs: 1, experiments: 1, metrics: 100, checkpoints: 1 }));
    });
    const before = sha(file);
    const target = open('target');
    const first = target.bundles.import([file]);
    expect(first.added).toEqual([{ id: expect.any(Number), uid: legacyUid('runs', [12, 9, 'old run', spec]), name: 'old run', experiment: 'old sweep' }]);
    expect(target.bundles.import([file]).alreadyPresent).toBe(1);
    const [row] = target.runs.tableRows(undefined, true);
    // the derived summaries the older schema lacked are built by the migrations
    expect(row).toMatchObject({ name: 'old run', tags: ['old'], notes: 'kept', metrics: { train_loss: { count: 100, last: 0.01, min: 0.01 } } });
    expect(target.checkpoints.list(row.id)).toHaveLength(1);
    expect(sha(file)).toBe(before);
    target.close();
  });

  it('merges more bundles than SQLite attaches at once in one go, runs of a sweep into one experiment', () => {
    const files: string[] = [];
    for (let k = 0; k < 11; k++) {
      const store = open(`s${k}`);
      addRun(store, `trial ${k}`, store.experiments.ensure('0b3c3e8e-5b7e-4e57-9d1c-1c1d1e1f2021', 'grid sweep of xor-gate').id, 5);
      files.push(join(temp.dir, `t${k}.bplab`));
      store.bundles.export(files[k], undefined, 'test');
      store.close();
    }
    const target = open('target');
    expect(target.bundles.import(files).added).toHaveLength(11);
    expect(target.bundles.import(files)).toMatchObject({ added: [], alreadyPresent: 11 });
    expect(target.experiments.list().map((e) => [e.name, e.runCount])).toEqual([['Default', 0], ['grid sweep of xor-gate', 11]]);
    target.close();
  });
});
