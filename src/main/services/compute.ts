/**
 * The compute pool: request/response work too heavy for main's event loop (a data set's
 * preview, a model's evaluation, reading an imported model file) runs in up to `maxWorkers`
 * compute workers, the rest of the calls queued in order. A worker is started on demand and
 * lives on between calls (it keeps the MNIST digits it parsed), so a call costs a message, not
 * a thread start; one idle for `idleMs` exits and frees its memory. A worker that dies fails its
 * call and is replaced by the next call. Workers never touch the database: callers store results.
 *
 * Not the analysis jobs' workers: those run one long, cancellable job each, with progress
 * events and a stored result, one at a time by default; a quick call must not queue behind a
 * landscape, and needs none of that.
 */
import { Worker } from 'node:worker_threads';
import type {
  ComputeCommand, ComputeRequest, ComputeResult, ComputeTask, ComputeWorkerMessage,
} from '../../shared/compute-protocol';
import { DataError } from '../../shared/data/errors';
import { ApiError } from './errors';
import { workerEntry, type WorkerEntry } from './training/workerEntry';

/** A worker idle this long exits (its MNIST cache goes with it). */
const IDLE_MS = 60_000;

export interface ComputePoolOptions {
  /** Default 2: one slow call (an evaluation) leaves a second worker for a quick one. */
  maxWorkers?: number;
  idleMs?: number;
  entry?: WorkerEntry;
}

interface Call {
  callId: number;
  task: ComputeTask;
  request: ComputeRequest;
  resolve: (result: ComputeResult) => void;
  reject: (err: Error) => void;
}

interface Slot { worker: Worker; call?: Call; idle?: NodeJS.Timeout }

export class ComputePool {
  readonly maxWorkers: number;
  private readonly idleMs: number;
  private readonly entry: WorkerEntry;
  private readonly slots = new Set<Slot>();
  private readonly queue: Call[] = [];
  private nextId = 1;
  private closed = false;

  constructor(options: ComputePoolOptions = {}) {
    this.maxWorkers = Math.max(1, options.maxWorkers ?? 2);
    this.idleMs = options.idleMs ?? IDLE_MS;
    this.entry = options.entry ?? workerEntry('compute.worker');
  }

  /**
   * Runs a task in a worker. A DataError or model-file fault there rejects as the caller's
   * mistake (DataError, ApiError bad-request "model file: …"), anything else as an Error.
   */
  run<T extends ComputeTask>(task: T, request: ComputeRequest<T>): Promise<ComputeResult<T>> {
    if (this.closed) return Promise.reject(new Error('the compute pool is closed'));
    return new Promise<ComputeResult<T>>((resolve, reject) => {
      this.queue.push({ callId: this.nextId++, task, request, resolve: resolve as (result: ComputeResult) => void, reject });
      this.dispatch();
    });
  }

  /** Workers running now (busy or idle). */
  get workers(): number {
    return this.slots.size;
  }

  /** Ends every worker; calls not answered yet fail. */
  async close(): Promise<void> {
    this.closed = true;
    for (const call of this.queue.splice(0)) call.reject(new Error('the compute pool is closed'));
    const slots = [...this.slots];
    this.slots.clear();
    for (const slot of slots) {
      clearTimeout(slot.idle);
      slot.call?.reject(new Error('the compute pool is closed'));
      slot.call = undefined;
    }
    await Promise.all(slots.map((slot) => slot.worker.terminate()));
  }

  private dispatch(): void {
    while (!this.closed && this.queue.length > 0) {
      const slot = [...this.slots].find((s) => !s.call) ?? (this.slots.size < this.maxWorkers ? this.spawn() : undefined);
      if (!slot) return;
      const call = this.queue.shift()!;
      clearTimeout(slot.idle);
      slot.call = call;
      slot.worker.ref();
      try {
        slot.worker.postMessage({ type: 'run', callId: call.callId, task: call.task, request: call.request } satisfies ComputeCommand);
      } catch (err) {
        // a request that cannot be cloned: the call fails, the worker stays
        slot.call = undefined;
        call.reject(err instanceof Error ? err : new Error(String(err)));
        this.rest(slot);
      }
    }
  }

  private spawn(): Slot | undefined {
    let worker: Worker;
    try {
      worker = new Worker(this.entry.file, { argv: this.entry.argv });
    } catch (err) {
      const message = `could not start a compute worker: ${err instanceof Error ? err.message : String(err)}`;
      for (const call of this.queue.splice(0)) call.reject(new Error(message));
      return undefined;
    }
    const slot: Slot = { worker };
    this.slots.add(slot);
    worker.on('message', (message: ComputeWorkerMessage) => this.receive(slot, message));
    const lost = (reason: string): void => {
      if (!this.slots.delete(slot)) return;
      clearTimeout(slot.idle);
      slot.call?.reject(new Error(reason));
      slot.call = undefined;
      this.dispatch();
    };
    worker.on('error', (err) => lost(`the compute worker failed: ${err.message || String(err)}`));
    worker.on('exit', (code) => lost(`the compute worker exited unexpectedly (exit code ${code})`));
    return slot;
  }

  private receive(slot: Slot, message: ComputeWorkerMessage): void {
    const call = slot.call;
    if (!call || call.callId !== message.callId) return;
    slot.call = undefined;
    if (message.type === 'result') call.resolve(message.result);
    else if (message.kind === 'data') call.reject(new DataError(message.message));
    else if (message.kind === 'model-file') call.reject(new ApiError('bad-request', `model file: ${message.message}`));
    else call.reject(new Error(message.message));
    this.rest(slot);
    this.dispatch();
  }

  /** An idle worker does not keep the process alive, and exits after idleMs. */
  private rest(slot: Slot): void {
    if (slot.call || !this.slots.has(slot)) return;
    slot.worker.unref();
    clearTimeout(slot.idle);
    slot.idle = setTimeout(() => {
      if (slot.call || !this.slots.delete(slot)) return;
      void slot.worker.terminate();
    }, this.idleMs);
    slot.idle.unref();
  }
}

/**
 * Rows of a flat row-major matrix built a slice at a time, yielding to the event loop between
 * slices: a 1,500-image MNIST preview is 1.2 million numbers, which in one go would hold main up
 * for tens of milliseconds.
 */
export async function rowsInSlices(values: Float64Array, n: number, dim: number, numbersPerSlice = 50_000): Promise<number[][]> {
  const rows: number[][] = new Array<number[]>(n);
  const perSlice = Math.max(1, Math.floor(numbersPerSlice / Math.max(1, dim)));
  for (let start = 0; start < n; start += perSlice) {
    if (start > 0) await new Promise<void>((resolve) => setImmediate(resolve));
    const end = Math.min(n, start + perSlice);
    for (let r = start; r < end; r++) rows[r] = Array.from(values.subarray(r * dim, (r + 1) * dim));
  }
  return rows;
}
