/**
 * The analysis jobs' part of the contract (merged into apiRequestSchemas/ApiResponses in
 * contract.ts): the jobs every analysis kind shares. Starting a job is feature-specific
 * (`landscape.compute`, ...) and lives in each feature's own contract file.
 */
import { z } from 'zod';
import type { AnalysisJobStatus } from './analysisDto';

const Id = z.number().int().min(1);

export const analysisRequestSchemas = {
  /** Cancels a queued or running job; a finished job is returned unchanged. */
  'jobs.cancel': z.object({ jobId: Id }),
  /** Jobs of this session, newest first: the active ones and the last few finished (optionally of one run). */
  'jobs.list': z.object({ runId: Id.optional() }),
} as const;

export interface AnalysisResponses {
  'jobs.cancel': AnalysisJobStatus;
  'jobs.list': AnalysisJobStatus[];
}
