/** Metric points of runs: written in batches, read as series per name. */
import type { MetricSeries } from '../../../shared/api/dto';
import type { Db } from './connection';
import { METRIC_BLOCK_STEPS } from './migrations';

export interface MetricPoints { name: string; step: ArrayLike<number>; epoch: ArrayLike<number>; value: ArrayLike<number>; time: ArrayLike<number> }

interface MetricRow { name: string; step: number; epoch: number; value: number; time: number }

export function createMetricsRepo(db: Db) {
  const insert = db.prepare<[number, string, number, number, number, number]>(
    'INSERT INTO metrics (run_id, name, step, epoch, value, time) VALUES (?, ?, ?, ?, ?, ?)');
  const selectAll = db.prepare<[number], MetricRow>(
    'SELECT name, step, epoch, value, time FROM metrics WHERE run_id = ? ORDER BY name, step, rowid');
  const selectNamed = db.prepare<[number, string], MetricRow>(
    'SELECT name, step, epoch, value, time FROM metrics WHERE run_id = ? AND name = ? ORDER BY step, rowid');
  const selectNames = db.prepare<[number], { name: string }>('SELECT DISTINCT name FROM metrics WHERE run_id = ? ORDER BY name');

  // Each batch's count, min, max and last point are merged into the run's summary (all SET
  // expressions see the old row), so the runs table reads one row per metric, not every point.
  const upsertSummary = db.prepare<[number, string, number, number, number, number, number, number]>(`
    INSERT INTO run_metric_summary (run_id, name, count, first_step, last_step, last_value, min_value, max_value)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (run_id, name) DO UPDATE SET
      count = count + excluded.count,
      first_step = min(first_step, excluded.first_step),
      last_value = CASE WHEN excluded.last_step >= last_step THEN excluded.last_value ELSE last_value END,
      last_step = max(last_step, excluded.last_step),
      min_value = min(coalesce(min_value, excluded.min_value), coalesce(excluded.min_value, min_value)),
      max_value = max(coalesce(max_value, excluded.max_value), coalesce(excluded.max_value, max_value))`);

  const upsertBlock = db.prepare<[number, string, number, number, number, number, number, number, number, number, number, number]>(`
    INSERT INTO metric_blocks (run_id, name, block, count, min_step, min_epoch, min_time, min_value, max_step, max_epoch, max_time, max_value)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (run_id, name, block) DO UPDATE SET
      count = count + excluded.count,
      min_step  = CASE WHEN excluded.min_value < min_value THEN excluded.min_step  ELSE min_step  END,
      min_epoch = CASE WHEN excluded.min_value < min_value THEN excluded.min_epoch ELSE min_epoch END,
      min_time  = CASE WHEN excluded.min_value < min_value THEN excluded.min_time  ELSE min_time  END,
      min_value = min(min_value, excluded.min_value),
      max_step  = CASE WHEN excluded.max_value > max_value THEN excluded.max_step  ELSE max_step  END,
      max_epoch = CASE WHEN excluded.max_value > max_value THEN excluded.max_epoch ELSE max_epoch END,
      max_time  = CASE WHEN excluded.max_value > max_value THEN excluded.max_time  ELSE max_time  END,
      max_value = max(max_value, excluded.max_value)`);

  /** Per block of METRIC_BLOCK_STEPS steps: the count and the indices of the lowest and highest point of the batch. */
  const writeBlocks = (runId: number, s: MetricPoints): void => {
    const blocks = new Map<number, { count: number; lo: number; hi: number }>();
    for (let i = 0; i < s.value.length; i++) {
      const block = Math.floor(s.step[i] / METRIC_BLOCK_STEPS);
      const b = blocks.get(block);
      if (!b) blocks.set(block, { count: 1, lo: i, hi: i });
      else {
        b.count++;
        if (s.value[i] < s.value[b.lo]) b.lo = i;
        if (s.value[i] > s.value[b.hi]) b.hi = i;
      }
    }
    for (const [block, { count, lo, hi }] of blocks) {
      upsertBlock.run(runId, s.name, block, count, s.step[lo], s.epoch[lo], s.time[lo], s.value[lo], s.step[hi], s.epoch[hi], s.time[hi], s.value[hi]);
    }
  };

  /** All series of a batch in one transaction: one fsync instead of thousands. */
  const insertBatch = db.transaction((runId: number, series: readonly MetricPoints[]) => {
    for (const s of series) {
      const n = s.value.length;
      if (n === 0) continue;
      let min = Infinity;
      let max = -Infinity;
      let first = 0;
      let last = 0;
      for (let i = 0; i < n; i++) {
        insert.run(runId, s.name, s.step[i], s.epoch[i], s.value[i], s.time[i]);
        const v = s.value[i];
        if (v < min) min = v;
        if (v > max) max = v;
        if (s.step[i] < s.step[first]) first = i;
        if (s.step[i] >= s.step[last]) last = i;
      }
      upsertSummary.run(runId, s.name, n, s.step[first], s.step[last], s.value[last], min, max);
      writeBlocks(runId, s);
    }
  });

  const toSeries = (rows: MetricRow[]): MetricSeries[] => {
    const byName = new Map<string, MetricSeries>();
    for (const row of rows) {
      let series = byName.get(row.name);
      if (!series) byName.set(row.name, (series = { name: row.name, step: [], epoch: [], value: [], time: [] }));
      series.step.push(row.step);
      series.epoch.push(row.epoch);
      series.value.push(row.value);
      series.time.push(row.time);
    }
    return [...byName.values()];
  };

  return {
    insertBatch: (runId: number, series: readonly MetricPoints[]): void => insertBatch(runId, series),
    series(runId: number, names?: readonly string[]): MetricSeries[] {
      if (!names) return toSeries(selectAll.all(runId));
      return names.flatMap((name) => toSeries(selectNamed.all(runId, name)));
    },
    names: (runId: number): string[] => selectNames.all(runId).map((r) => r.name),
  };
}
