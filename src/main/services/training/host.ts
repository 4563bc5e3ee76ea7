/**
 * The training host: runs at most `maxJobs` training workers at once, queues the rest, and
 * routes pause/resume/step/stop/learning-rate commands to the right worker. Every status
 * change is written to the store and announced as a `run.status` event.
 */
import { availableParallelism } from 'node:os';
import type { RunDetail, RunStatus, RunSummary } from '../../../shared/api/dto';
import { FINAL_STATUSES } from '../../../shared/api/dto';
import type { RegularizationSpec } from '../../../shared/nn/spec';
import type { RunPace, StepsPerSecond } from '../../../shared/training/pace';
import type { StepUnit } from '../../../shared/worker-protocol';
import { ApiError, conflict, notFound } from '../errors';
import type { EventBus } from '../events';
import type { Store } from '../store';
import { StorageError, StoredDataError } from '../store/errors';
import { TrainJob } from './job';
import { trainWorkerEntry, type WorkerEntry } from './workerEntry';

/** One core stays free for the window and the main process. */
export const defaultMaxJobs = (): number => Math.max(1, availableParallelism() - 1);

/** A worker that ignores `stop` this long is terminated. */
const STOP_GRACE_MS = 5000;

export interface TrainingHostOptions {
  store: Store;
  bus: EventBus;
  maxJobs?: number;
  entry?: WorkerEntry;
}

export class TrainingHost {
  readonly maxJobs: number;
  private readonly store: Store;
  private readonly bus: EventBus;
  private readonly entry: WorkerEntry;
  private readonly jobs = new Map<number, TrainJob>();
  private readonly queue: number[] = [];
  /** How each queued run will be driven (start paused, steps per second); handed to its worker, never stored. */
  private readonly paces = new Map<number, RunPace>();
  /** Status changes the disk refused (full): announced anyway, written once writing works again. */
  private readonly unrecorded = new Map<number, { status: RunStatus; error: string | null }>();
  private closed = false;

  constructor(options: TrainingHostOptions) {
    this.store = options.store;
    this.bus = options.bus;
    this.maxJobs = Math.max(1, options.maxJobs ?? defaultMaxJobs());
    this.entry = options.entry ?? trainWorkerEntry();
  }

  /** Starts a stored run now, or queues it when all slots are busy; `pace` may start it paused or throttled. */
  enqueue(runId: number, pace?: RunPace): RunSummary {
    if (pace) this.paces.set(runId, pace);
    this.queue.push(runId);
    this.setStatus(runId, 'queued');
    this.fillSlots();
    return this.summary(runId);
  }

  isActive(runId: number): boolean {
    return this.jobs.has(runId) || this.queue.includes(runId);
  }

  /**
   * Resolves once the worker has paused, so the summary's step is where it stands. The status
   * turns 'paused' only when the worker says so (TrainJob), after its last progress: a client
   * that sees 'paused' never sees the step move again.
   */
  async pause(runId: number): Promise<RunSummary> {
    const run = this.summary(runId);
    if (run.status === 'paused') return run;
    if (run.status !== 'running') throw conflict(`run ${runId} is ${run.status}; only a running run can be paused`);
    const job = this.job(runId);
    const paused = job.nextPause();
    job.send({ type: 'pause' });
    await paused;
    return this.summary(runId);
  }

  resume(runId: number): RunSummary {
    const run = this.summary(runId);
    if (run.status === 'running') return run;
    if (run.status !== 'paused') throw conflict(`run ${runId} is ${run.status}; only a paused run can be resumed`);
    this.job(runId).send({ type: 'resume' });
    this.setStatus(runId, 'running');
    return this.summary(runId);
  }

  /** One batch or one epoch, then paused (a running run is paused first); resolves when the step is done. */
  async step(runId: number, unit: StepUnit): Promise<RunSummary> {
    const run = this.summary(runId);
    if (run.status !== 'paused' && run.status !== 'running') {
      throw conflict(`run ${runId} is ${run.status}; only a running or paused run can be stepped`);
    }
    const job = this.job(runId);
    const stepped = job.nextPause({ moved: true });
    job.send({ type: 'step', unit });
    await stepped;
    return this.summary(runId);
  }

  setLearningRate(runId: number, value: number): RunSummary {
    const run = this.summary(runId);
    if (run.status !== 'paused' && run.status !== 'running') {
      throw conflict(`run ${runId} is ${run.status}; the learning rate can only change while it trains`);
    }
    this.job(runId).send({ type: 'setLearningRate', value });
    return run;
  }

  /** Paces a queued, running or paused run at this many steps per second (null: as fast as possible) from now on. */
  setSpeed(runId: number, stepsPerSecond: StepsPerSecond): RunSummary {
    const run = this.summary(runId);
    if (!this.isActive(runId)) throw conflict(`run ${runId} is ${run.status}; the speed can only change while it trains`);
    const job = this.jobs.get(runId);
    if (job) job.send({ type: 'setSpeed', stepsPerSecond });
    else this.paces.set(runId, { ...(this.paces.get(runId) ?? { startPaused: false }), stepsPerSecond });
    return run;
  }

  setRegularization(runId: number, regularization: RegularizationSpec): RunSummary {
    const run = this.summary(runId);
    if (run.status !== 'paused' && run.status !== 'running') {
      throw conflict(`run ${runId} is ${run.status}; the regularization can only change while it trains`);
    }
    this.job(runId).send({ type: 'setRegularization', regularization });
    return run;
  }

  /** New parameters for a paused run (a weight typed into the diagram); its next progress event shows them. */
  setParams(runId: number, params: readonly number[]): RunSummary {
    const run = this.summary(runId);
    if (run.status !== 'paused') throw conflict(`run ${runId} is ${run.status}; pause it before editing its weights`);
    const job = this.job(runId);
    if (job.paramCount !== null && params.length !== job.paramCount) {
      throw new ApiError('bad-request', `params: run ${runId}'s network has ${job.paramCount} parameters, got ${params.length}`);
    }
    job.send({ type: 'setParams', params: Float64Array.from(params) });
    return run;
  }

  /** Stops a run and resolves once it has its final status (stopping a finished run changes nothing). */
  async stop(runId: number): Promise<RunSummary> {
    const run = this.summary(runId);
    const queued = this.queue.indexOf(runId);
    if (queued >= 0) {
      this.queue.splice(queued, 1);
      this.paces.delete(runId);
      this.setStatus(runId, 'stopped', null);
    }
    const job = this.jobs.get(runId);
    if (job) {
      job.send({ type: 'stop' });
      const timer = setTimeout(() => void job.terminate('stopped', null), STOP_GRACE_MS);
      await job.finished;
      clearTimeout(timer);
    } else if (!FINAL_STATUSES.includes(run.status) && queued < 0) {
      // a run no worker knows about (left over in the table): nothing can continue it
      this.setStatus(runId, 'stopped', null);
    }
    return this.summary(runId);
  }

  /** Ends every job: their runs become `interrupted`, as after a crash, since none can continue. */
  async close(): Promise<void> {
    this.closed = true;
    for (const runId of this.queue.splice(0)) this.setStatus(runId, 'interrupted', 'the app closed before the run started');
    await Promise.all([...this.jobs.values()].map((job) => job.terminate('interrupted', 'the app closed while the run was active')));
  }

  /** Resolves when no job runs or waits (for tests and the CLI). */
  async idle(): Promise<void> {
    while (this.jobs.size > 0) await Promise.race([...this.jobs.values()].map((job) => job.finished));
  }

  private fillSlots(): void {
    while (!this.closed && this.jobs.size < this.maxJobs && this.queue.length > 0) {
      const runId = this.queue.shift()!;
      const pace = this.paces.get(runId);
      this.paces.delete(runId);
      let detail: RunDetail | undefined;
      try {
        detail = this.store.runs.detail(runId);
      } catch (err) {
        // a stored spec that no longer validates fails its run instead of stopping the queue
        if (!(err instanceof StoredDataError)) throw err;
        this.setStatus(runId, 'failed', err.message);
        continue;
      }
      if (!detail) continue;
      try {
        this.store.runs.markStarted(runId);
      } catch (err) {
        // the disk refused the write: the run cannot be recorded, so it does not start (never a crash here)
        if (!(err instanceof StorageError)) throw err;
        this.setStatus(runId, 'failed', `could not record the run: ${err.message}`);
        continue;
      }
      this.announce(runId);
      const job = new TrainJob(runId, detail.spec, {
        store: this.store, bus: this.bus, entry: this.entry, setStatus: (id, status, error) => this.setStatus(id, status, error),
        statusOf: (id) => this.statusOf(id),
      }, this.store.runs.initialParams(runId), pace);
      this.jobs.set(runId, job);
      void job.finished.then(() => {
        this.jobs.delete(runId);
        this.fillSlots();
      });
    }
  }

  private job(runId: number): TrainJob {
    const job = this.jobs.get(runId);
    if (!job) throw conflict(`run ${runId} has no worker`);
    return job;
  }

  private summary(runId: number): RunSummary {
    const run = this.store.runs.get(runId);
    if (!run) throw notFound(`run ${runId}`);
    const pending = this.unrecorded.get(runId);
    return pending ? { ...run, status: pending.status, error: pending.error } : run;
  }

  /** A run's status as the host knows it: a change the disk refused counts. */
  private statusOf(runId: number): RunStatus | undefined {
    return this.unrecorded.get(runId)?.status ?? this.store.runs.get(runId)?.status;
  }

  /**
   * Writes and announces a status change. A change the disk refuses (full) never throws: it is
   * announced as meant, kept, and written by `retryUnrecorded` once writing works again; a final
   * status that never gets written leaves the run active in the file, so the next start marks it
   * `interrupted`.
   */
  private setStatus(runId: number, status: RunStatus, error: string | null = null): void {
    this.retryUnrecorded();
    try {
      this.writeStatus(runId, status, error);
      this.unrecorded.delete(runId);
    } catch (err) {
      if (!(err instanceof StorageError)) throw err;
      this.unrecorded.set(runId, { status, error });
      console.error(`run ${runId}: could not record its status ${status}: ${err.message}`);
    }
    this.announce(runId);
  }

  /** Writes the status changes the disk refused before; called when the store can write again. */
  retryUnrecorded(): void {
    for (const [runId, { status, error }] of [...this.unrecorded]) {
      try {
        this.writeStatus(runId, status, error);
      } catch (err) {
        if (err instanceof StorageError) return;
        throw err;
      }
      this.unrecorded.delete(runId);
    }
  }

  private writeStatus(runId: number, status: RunStatus, error: string | null): void {
    if (FINAL_STATUSES.includes(status)) this.store.runs.markFinished(runId, status, error);
    else this.store.runs.setStatus(runId, status);
  }

  private announce(runId: number): void {
    const run = this.store.runs.get(runId);
    if (!run) return;
    const pending = this.unrecorded.get(runId);
    const status = pending?.status ?? run.status;
    const error = pending ? pending.error : run.error;
    this.bus.emit('run.status', { runId, status, error, step: run.step, epoch: run.epoch });
  }
}
