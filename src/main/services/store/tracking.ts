/**
 * Experiment tracking in the store: the runs table (runs, their cached hyperparameters and
 * per-metric summaries: one row per metric, never a scan of the points), run metadata edits,
 * downsampled series for the compare chart, the model a run starts from, imported models.
 */
import type { Hyperparams, MetricSummary, RunRow } from '../../../shared/api/trackingDto';
import type { RunStatus } from '../../../shared/api/dto';
import { flattenSpec, higherIsBetter } from '../../../shared/tracking/hyperparams';
import type { TrainSpec } from '../../../shared/nn/trainSpec';
import type { Db } from './connection';
import { METRIC_BLOCK_STEPS } from './migrations';

interface TableRow {
  id: number; experiment_id: number; experiment_name: string; name: string; status: RunStatus; seed: number;
  dataset: string; architecture: string; created_at: number; started_at: number | null; finished_at: number | null;
  step: number; epoch: number; error: string | null; tags: string; notes: string; archived: number; hyperparams: string;
}

interface SummaryRow { run_id: number; name: string; count: number; last_step: number; last_value: number | null; min_value: number | null; max_value: number | null }

export interface DownsampledSeries { step: number[]; epoch: number[]; time: number[]; value: number[]; total: number }

export const IMPORTED_MODEL_KIND = 'imported-model';

/** step, epoch, time, value */
type Point = [number, number, number, number];

function toSeries(points: readonly Point[], total: number): DownsampledSeries {
  const out: DownsampledSeries = { step: [], epoch: [], time: [], value: [], total };
  for (const p of points) {
    out.step.push(p[0]); out.epoch.push(p[1]); out.time.push(p[2]); out.value.push(p[3]);
  }
  return out;
}

const ACTIVE: readonly RunStatus[] = ['queued', 'running', 'paused'];

function toMetricSummary(row: SummaryRow): MetricSummary {
  const min = row.min_value ?? NaN;
  const max = row.max_value ?? NaN;
  return { count: row.count, last: row.last_value ?? NaN, lastStep: row.last_step, min, max, best: higherIsBetter(row.name) ? max : min };
}

/** Distinct hidden-layer activations from the flattened spec ("relu", "tanh,relu"). */
function hiddenActivationsOf(h: Hyperparams): { hidden: string; output: string } {
  const count = Number(h['layers.count'] ?? 0);
  const names: string[] = [];
  for (let l = 0; l < count - 1; l++) names.push(String(h[`layers.${l}.activation`]));
  return { hidden: [...new Set(names)].join(','), output: String(h[`layers.${count - 1}.activation`] ?? '') };
}

function toRunRow(row: TableRow, metrics: Record<string, MetricSummary>, now: number): RunRow {
  const h = JSON.parse(row.hyperparams) as Hyperparams;
  const { hidden, output } = hiddenActivationsOf(h);
  const end = row.finished_at ?? (ACTIVE.includes(row.status) ? now : null);
  return {
    id: row.id, experimentId: row.experiment_id, experimentName: row.experiment_name, name: row.name, status: row.status,
    dataset: row.dataset, architecture: row.architecture, seed: row.seed, createdAt: row.created_at,
    startedAt: row.started_at, finishedAt: row.finished_at,
    durationMs: row.started_at === null || end === null ? null : Math.max(0, end - row.started_at),
    step: row.step, epoch: row.epoch, error: row.error,
    tags: JSON.parse(row.tags) as string[], notes: row.notes, archived: row.archived !== 0,
    lr: Number(h.learningRate), batch: Number(h.batchSize), epochs: Number(h.epochs), optimizer: String(h['optimizer.kind']),
    activation: hidden, outputActivation: output, loss: String(h.loss),
    hyperparams: h, metrics,
  };
}

export function createTrackingRepo(db: Db) {
  const columns = `r.id, r.experiment_id, e.name AS experiment_name, r.name, r.status, r.seed, r.dataset, r.architecture,
    r.created_at, r.started_at, r.finished_at, r.step, r.epoch, r.error, r.tags, r.notes, r.archived, r.hyperparams`;
  const selectRows = db.prepare<{ experiment: number | null; archived: number }, TableRow>(`
    SELECT ${columns} FROM runs r JOIN experiments e ON e.id = r.experiment_id
    WHERE (@experiment IS NULL OR r.experiment_id = @experiment) AND (@archived = 1 OR r.archived = 0)
    ORDER BY r.id DESC`);
  const selectSummaries = db.prepare<{ experiment: number | null }, SummaryRow>(`
    SELECT s.run_id, s.name, s.count, s.last_step, s.last_value, s.min_value, s.max_value
    FROM run_metric_summary s JOIN runs r ON r.id = s.run_id
    WHERE @experiment IS NULL OR r.experiment_id = @experiment`);
  const selectUncached = db.prepare<[], { id: number; config: string }>('SELECT id, config FROM runs WHERE hyperparams IS NULL');
  const updateHyperparams = db.prepare<[string, number]>('UPDATE runs SET hyperparams = ? WHERE id = ?');
  const rename = db.prepare<[string, number]>('UPDATE runs SET name = ? WHERE id = ?');
  const updateTags = db.prepare<[string, number]>('UPDATE runs SET tags = ? WHERE id = ?');
  const selectTags = db.prepare<[number], { tags: string }>('SELECT tags FROM runs WHERE id = ?');
  const updateNotes = db.prepare<[string, number]>('UPDATE runs SET notes = ? WHERE id = ?');
  const updateArchived = db.prepare<[number, number]>('UPDATE runs SET archived = ? WHERE id = ?');
  const remove = db.prepare<[number]>('DELETE FROM runs WHERE id = ?');
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
  const setInitial = db.prepare<[Buffer | null, number]>('UPDATE runs SET initial_params = ? WHERE id = ?');
  const selectInitial = db.prepare<[number], { initial_params: Buffer | null }>('SELECT initial_params FROM runs WHERE id = ?');
  const selectImported = db.prepare<[string], { id: number; json: string; created_at: number }>(
    'SELECT id, json, created_at FROM artifacts WHERE run_id IS NULL AND kind = ? ORDER BY id DESC');
  const selectImportedOne = db.prepare<[number, string], { id: number; json: string; created_at: number }>(
    'SELECT id, json, created_at FROM artifacts WHERE id = ? AND run_id IS NULL AND kind = ?');
  const deleteImported = db.prepare<[number, string]>('DELETE FROM artifacts WHERE id = ? AND run_id IS NULL AND kind = ?');

  /** Flattens the spec of runs stored before the cache (or by code that does not fill it), once. */
  const fillHyperparamCache = db.transaction(() => {
    for (const { id, config } of selectUncached.all()) updateHyperparams.run(JSON.stringify(flattenSpec(JSON.parse(config) as TrainSpec)), id);
  });

  const deleteMany = db.transaction((ids: readonly number[]) => ids.reduce((n, id) => n + remove.run(id).changes, 0));
  const setArchived = db.transaction((ids: readonly number[], archived: boolean) => {
    for (const id of ids) updateArchived.run(archived ? 1 : 0, id);
  });
  const editTags = db.transaction((ids: readonly number[], tags: readonly string[], mode: 'set' | 'add' | 'remove') => {
    for (const id of ids) {
      const current = JSON.parse(selectTags.get(id)?.tags ?? '[]') as string[];
      const next = mode === 'set' ? [...tags] : mode === 'add' ? [...current, ...tags] : current.filter((t) => !tags.includes(t));
      updateTags.run(JSON.stringify([...new Set(next)]), id);
    }
  });

  return {
    /** Every run of an experiment (or all), with metric summaries; archived ones only when asked. */
    tableRows(experimentId: number | undefined, includeArchived: boolean): RunRow[] {
      // immediate: takes the write lock first (waiting for a writer in another process), not a stale read snapshot
      fillHyperparamCache.immediate();
      const metrics = new Map<number, Record<string, MetricSummary>>();
      for (const s of selectSummaries.all({ experiment: experimentId ?? null })) {
        let byName = metrics.get(s.run_id);
        if (!byName) metrics.set(s.run_id, (byName = {}));
        byName[s.name] = toMetricSummary(s);
      }
      const now = Date.now();
      return selectRows.all({ experiment: experimentId ?? null, archived: includeArchived ? 1 : 0 }).map((row) => toRunRow(row, metrics.get(row.id) ?? {}, now));
    },
    rename(id: number, name: string): void { rename.run(name, id); },
    editTags,
    setNotes(id: number, notes: string): void { updateNotes.run(notes, id); },
    setArchived,
    deleteMany,

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
      if (total <= maxPoints) return toSeries([...selectRange.iterate(runId, name, from, to)], total);

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
      return toSeries(unique, total);
    },

    setInitialParams(runId: number, params: Float64Array | null): void {
      setInitial.run(params && Buffer.from(params.buffer, params.byteOffset, params.byteLength), runId);
    },
    initialParams(runId: number): Float64Array | undefined {
      const blob = selectInitial.get(runId)?.initial_params;
      if (!blob) return undefined;
      const params = new Float64Array(blob.byteLength / Float64Array.BYTES_PER_ELEMENT);
      new Uint8Array(params.buffer).set(blob);
      return params;
    },

    importedModels: (): { id: number; json: unknown; createdAt: number }[] =>
      selectImported.all(IMPORTED_MODEL_KIND).map((r) => ({ id: r.id, json: JSON.parse(r.json), createdAt: r.created_at })),
    importedModel(id: number): { id: number; json: unknown; createdAt: number } | undefined {
      const r = selectImportedOne.get(id, IMPORTED_MODEL_KIND);
      return r && { id: r.id, json: JSON.parse(r.json), createdAt: r.created_at };
    },
    deleteImportedModel: (id: number): boolean => deleteImported.run(id, IMPORTED_MODEL_KIND).changes > 0,
  };
}
export type TrackingRepo = ReturnType<typeof createTrackingRepo>;
