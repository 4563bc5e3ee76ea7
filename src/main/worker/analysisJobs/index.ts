/**
 * The analysis job kinds the analysis worker can run: one entry per kind, one file per job.
 * A job gets its request and a JobControl (progress, cancellation) and returns its result;
 * it never touches the database (main stores the result).
 */
import type { JobControl } from '../../../shared/analysis/control';
import type { AnalysisKind, AnalysisRequest, AnalysisResult } from '../../../shared/analysis-protocol';
import { landscapeJob } from './landscape';
import { featureVisJob, representationJob } from './featureVis';

export type AnalysisJob<K extends AnalysisKind> = (request: AnalysisRequest<K>, control: JobControl) => Promise<AnalysisResult<K>> | AnalysisResult<K>;

export const jobs: { [K in AnalysisKind]: AnalysisJob<K> } = {
  landscape: landscapeJob,
  featureVis: featureVisJob,
  representation: representationJob,
};
