/** Analysis jobs (landscapes, feature visualization) as the API reports them. */
import type { AnalysisKind } from '../analysis-protocol';

export const ANALYSIS_JOB_STATUSES = ['queued', 'running', 'done', 'failed', 'cancelled'] as const;
export type AnalysisJobState = (typeof ANALYSIS_JOB_STATUSES)[number];
export const FINAL_JOB_STATES: readonly AnalysisJobState[] = ['done', 'failed', 'cancelled'];

export interface AnalysisJobStatus {
  jobId: number;
  /** The run the job analyses (its result is stored with it), or null. */
  runId: number | null;
  kind: AnalysisKind;
  status: AnalysisJobState;
  /** `done` of `total` units of work (grid rows, points, optimization steps); total is 0 until the worker reports. */
  done: number;
  total: number;
  error: string | null;
  /** The stored result once the job is done. */
  artifactId: number | null;
  createdAt: number;
}

/** Every change of an analysis job: queued, progress while running, and its end. */
export type JobProgressEvent = AnalysisJobStatus;

export interface AnalysisEvents {
  'job.progress': JobProgressEvent;
}
