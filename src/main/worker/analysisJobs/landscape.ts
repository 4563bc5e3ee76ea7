/** The landscape job: builds the run's dataset from its spec (seeded, so the very data it trained on) and computes the grid. */
import type { JobControl } from '../../../shared/analysis/control';
import { computeLandscape, type LandscapeJobRequest, type LandscapeJobResult } from '../../../shared/analysis/landscape/landscapeJob';
import { buildDataset } from '../../../shared/data/build';
import { nodeDataSources } from '../../data/mnist';

export function landscapeJob(request: LandscapeJobRequest, control: JobControl): LandscapeJobResult {
  const data = buildDataset(request.spec.dataset, nodeDataSources);
  return computeLandscape(request, data, control);
}
