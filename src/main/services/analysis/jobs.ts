/**
 * Analysis jobs (loss landscapes, feature visualization): each runs in its own worker thread,
 * at most `maxWorkers` at once, the rest queued. Progress, the end and every status change go
 * out as `job.progress` events. A worker that throws, posts an error or dies fails its job with
 * the message; main carries on. Workers never write the database: a finished job's result is
 * handed to the `save` its starter gave, which stores it and returns the artifact's id.
 */
import { Worker } from 'node:worker_threads';
import {
  CANCEL_FLAG_INDEX, type AnalysisCommand, type AnalysisKind, type AnalysisRequest, type AnalysisResult, type AnalysisWorkerMessage,
} from '../../../shared/analysis-protocol';
import { FINAL_JOB_STATES, type AnalysisJobState, type AnalysisJobStatus } from '../../../shared/api/analysisDto';
import { notFound } from '../errors';
import type { EventBus } from '../events';
import { workerEntry, type WorkerEntry } from '../training/workerEntry';

/** A cancelled worker that has not stopped after this long (a job that never polls) is terminated. */
const CANCEL_GRACE_MS = 1000;
/** Finished jobs kept for jobs.list. */
const FINISHED_KEPT = 20;

export interface StartOptions<K extends AnalysisKind> {
  runId: number | null;
  /** Stores the result and returns its artifact id; throwing fails the job with the message. */
  save: (result: AnalysisResult<K>) => number;
}

export interface AnalysisJobsOptions {
  bus: EventBus;
  /** Default 1: training already keeps the other cores busy on a small machine. */
  maxWorkers?: number;
  entry?: WorkerEntry;
}

interface Job {
  status: AnalysisJobStatus;
  /** Dropped when the job ends: it holds parameter vectors. */
  request?: AnalysisRequest;
  save: (result: AnalysisResult) => number;
  worker?: Worker;
  cancelFlag?: Int32Array;
  settled: Promise<AnalysisJobStatus>;
  settle: (status: AnalysisJobStatus) => void;
}

export class AnalysisJobs {
  readonly maxWorkers: number;
  private readonly bus: EventBus;
  private readonly entry: WorkerEntry;
  private readonly jobs = new Map<number, Job>();
  private readonly queue: number[] = [];
  private running = 0;
  private nextId = 1;
  private closed = false;

  constructor(options: AnalysisJobsOptions) {
    this.bus = options.bus;
    this.maxWorkers = Math.max(1, options.maxWorkers ?? 1);
    this.entry = options.entry ?? workerEntry('analysis.worker');
  }

  start<K extends AnalysisKind>(kind: K, request: AnalysisRequest<K>, options: StartOptions<K>): AnalysisJobStatus {
    if (this.closed) throw new Error('the analysis service is closed');
    const jobId = this.nextId++;
    let settle!: (status: AnalysisJobStatus) => void;
    const settled = new Promise<AnalysisJobStatus>((resolve) => { settle = resolve; });
    const job: Job = {
      status: { jobId, runId: options.runId, kind, status: 'queued', done: 0, total: 0, error: null, artifactId: null, createdAt: Date.now() },
      request, save: options.save as (result: AnalysisResult) => number, settled, settle,
    };
    this.jobs.set(jobId, job);
    this.queue.push(jobId);
    this.announce(job);
    this.fillSlots();
    return { ...job.status };
  }

  get(jobId: number): AnalysisJobStatus {
    return { ...this.job(jobId).status };
  }

  /** Active jobs first, then the finished ones kept, newest first within each. */
  list(runId?: number): AnalysisJobStatus[] {
    return [...this.jobs.values()]
      .map((job) => job.status)
      .filter((status) => runId === undefined || status.runId === runId)
      .sort((a, b) => Number(FINAL_JOB_STATES.includes(a.status)) - Number(FINAL_JOB_STATES.includes(b.status)) || b.jobId - a.jobId)
      .map((status) => ({ ...status }));
  }

  /** Resolves with the job's final status. */
  whenSettled(jobId: number): Promise<AnalysisJobStatus> {
    return this.job(jobId).settled;
  }

  cancel(jobId: number): AnalysisJobStatus {
    const job = this.job(jobId);
    if (FINAL_JOB_STATES.includes(job.status.status)) return { ...job.status };
    const queued = this.queue.indexOf(jobId);
    if (queued >= 0) this.queue.splice(queued, 1);
    if (job.worker && job.cancelFlag) {
      Atomics.store(job.cancelFlag, CANCEL_FLAG_INDEX, 1);
      job.worker.postMessage({ type: 'cancel', jobId } satisfies AnalysisCommand);
      const worker = job.worker;
      setTimeout(() => void worker.terminate(), CANCEL_GRACE_MS).unref();
    }
    this.finish(job, 'cancelled', null);
    return { ...job.status };
  }

  /** Cancels everything (at app exit). */
  async close(): Promise<void> {
    this.closed = true;
    const active = [...this.jobs.values()].filter((job) => !FINAL_JOB_STATES.includes(job.status.status));
    for (const job of active) this.cancel(job.status.jobId);
    await Promise.all(active.map((job) => job.worker?.terminate()));
  }

  private fillSlots(): void {
    while (!this.closed && this.running < this.maxWorkers && this.queue.length > 0) {
      const job = this.jobs.get(this.queue.shift()!);
      if (job) this.launch(job);
    }
  }

  private launch(job: Job): void {
    const { jobId, kind } = job.status;
    const cancelFlag = new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT);
    job.cancelFlag = new Int32Array(cancelFlag);
    this.running++;
    let worker: Worker;
    try {
      worker = new Worker(this.entry.file, { argv: this.entry.argv });
    } catch (err) {
      this.running--;
      this.finish(job, 'failed', `could not start the analysis worker: ${err instanceof Error ? err.message : String(err)}`);
      return;
    }
    job.worker = worker;
    job.status.status = 'running';
    this.announce(job);
    worker.on('message', (message: AnalysisWorkerMessage) => this.receive(job, message));
    worker.on('error', (err) => this.finish(job, 'failed', err.message || String(err)));
    worker.on('exit', (code) => {
      this.finish(job, 'failed', `the analysis worker exited unexpectedly (exit code ${code})`);
      job.worker = undefined;
      this.running--;
      this.fillSlots();
    });
    worker.postMessage({ type: 'run', jobId, kind, request: job.request!, cancelFlag } satisfies AnalysisCommand);
  }

  private receive(job: Job, message: AnalysisWorkerMessage): void {
    if (FINAL_JOB_STATES.includes(job.status.status)) return;
    switch (message.type) {
      case 'progress':
        job.status.done = message.done;
        job.status.total = message.total;
        this.announce(job);
        return;
      case 'result':
        try {
          job.status.artifactId = job.save(message.result);
          job.status.done = job.status.total;
          this.finish(job, 'done', null);
        } catch (err) {
          this.finish(job, 'failed', `could not store the result: ${err instanceof Error ? err.message : String(err)}`);
        }
        return;
      case 'cancelled':
        this.finish(job, 'cancelled', null);
        return;
      case 'error':
        this.finish(job, 'failed', message.message);
        return;
    }
  }

  /** The first ending wins: a worker's 'exit' after its result changes nothing. */
  private finish(job: Job, status: AnalysisJobState, error: string | null): void {
    if (FINAL_JOB_STATES.includes(job.status.status)) return;
    job.status.status = status;
    job.status.error = error;
    job.request = undefined;
    this.announce(job);
    job.settle({ ...job.status });
    this.forgetOldJobs();
  }

  private forgetOldJobs(): void {
    const finished = [...this.jobs.values()].filter((job) => FINAL_JOB_STATES.includes(job.status.status));
    for (const job of finished.slice(0, Math.max(0, finished.length - FINISHED_KEPT))) this.jobs.delete(job.status.jobId);
  }

  private job(jobId: number): Job {
    const job = this.jobs.get(jobId);
    if (!job) throw notFound(`analysis job ${jobId}`);
    return job;
  }

  private announce(job: Job): void {
    this.bus.emit('job.progress', { ...job.status });
  }
}
