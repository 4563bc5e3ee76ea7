/**
 * The CLI's training run in the store: created before the first step, metric points and
 * checkpoints as training goes, final status at the end. The store module (and with it
 * better-sqlite3's native binding) is loaded only when a run is stored.
 */
import { METRIC, type RunStatus } from '../../shared/api/dto';
import type { TrainSpec } from '../../shared/training/trainSpec';
import type { Store } from '../services/store';
import { CliFailure } from './errors';

export interface EpochPoint { epoch: number; step: number; trainLoss: number; testLoss: number | null; trainAcc: number | null; testAcc: number | null }

export class RunRecord {
  private constructor(private readonly store: Store, readonly runId: number) {}

  static async open(file: { db?: string; dataDir?: string }, spec: TrainSpec, architecture: string): Promise<RunRecord> {
    let store: Store;
    try {
      const { openStore, openStoreIn } = await import('../services/store');
      store = file.db ? openStore(file.db) : openStoreIn(file.dataDir!);
    } catch (error) {
      throw new CliFailure(`cannot open the run database (${(error as Error).message}); train with --no-store, or run 'npm rebuild better-sqlite3' if the native module was built for Electron`);
    }
    const run = store.runs.create({
      experimentId: store.experiments.defaultId(),
      name: spec.name ?? `${spec.dataset.name} ${architecture}`,
      spec, dataset: spec.dataset.name, architecture, status: 'running',
    });
    store.runs.markStarted(run.id);
    return new RunRecord(store, run.id);
  }

  get file(): string { return this.store.file; }

  addPoint(point: EpochPoint): void {
    const time = Date.now();
    const values: [string, number | null][] = [
      [METRIC.trainLoss, point.trainLoss], [METRIC.testLoss, point.testLoss],
      [METRIC.trainAcc, point.trainAcc], [METRIC.testAcc, point.testAcc],
    ];
    const present = values.filter((v): v is [string, number] => v[1] !== null && Number.isFinite(v[1]));
    this.store.metrics.insertBatch(this.runId, present.map(([name, value]) => ({ name, step: [point.step], epoch: [point.epoch], value: [value], time: [time] })));
    this.store.runs.setPosition(this.runId, point.step, point.epoch, Object.fromEntries(present));
  }

  addCheckpoint(step: number, epoch: number, params: Float64Array): void {
    this.store.checkpoints.add(this.runId, step, epoch, params);
  }

  finish(status: RunStatus, error: string | null): void {
    this.store.runs.markFinished(this.runId, status, error);
    this.store.close();
  }
}
