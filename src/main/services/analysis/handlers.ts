/** Handlers of the analysis jobs' and the landscapes' methods. */
import type { AnalysisResponses } from '../../../shared/api/analysisContract';
import type { ApiHandlers } from '../../../shared/api/contract';
import type { LandscapeResponses } from '../../../shared/api/landscapeContract';
import type { AnalysisJobs } from './jobs';
import type { LandscapeService } from './landscapes';

type Handlers = Pick<ApiHandlers, keyof AnalysisResponses | keyof LandscapeResponses>;

export function createAnalysisHandlers(jobs: AnalysisJobs, landscapes: LandscapeService): Handlers {
  return {
    'jobs.cancel': ({ jobId }) => jobs.cancel(jobId),
    'jobs.list': ({ runId }) => jobs.list(runId),
    'landscape.compute': ({ runId, settings }) => landscapes.compute(runId, settings),
    'landscape.list': ({ runId }) => landscapes.list(runId),
    'landscape.get': ({ id }) => landscapes.get(id),
    'landscape.delete': ({ id }) => landscapes.delete(id),
  };
}
