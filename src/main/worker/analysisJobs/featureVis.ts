/** Feature visualization and hidden representations: build the run's dataset from its spec (seeded: the rows it trained on), then the pure reports. */
import type { JobControl } from '../../../shared/analysis/control';
import { featureVisReport, type FeatureVisJobRequest } from '../../../shared/analysis/featurevis/featureVisReport';
import { representationReport, type RepresentationJobRequest } from '../../../shared/analysis/featurevis/representationReport';
import type { FeatureVisReport, RepresentationReport } from '../../../shared/api/featureVisDto';
import { buildDataset } from '../../../shared/data/build';
import { nodeDataSources } from '../../data/mnist';

export const featureVisJob = (request: FeatureVisJobRequest, control: JobControl): FeatureVisReport =>
  featureVisReport(buildDataset(request.dataset, nodeDataSources), request, control);

export const representationJob = (request: RepresentationJobRequest, control: JobControl): RepresentationReport =>
  representationReport(buildDataset(request.dataset, nodeDataSources), request, control);
