/**
 * Metric points of runs: written in batches, read as series per name. The points' derived
 * tables are kept here with them: run_metric_summary (count, last, min, max per metric, so the
 * runs table never scans the points) and metric_blocks (per-block extremes, so the compare
 * chart downsamples long series without scanning them).
 */
import type { MetricColumns, MetricSeries } from '../../../shared/api/dto';
import type { MetricSummary } from '../../../shared/api/trackingDto';
import { higherIsBetter } from '../../../shared/tracking/hyperparams';
import type { Db } from './connection';
import { METRIC_BLOCK_STEPS } from './migrations';

export interface MetricPoints { name: string; step: ArrayLike<number>; epoch: ArrayLike<number>; value: ArrayLike<number>; time: ArrayLike<number> }

export interface DownsampledSeries extends MetricColumns { total: number }

interface MetricRow { name: string; step: number; epoch: number; value: number; time: number }

interface SummaryRow { run_id: number; name: string; count: number; last_step: number; last_value: number | null; min_value: number | null; max_value: number | null }

/** step, epoch, time, value */
type Point = [number, number, number, number];

function toDownsampled(points: readonly Point[], total: number): DownsampledSeries {
  const out: DownsampledSeries = { step: [], epoch: [], time: [], value: [], total };
  for (const p of points) {
    out.step.push(p[0]); out.epoch.push(p[1]); out.time.push(p[2]); out.value.push(p[3]);
  }
  return out;
}

function toMetricSummary(row: SummaryRow): MetricSummary {
  const min = row.min_value ?? NaN;
  const max = row.max_value ?? NaN;
  return { count: row.count, last: row.last_value ?? NaN, lastStep: row.last_step, min, max, best: higherIsBetter(row.name) ? max : min };
}

export function createMetricsRepo(db: Db) {
  const insert = db.prepare<[number, string, number, number, number, number]>(
    'INSERT INTO metrics (run_id, name, step, epoch, value, time) VALUES (?, ?, ?, ?, ?, ?)');
  const selectAll = db.prepare<[number], MetricRow>(
    'SELECT name, step, epoch, value, time FROM metrics WHERE run_id = ? ORDER BY name, step, rowid');
  const selectNamed = db.prepare<[number, string], MetricRow>(
    'SELECT name, step, epoch, value, time FROM metrics WHERE run_id = ? AND name = ? ORDER BY step, rowid');
  const selectNames = db.prepare<[number], { name: string }>('SELECT DISTINCT name FROM metrics WHERE run_id = ? ORDER BY name');
  const selectSummaries = db.prepare<{ experiment: number | null }, SummaryRow>(`
    SELECT s.run_id, s.name, s.count, s.last_step, s.last_value, s.min_value, s.max_value
    FROM run_metric_summary s JOIN runs r ON r.id = s.run_id
    WHERE @experiment IS NULL OR r.experiment_id = @experiment`);
  const selectSummary = db.prepare<[number, string], { count: number; first_step: number; last_step: number }>(
    'SELECT count, first_step, last_step FROM run_metric_summary WHERE run_id = ? AND name = ?');
  const countRange = db.prepare<[number, string, number, number], { n: number }>(
    'SELECT count(*) AS n FROM metrics WHERE run_id = ? AND name = ? AND step BETWEEN ? AND ?');
  const selectRange = db.prepare<[number, string, number, number], Point>(
    'SELECT step, epoch, time, value FROM metrics WHERE run_id = ? AND name = ? AND step BETWEEN ? AND ? ORDER BY step, rowid').raw();
  const selectFirst = db.prepare<[number, string, number, number], Point>(
    'SELECT step, epoch, time, value FROM metrics WHERE run_id = ? AND name = ? AND step BETWEEN ? AND ? ORDER BY step, rowid LIMIT 1').raw();
  const selectLast = db.prepare<[number, string, number, number], Point>(
    'SELECT step, epoch, time, value FROM metrics WHERE run_id = ? AND name = ? AND step BETWEEN ? AND ? ORDER BY step DESC, rowid DESC LIMIT 1').raw();
  const selectBlocks = db.prepare<[number, string, number, number], [number, number, number, number, number, number, number, number]>(`
    SELECT min_step, min_epoch, min_time, min_value, max_step, max_epoch, max_time, max_value
    FROM metric_blocks WHERE run_id = ? AND name = ? AND block BETWEEN ? AND ? ORDER BY block`).raw();

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

    /** Per run of the experiment (or all runs): each metric's count, last, min, max and best. */
    summaries(experimentId: number | undefined): Map<number, Record<string, MetricSummary>> {
      const byRun = new Map<number, Record<string, MetricSummary>>();
      for (const s of selectSummaries.all({ experiment: experimentId ?? null })) {
        let byName = byRun.get(s.run_id);
        if (!byName) byRun.set(s.run_id, (byName = {}));
        byName[s.name] = toMetricSummary(s);
      }
      return byRun;
    },

    /**
     * A metric series with at most about `maxPoints` points: min-max decimation over equal step
     * buckets (each keeps its lowest and highest point; the first and last points always stay),
     * so spikes survive that plain striding would skip. Long ranges are reduced from
     * metric_blocks (one row per METRIC_BLOCK_STEPS steps) instead of from every point.
     */
    downsampled(runId: number, name: string, maxPoints: number, range?: { from: number; to: number }): DownsampledSeries {
      const summary = selectSummary.get(runId, name);
      if (!summary) return { step: [], epoch: [], time: [], value: [], total: 0 };
      const from = Math.max(range?.from ?? summary.first_step, summary.first_step);
      const to = Math.min(range?.to ?? summary.last_step, summary.last_step);
      if (from > to) return { step: [], epoch: [], time: [], value: [], total: 0 };
      const total = range ? countRange.get(runId, name, from, to)!.n : summary.count;
      if (total <= maxPoints) return toDownsampled([...selectRange.iterate(runId, name, from, to)], total);

      const buckets = Math.max(1, Math.floor((maxPoints - 2) / 2));
      const span = to - from + 1;
      const bucketOf = (step: number): number => Math.min(buckets - 1, Math.max(0, Math.floor(((step - from) * buckets) / span)));
      const lows = new Array<Point | undefined>(buckets);
      const highs = new Array<Point | undefined>(buckets);
      const offer = (p: Point, high: boolean): void => {
        if (p[0] < from || p[0] > to) return;
        const b = bucketOf(p[0]);
        if (high) { if (!highs[b] || p[3] > highs[b]![3]) highs[b] = p; } else if (!lows[b] || p[3] < lows[b]![3]) lows[b] = p;
      };
      const firstBlock = Math.floor(from / METRIC_BLOCK_STEPS);
      const lastBlock = Math.floor(to / METRIC_BLOCK_STEPS);
      if (lastBlock - firstBlock + 1 >= buckets) {
        for (const b of selectBlocks.iterate(runId, name, firstBlock, lastBlock)) {
          offer([b[0], b[1], b[2], b[3]], false);
          offer([b[4], b[5], b[6], b[7]], true);
        }
      } else {
        // blocks coarser than the buckets asked for (a zoomed-in range): reduce the points themselves
        for (const p of selectRange.iterate(runId, name, from, to)) { offer(p, false); offer(p, true); }
      }
      const picked: Point[] = [selectFirst.get(runId, name, from, to)!, selectLast.get(runId, name, from, to)!];
      for (let b = 0; b < buckets; b++) {
        if (lows[b]) picked.push(lows[b]!);
        if (highs[b] && highs[b] !== lows[b]) picked.push(highs[b]!);
      }
      picked.sort((a, b) => a[0] - b[0]);
      const unique = picked.filter((p, k) => k === 0 || p[0] !== picked[k - 1][0] || p[3] !== picked[k - 1][3]);
      return toDownsampled(unique, total);
    },
  };
}
