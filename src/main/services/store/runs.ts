/**
 * Runs: one training of one spec, its status, position and last metric values; the runs table
 * of experiment tracking (cached hyperparameters, tags, notes, archiving) and the parameters a
 * run starts from. The spec read back is validated with the shared schema, never cast.
 */
import type { RunDetail, RunStatus, RunSummary } from '../../../shared/api/dto';
import type { LearningRateChange, RunLineage } from '../../../shared/tracking/runs';
import type { Hyperparams, MetricSummary, RunRow } from '../../../shared/api/trackingDto';
import { TrainSpecSchema, type TrainSpec } from '../../../shared/training/trainSpec';
import { flattenSpec } from '../../../shared/tracking/hyperparams';
import { float64Array, float64Bytes } from './blobs';
import type { Db } from './connection';
import { StoredDataError } from './errors';
import type { createMetricsRepo } from './metrics';

interface SummaryRow {
  id: number; experiment_id: number; name: string; status: RunStatus; config: string; seed: number;
  dataset: string; architecture: string; created_at: number; started_at: number | null;
  finished_at: number | null; step: number; epoch: number; error: string | null; last_metrics: string; uid: string;
  parent_run_id: number | null; lineage: RunLineage['kind'] | null; lineage_model: string | null; lr_changes: string;
}

interface TableRow {
  id: number; experiment_id: number; experiment_name: string; name: string; status: RunStatus; seed: number;
  dataset: string; architecture: string; created_at: number; started_at: number | null; finished_at: number | null;
  step: number; epoch: number; error: string | null; tags: string; notes: string; archived: number; hyperparams: string | null;
  parent_run_id: number | null; lineage: RunLineage['kind'] | null; lineage_model: string | null; lr_changes: string;
}

const lineageOf = (row: { parent_run_id: number | null; lineage: RunLineage['kind'] | null; lineage_model: string | null }): RunLineage | null =>
  row.lineage === null ? null : { kind: row.lineage, runId: row.parent_run_id, model: row.lineage_model };

const toSummary = (row: SummaryRow): RunSummary => ({
  id: row.id,
  experimentId: row.experiment_id,
  name: row.name,
  status: row.status,
  dataset: row.dataset,
  architecture: row.architecture,
  seed: row.seed,
  createdAt: row.created_at,
  startedAt: row.started_at,
  finishedAt: row.finished_at,
  step: row.step,
  epoch: row.epoch,
  error: row.error,
  lastMetrics: JSON.parse(row.last_metrics) as Record<string, number>,
  lineage: lineageOf(row),
  lrChanges: JSON.parse(row.lr_changes) as LearningRateChange[],
});

/** The stored config of a run, parsed and validated; a row that does not fit says which run it is. */
function parseSpec(runId: number, config: string): TrainSpec {
  let json: unknown;
  try {
    json = JSON.parse(config);
  } catch (err) {
    throw new StoredDataError(`run ${runId}: its stored spec is not valid JSON (${(err as Error).message})`);
  }
  const parsed = TrainSpecSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 5).map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message));
    throw new StoredDataError(`run ${runId}: its stored spec is invalid: ${issues.join('; ')}`);
  }
  return parsed.data;
}

const ACTIVE: readonly RunStatus[] = ['queued', 'running', 'paused'];

/** Distinct hidden-layer activations from the flattened spec ("relu", "tanh,relu"). */
function hiddenActivationsOf(h: Hyperparams): { hidden: string; output: string } {
  const count = Number(h['layers.count'] ?? 0);
  const names: string[] = [];
  for (let l = 0; l < count - 1; l++) names.push(String(h[`layers.${l}.activation`]));
  return { hidden: [...new Set(names)].join(','), output: String(h[`layers.${count - 1}.activation`] ?? '') };
}

function toRunRow(row: TableRow, metrics: Record<string, MetricSummary>, now: number): RunRow {
  // a run whose spec fails validation has no cached hyperparameters: it is listed (so it can be deleted) without them
  const h = JSON.parse(row.hyperparams ?? '{}') as Hyperparams;
  const { hidden, output } = hiddenActivationsOf(h);
  const end = row.finished_at ?? (ACTIVE.includes(row.status) ? now : null);
  return {
    id: row.id, experimentId: row.experiment_id, experimentName: row.experiment_name, name: row.name, status: row.status,
    dataset: row.dataset, architecture: row.architecture, seed: row.seed, createdAt: row.created_at,
    startedAt: row.started_at, finishedAt: row.finished_at,
    durationMs: row.started_at === null || end === null ? null : Math.max(0, end - row.started_at),
    step: row.step, epoch: row.epoch, error: row.error,
    lineage: lineageOf(row), lrChanges: JSON.parse(row.lr_changes) as LearningRateChange[],
    tags: JSON.parse(row.tags) as string[], notes: row.notes, archived: row.archived !== 0,
    lr: Number(h.learningRate), batch: Number(h.batchSize), epochs: Number(h.epochs), optimizer: String(h['optimizer.kind']),
    activation: hidden, outputActivation: output, loss: String(h.loss),
    hyperparams: h, metrics,
  };
}

export interface NewRun {
  experimentId: number;
  name: string;
  spec: TrainSpec;
  dataset: string;
  architecture: string;
  status: RunStatus;
  /** Where it came from; absent for a run from scratch. `runId` must be a stored run. */
  lineage?: { kind: RunLineage['kind']; runId?: number; model?: string };
}

export function createRunsRepo(db: Db, metrics: ReturnType<typeof createMetricsRepo>) {
  const columns = `id, experiment_id, name, status, config, seed, dataset, architecture, created_at,
    started_at, finished_at, step, epoch, error, last_metrics, uid, parent_run_id, lineage, lineage_model, lr_changes`;
  const selectOne = db.prepare<[number], SummaryRow>(`SELECT ${columns} FROM runs WHERE id = ?`);
  // run detail reads the person's marks with the summary, in the same statement
  const selectDetail = db.prepare<[number], SummaryRow & { tags: string; notes: string; archived: number }>(
    `SELECT ${columns}, tags, notes, archived FROM runs WHERE id = ?`);
  const selectAll = db.prepare<[], SummaryRow>(`SELECT ${columns} FROM runs ORDER BY id DESC`);
  const selectByExperiment = db.prepare<[number], SummaryRow>(`SELECT ${columns} FROM runs WHERE experiment_id = ? ORDER BY id DESC`);
  const insert = db.prepare(`
    INSERT INTO runs (experiment_id, name, status, config, seed, dataset, architecture, created_at, hyperparams, lineage, parent_run_id, lineage_model)
    VALUES (@experimentId, @name, @status, @config, @seed, @dataset, @architecture, @createdAt, @hyperparams, @lineage, @parentRunId, @lineageModel)`);
  // the rate in effect from `step` on; a second change at the same step replaces the first
  const appendLrChange = db.prepare<[number, number, number, number]>(`
    UPDATE runs SET lr_changes = (
      SELECT json_group_array(json(value)) FROM (
        SELECT value FROM (
          SELECT value FROM json_each(lr_changes) WHERE json_extract(value, '$.step') <> ?
          UNION ALL SELECT json_object('step', ?, 'learningRate', ?)
        ) ORDER BY json_extract(value, '$.step')
      )
    ) WHERE id = ?`);
  const updateStatus = db.prepare<[RunStatus, number]>('UPDATE runs SET status = ? WHERE id = ?');
  const markStarted = db.prepare<[number, number]>(`UPDATE runs SET status = 'running', started_at = coalesce(started_at, ?) WHERE id = ?`);
  const markFinished = db.prepare<[RunStatus, string | null, number, number]>(
    'UPDATE runs SET status = ?, error = ?, finished_at = ? WHERE id = ?');
  const updatePosition = db.prepare<[number, number, string, number]>(
    `UPDATE runs SET step = ?, epoch = ?, last_metrics = json_patch(last_metrics, ?) WHERE id = ?`);
  const updateArchitecture = db.prepare<[string, number]>('UPDATE runs SET architecture = ? WHERE id = ?');
  const remove = db.prepare<[number]>('DELETE FROM runs WHERE id = ?');
  const interruptStale = db.prepare<[number]>(`
    UPDATE runs SET status = 'interrupted', finished_at = ?,
      error = coalesce(error, 'the app closed while the run was active')
    WHERE status IN ('running', 'paused', 'queued')`);

  const selectRows = db.prepare<{ experiment: number | null; archived: number }, TableRow>(`
    SELECT r.id, r.experiment_id, e.name AS experiment_name, r.name, r.status, r.seed, r.dataset, r.architecture,
      r.created_at, r.started_at, r.finished_at, r.step, r.epoch, r.error, r.tags, r.notes, r.archived, r.hyperparams,
      r.parent_run_id, r.lineage, r.lineage_model, r.lr_changes
    FROM runs r JOIN experiments e ON e.id = r.experiment_id
    WHERE (@experiment IS NULL OR r.experiment_id = @experiment) AND (@archived = 1 OR r.archived = 0)
    ORDER BY r.id DESC`);
  const selectUncached = db.prepare<[], { id: number; config: string }>('SELECT id, config FROM runs WHERE hyperparams IS NULL');
  const updateHyperparams = db.prepare<[string, number]>('UPDATE runs SET hyperparams = ? WHERE id = ?');
  const rename = db.prepare<[string, number]>('UPDATE runs SET name = ? WHERE id = ?');
  const updateTags = db.prepare<[string, number]>('UPDATE runs SET tags = ? WHERE id = ?');
  const selectTags = db.prepare<[number], { tags: string }>('SELECT tags FROM runs WHERE id = ?');
  const updateNotes = db.prepare<[string, number]>('UPDATE runs SET notes = ? WHERE id = ?');
  const updateArchived = db.prepare<[number, number]>('UPDATE runs SET archived = ? WHERE id = ?');
  const setInitial = db.prepare<[Buffer | null, number]>('UPDATE runs SET initial_params = ? WHERE id = ?');
  const selectInitial = db.prepare<[number], { initial_params: Buffer | null }>('SELECT initial_params FROM runs WHERE id = ?');

  /** Flattens the spec of runs stored before the cache, once; a spec that fails validation stays uncached. */
  const fillHyperparamCache = db.transaction(() => {
    for (const { id, config } of selectUncached.all()) {
      let spec: TrainSpec;
      try {
        spec = parseSpec(id, config);
      } catch (err) {
        if (err instanceof StoredDataError) continue;
        throw err;
      }
      updateHyperparams.run(JSON.stringify(flattenSpec(spec)), id);
    }
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
    create(run: NewRun): RunSummary {
      const id = Number(insert.run({
        experimentId: run.experimentId, name: run.name, status: run.status, config: JSON.stringify(run.spec),
        seed: run.spec.seed, dataset: run.dataset, architecture: run.architecture, createdAt: Date.now(),
        hyperparams: JSON.stringify(flattenSpec(run.spec)),
        lineage: run.lineage?.kind ?? null, parentRunId: run.lineage?.runId ?? null, lineageModel: run.lineage?.model ?? null,
      }).lastInsertRowid);
      return toSummary(selectOne.get(id)!);
    },
    get(id: number): RunSummary | undefined {
      const row = selectOne.get(id);
      return row && toSummary(row);
    },
    /** A learning rate set while the run trains, in effect from `step` on (kept with the run: table, filter, detail, Compare). */
    recordLearningRate(id: number, step: number, learningRate: number): void {
      appendLrChange.run(step, step, learningRate, id);
    },
    /** The run with its spec; throws StoredDataError (naming the run) when the stored spec fails validation. */
    detail(id: number): RunDetail | undefined {
      const row = selectDetail.get(id);
      if (!row) return undefined;
      // the person's own marks too: run detail shows and edits the run's record, never a table row that a filter may hide
      return {
        ...toSummary(row), uid: row.uid, spec: parseSpec(row.id, row.config),
        tags: JSON.parse(row.tags) as string[], notes: row.notes, archived: row.archived !== 0,
      };
    },
    list(experimentId?: number): RunSummary[] {
      return (experimentId === undefined ? selectAll.all() : selectByExperiment.all(experimentId)).map(toSummary);
    },
    setStatus(id: number, status: RunStatus): void { updateStatus.run(status, id); },
    markStarted(id: number): void { markStarted.run(Date.now(), id); },
    markFinished(id: number, status: RunStatus, error: string | null): void { markFinished.run(status, error, Date.now(), id); },
    /** Moves the run's position and merges the latest value of each metric into its summary. */
    setPosition(id: number, step: number, epoch: number, lastMetrics: Record<string, number>): void {
      updatePosition.run(step, epoch, JSON.stringify(lastMetrics), id);
    },
    setArchitecture(id: number, architecture: string): void { updateArchitecture.run(architecture, id); },
    delete(id: number): boolean { return remove.run(id).changes > 0; },
    /** Runs a crash left active can never continue: their worker is gone. Returns how many. */
    interruptStale(): number { return interruptStale.run(Date.now()).changes; },

    /** Every run of an experiment (or all), with metric summaries; archived ones only when asked. */
    tableRows(experimentId: number | undefined, includeArchived: boolean): RunRow[] {
      // immediate: takes the write lock first (waiting for a writer in another process), not a stale read snapshot
      fillHyperparamCache.immediate();
      const summaries = metrics.summaries(experimentId);
      const now = Date.now();
      return selectRows.all({ experiment: experimentId ?? null, archived: includeArchived ? 1 : 0 })
        .map((row) => toRunRow(row, summaries.get(row.id) ?? {}, now));
    },
    rename(id: number, name: string): void { rename.run(name, id); },
    editTags: (ids: readonly number[], tags: readonly string[], mode: 'set' | 'add' | 'remove'): void => editTags(ids, tags, mode),
    setNotes(id: number, notes: string): void { updateNotes.run(notes, id); },
    setArchived: (ids: readonly number[], archived: boolean): void => setArchived(ids, archived),
    /** Deletes the runs (their metrics, checkpoints and artifacts cascade); returns how many existed. */
    deleteMany: (ids: readonly number[]): number => deleteMany(ids),

    /** The parameters a run starts from instead of a fresh initialization (a playground model, a checkpoint). */
    setInitialParams(runId: number, params: Float64Array | null): void { setInitial.run(params && float64Bytes(params), runId); },
    initialParams(runId: number): Float64Array | undefined {
      const blob = selectInitial.get(runId)?.initial_params;
      return blob ? float64Array(blob) : undefined;
    },
  };
}
