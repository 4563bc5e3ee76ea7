import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/main/services/store';
import { migrate } from '../../src/main/services/store/migrations';
import { TrainSpecSchema } from '../../src/shared/training/trainSpec';
import { tempDir, withDatabase, xorSpec } from './helpers';

function addRun(store: Store, overrides: Parameters<typeof xorSpec>[0] = {}): number {
  const spec = TrainSpecSchema.parse(xorSpec(overrides));
  return store.runs.create({ experimentId: store.experiments.defaultId(), name: spec.name ?? 'run', spec, dataset: 'xor-gate', architecture: '2-2-1', status: 'completed' }).id;
}

const points = (name: string, values: number[], firstStep = 0) => ({
  name, step: values.map((_, k) => firstStep + k), epoch: values.map((_, k) => firstStep + k), value: values, time: values.map((_, k) => 1000 + k),
});

describe('tracking in the store', () => {
  let temp: ReturnType<typeof tempDir>;
  beforeEach(() => { temp = tempDir(); });
  afterEach(() => temp.remove());

  it('keeps each metric\'s count, last, min and max up to date as batches arrive', () => {
    const store = openStore(join(temp.dir, 'db.sqlite'));
    const id = addRun(store);
    store.metrics.insertBatch(id, [points('train_loss', [0.9, 0.3, 0.5]), points('train_acc', [0.5, 0.75])]);
    store.metrics.insertBatch(id, [points('train_loss', [0.1, 0.2], 3)]);
    const [row] = store.runs.tableRows(undefined, false);
    expect(row.metrics.train_loss).toEqual({ count: 5, last: 0.2, lastStep: 4, min: 0.1, max: 0.9, best: 0.1 });
    expect(row.metrics.train_acc).toMatchObject({ last: 0.75, best: 0.75 });
    store.close();
  });

  it('fills the summaries of metrics stored before the migration that added them', () => {
    const file = join(temp.dir, 'old.sqlite');
    const db = new Database(file);
    migrate(db, 1);
    db.prepare("INSERT INTO experiments (id, name, created_at) VALUES (1, 'Default', 0)").run();
    db.prepare(`INSERT INTO runs (id, experiment_id, name, status, config, seed, dataset, architecture, created_at)
      VALUES (1, 1, 'old', 'completed', ?, 1, 'xor-gate', '2-2-1', 0)`).run(JSON.stringify(TrainSpecSchema.parse(xorSpec())));
    const insert = db.prepare("INSERT INTO metrics (run_id, name, step, epoch, value, time) VALUES (1, 'train_loss', ?, ?, ?, 0)");
    [[0, 0.8], [2, 0.2], [1, 0.5]].forEach(([step, value]) => insert.run(step, step, value));
    db.close();

    const store = openStore(file);
    const [row] = store.runs.tableRows(undefined, false);
    expect(row.metrics.train_loss).toMatchObject({ count: 3, last: 0.2, lastStep: 2, min: 0.2, max: 0.8 });
    expect(row.lr).toBe(2);
    expect(row.activation).toBe('sigmoid');
    store.close();
    withDatabase(file, (raw) => expect(raw.prepare('SELECT block, count, min_step, min_value, max_step, max_value FROM metric_blocks').all())
      .toEqual([{ block: 0, count: 3, min_step: 2, min_value: 0.2, max_step: 0, max_value: 0.8 }]));
  });

  it('decimates a long series to its bucket extremes, keeping the first and last points and a spike', () => {
    const store = openStore(join(temp.dir, 'db.sqlite'));
    const id = addRun(store);
    const values = Array.from({ length: 10_000 }, (_, k) => Math.sin(k / 100));
    values[4321] = 50;
    store.metrics.insertBatch(id, [points('batch_loss', values)]);
    const series = store.metrics.downsampled(id, 'batch_loss', 500);
    expect(series.total).toBe(10_000);
    expect(series.step.length).toBeLessThanOrEqual(502);
    expect(series.step[0]).toBe(0);
    expect(series.step[series.step.length - 1]).toBe(9999);
    expect(series.value).toContain(50);
    expect([...series.step].sort((a, b) => a - b)).toEqual(series.step);

    // few points asked of a long series: reduced from the per-block extremes, same guarantees
    const coarse = store.metrics.downsampled(id, 'batch_loss', 100);
    expect(coarse.step.length).toBeLessThanOrEqual(102);
    expect([coarse.step[0], coarse.step[coarse.step.length - 1]]).toEqual([0, 9999]);
    expect(coarse.value).toContain(50);
    expect(Math.min(...coarse.value)).toBe(Math.min(...values));

    const zoomed = store.metrics.downsampled(id, 'batch_loss', 500, { from: 100, to: 199 });
    expect(zoomed.total).toBe(100);
    expect(zoomed.step).toEqual(Array.from({ length: 100 }, (_, k) => 100 + k));
    store.close();
  });

  it('deletes metric summaries and blocks with their run', () => {
    const file = join(temp.dir, 'db.sqlite');
    const store = openStore(file);
    const id = addRun(store);
    store.metrics.insertBatch(id, [points('train_loss', [1])]);
    store.runs.deleteMany([id]);
    store.close();
    withDatabase(file, (raw) => {
      expect(raw.prepare('SELECT count(*) AS n FROM run_metric_summary').get()).toEqual({ n: 0 });
      expect(raw.prepare('SELECT count(*) AS n FROM metric_blocks').get()).toEqual({ n: 0 });
    });
  });
});
