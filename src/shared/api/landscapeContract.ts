/**
 * Loss landscapes' part of the contract (merged into contract.ts). Computing one is an
 * analysis job (progress and cancel through `job.progress` / `jobs.cancel`); the result is
 * stored with the run and listed, reopened and deleted here.
 */
import { z } from 'zod';
import { LandscapeSettingsSchema } from '../analysis/landscape/landscapeSettings';
import type { AnalysisJobStatus } from './analysisDto';
import type { LandscapeData, LandscapeSummary } from './landscapeDto';

const Id = z.number().int().min(1);

export const landscapeRequestSchemas = {
  /** Queues the computation; its job's `job.progress` events end with the stored landscape's artifactId. */
  'landscape.compute': z.object({ runId: Id, settings: LandscapeSettingsSchema }),
  /** The run's stored landscapes, newest first, without their grids. */
  'landscape.list': z.object({ runId: Id }),
  'landscape.get': z.object({ id: Id }),
  'landscape.delete': z.object({ id: Id }),
} as const;

export interface LandscapeResponses {
  'landscape.compute': AnalysisJobStatus;
  'landscape.list': LandscapeSummary[];
  'landscape.get': LandscapeData;
  'landscape.delete': { deleted: true };
}
