/**
 * One training run in one worker thread: starts it, forwards commands, and turns what the
 * worker posts into database writes and API events. A worker that throws, posts a failure or
 * dies marks its run failed; the job then ends and the host carries on.
 */
import { Worker } from 'node:worker_threads';
import type { RunStatus } from '../../../shared/api/dto';
import { FINAL_STATUSES } from '../../../shared/api/dto';
import type { RunPace } from '../../../shared/training/pace';
import type { TrainSpec } from '../../../shared/training/trainSpec';
import type { TrainCommand, TrainWorkerData, TrainWorkerMessage } from '../../../shared/worker-protocol';
import type { EventBus } from '../events';
import type { Store } from '../store';
import { recordingFailure, storeLoopMessage } from './runWriter';
import type { WorkerEntry } from './workerEntry';

export interface JobContext {
  store: Store;
  bus: EventBus;
  entry: WorkerEntry;
  /** Sets a run's status and tells subscribers; the host owns this so every change is announced once. */
  setStatus(runId: number, status: RunStatus, error?: string | null): void;
  /** The run's status as the host knows it (a status change the disk refused counts); undefined once deleted. */
  statusOf(runId: number): RunStatus | undefined;
}

/**
 * How many runs this process is training, shared with every training worker: two runs at once
 * have no core to spare for a kernel helper thread each (docs/architecture.md, section 4).
 */
const trainers = new SharedArrayBuffer(4);
const trainerCount = new Int32Array(trainers);

export class TrainJob {
  private readonly worker: Worker;
  private ended = false;
  private pauseWaiters: { afterStep: number; resolve: () => void }[] = [];
  /** The worker's step as of its last message: a pause at or before it answers no step sent since. */
  private lastStep = 0;
  /** Parameters of the run's network, once the worker has built it ('ready'). */
  paramCount: number | null = null;
  /** Resolves when the worker is gone and the run has its final status. */
  readonly finished: Promise<void>;

  constructor(readonly runId: number, spec: TrainSpec, private readonly ctx: JobContext, initialParams?: Float64Array, pace?: RunPace) {
    const data: TrainWorkerData = { runId, spec, trainers, ...(initialParams ? { initialParams } : {}), ...(pace ? { pace } : {}) };
    Atomics.add(trainerCount, 0, 1);
    this.worker = new Worker(ctx.entry.file, { workerData: data, argv: ctx.entry.argv });
    this.finished = new Promise((resolve) => {
      this.worker.on('message', (message: TrainWorkerMessage) => this.receive(message));
      this.worker.on('error', (err) => this.end('failed', err.message || String(err)));
      this.worker.on('exit', (code) => {
        this.end('failed', `the training worker exited unexpectedly (exit code ${code})`);
        resolve();
      });
    });
  }

  send(command: TrainCommand): void {
    if (this.ended) return;
    this.worker.postMessage(command);
    // a resume cancels an unfinished step: whoever waits for that step's pause would wait for good
    if (command.type === 'resume') this.releasePauseWaiters();
  }

  /**
   * Resolves when the worker next reports that it paused (after a pause or a step), or ends.
   * `moved`: only a pause after at least one more step counts, so a step sent while the pause
   * a run starts with is still on its way waits for its own pause, not that one.
   */
  nextPause({ moved = false }: { moved?: boolean } = {}): Promise<void> {
    if (this.ended) return Promise.resolve();
    const afterStep = moved ? this.lastStep : -1;
    return new Promise((resolve) => this.pauseWaiters.push({ afterStep, resolve }));
  }

  /** Ends the job now, whatever the worker is doing, with the given final status. */
  async terminate(status: RunStatus, error: string | null): Promise<void> {
    this.end(status, error);
    await this.finished;
  }

  private receive(message: TrainWorkerMessage): void {
    if (this.ended) return;
    try {
      this.apply(message);
    } catch (err) {
      // A store write failed (disk full, run deleted): the run cannot be recorded any more.
      this.end('failed', recordingFailure(err));
    }
  }

  private apply(message: TrainWorkerMessage): void {
    const { store, bus } = this.ctx;
    const { runId } = this;
    switch (message.type) {
      case 'ready':
        storeLoopMessage(store, runId, message);
        this.paramCount = message.paramCount;
        return;
      case 'progress': {
        storeLoopMessage(store, runId, message);
        this.lastStep = message.step;
        bus.emit('run.progress', {
          runId, status: this.status(), step: message.step, epoch: message.epoch,
          points: message.metrics.map((m) => ({
            name: m.name, step: Array.from(m.step), epoch: Array.from(m.epoch), value: Array.from(m.value), time: Array.from(m.time),
          })),
          ...(message.params ? { params: Array.from(message.params) } : {}),
        });
        return;
      }
      case 'checkpoint':
        storeLoopMessage(store, runId, message);
        return;
      case 'paused':
        this.lastStep = message.step;
        if (this.status() === 'running') this.ctx.setStatus(runId, 'paused');
        this.releasePauseWaiters(message.step);
        return;
      case 'resumed':
        if (this.status() === 'paused') this.ctx.setStatus(runId, 'running');
        return;
      case 'done':
        this.end(message.outcome, message.error);
        return;
      case 'failed':
        this.end('failed', message.message);
        return;
    }
  }

  private status(): RunStatus {
    return this.ctx.statusOf(this.runId) ?? 'failed';
  }

  /** The first ending wins: a worker's 'exit' after its 'done' changes nothing. */
  private end(status: RunStatus, error: string | null): void {
    if (this.ended) return;
    this.ended = true;
    Atomics.sub(trainerCount, 0, 1);
    try {
      const current = this.ctx.statusOf(this.runId);
      if (current && !FINAL_STATUSES.includes(current)) this.ctx.setStatus(this.runId, status, error);
    } catch (err) {
      // called from the worker's event handlers: whatever went wrong, it must not take the process down
      console.error(`run ${this.runId}: could not record its end (${status}):`, err);
    } finally {
      this.releasePauseWaiters();
      void this.worker.terminate();
    }
  }

  /** Every waiter, or (a pause at `step`) those waiting for a pause after an earlier step. */
  private releasePauseWaiters(step = Infinity): void {
    const due = this.pauseWaiters.filter((w) => step > w.afterStep);
    this.pauseWaiters = this.pauseWaiters.filter((w) => step <= w.afterStep);
    for (const w of due) w.resolve();
  }
}
