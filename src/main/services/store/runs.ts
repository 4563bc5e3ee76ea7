/** Runs: one training of one spec, its status, position and last metric values. */
import type { RunDetail, RunStatus, RunSummary } from '../../../shared/api/dto';
import type { TrainSpec } from '../../../shared/training/trainSpec';
import type { Db } from './connection';

interface RunRow {
  id: number; experiment_id: number; name: string; status: RunStatus; config: string; seed: number;
  dataset: string; architecture: string; created_at: number; started_at: number | null;
  finished_at: number | null; step: number; epoch: number; error: string | null; last_metrics: string;
}

const toSummary = (row: RunRow): RunSummary => ({
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
});

export interface NewRun {
  experimentId: number;
  name: string;
  spec: TrainSpec;
  dataset: string;
  architecture: string;
  status: RunStatus;
}

export function createRunsRepo(db: Db) {
  const columns = `id, experiment_id, name, status, config, seed, dataset, architecture, created_at,
    started_at, finished_at, step, epoch, error, last_metrics`;
  const selectOne = db.prepare<[number], RunRow>(`SELECT ${columns} FROM runs WHERE id = ?`);
  const selectAll = db.prepare<[], RunRow>(`SELECT ${columns} FROM runs ORDER BY id DESC`);
  const selectByExperiment = db.prepare<[number], RunRow>(`SELECT ${columns} FROM runs WHERE experiment_id = ? ORDER BY id DESC`);
  const insert = db.prepare(`
    INSERT INTO runs (experiment_id, name, status, config, seed, dataset, architecture, created_at)
    VALUES (@experimentId, @name, @status, @config, @seed, @dataset, @architecture, @createdAt)`);
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

  return {
    create(run: NewRun): RunSummary {
      const id = Number(insert.run({
        experimentId: run.experimentId, name: run.name, status: run.status, config: JSON.stringify(run.spec),
        seed: run.spec.seed, dataset: run.dataset, architecture: run.architecture, createdAt: Date.now(),
      }).lastInsertRowid);
      return toSummary(selectOne.get(id)!);
    },
    get(id: number): RunSummary | undefined {
      const row = selectOne.get(id);
      return row && toSummary(row);
    },
    detail(id: number): RunDetail | undefined {
      const row = selectOne.get(id);
      return row && { ...toSummary(row), spec: JSON.parse(row.config) as TrainSpec };
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
  };
}
