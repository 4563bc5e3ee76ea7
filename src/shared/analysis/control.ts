/**
 * How a long analysis talks to the worker that runs it: progress after each unit of work
 * (a grid row, an optimization step) and a cancellation poll at the same moments. Cancelling
 * throws AnalysisCancelled, so no half-filled result can be mistaken for a finished one.
 */

export interface JobControl {
  /** `done` of `total` units of work are finished. */
  onProgress?: (done: number, total: number) => void;
  /** Polled after each unit of work; true stops the job with AnalysisCancelled. */
  shouldCancel?: () => boolean;
}

export class AnalysisCancelled extends Error {
  constructor(done: number, total: number) {
    super(`analysis cancelled after ${done} of ${total} steps`);
    this.name = 'AnalysisCancelled';
  }
}

/** Reports progress, then throws if the job was cancelled. */
export function reportProgress(control: JobControl | undefined, done: number, total: number): void {
  control?.onProgress?.(done, total);
  if (control?.shouldCancel?.()) throw new AnalysisCancelled(done, total);
}
