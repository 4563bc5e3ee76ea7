/** Handlers of the feature-visualization and representation methods. */
import type { ApiHandlers } from '../../../shared/api/contract';
import type { FeatureVisResponses } from '../../../shared/api/featureVisContract';
import type { ComputePool } from '../compute';
import type { Store } from '../store';
import { createFeatureVisService } from './featureVis';
import type { AnalysisJobs } from './jobs';

export function createFeatureVisHandlers(store: Store, jobs: AnalysisJobs, compute: ComputePool): Pick<ApiHandlers, keyof FeatureVisResponses> {
  const service = createFeatureVisService(store, jobs, compute);
  return {
    'featureVis.context': ({ runId, checkpointId }) => service.context(runId, checkpointId),
    'featureVis.start': (req) => service.start(req),
    'featureVis.channels': (req) => service.channels(req),
    'featureVis.list': ({ runId }) => service.list(runId),
    'featureVis.get': ({ id }) => service.get(id),
    'featureVis.delete': ({ id }) => service.delete(id),
    'representations.start': (req) => service.startRepresentation(req),
    'representations.list': ({ runId }) => service.listRepresentations(runId),
    'representations.get': ({ id }) => service.getRepresentation(id),
    'representations.delete': ({ id }) => service.deleteRepresentation(id),
  };
}
