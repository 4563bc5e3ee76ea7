/**
 * The typed messages between main's analysis job service and an analysis worker thread
 * (loss landscapes, feature visualization, ...). One worker runs one job and then exits.
 * Pure types: both sides import them, neither imports the other.
 *
 * Each job kind declares its request and result in AnalysisJobTypes; a new kind is one entry
 * here plus one file in src/main/worker/analysisJobs/.
 *
 * Cancelling: an analysis is a synchronous loop, so a 'cancel' message would only arrive after
 * it finished. Main therefore also hands the worker a SharedArrayBuffer flag it polls between
 * units of work (JobControl.shouldCancel); the 'cancel' message is for jobs that yield.
 */
import type { LandscapeJobRequest, LandscapeJobResult } from './analysis/landscape/landscapeJob';
import type { FeatureVisJobRequest } from './analysis/featurevis/featureVisReport';
import type { RepresentationJobRequest } from './analysis/featurevis/representationReport';
import type { FeatureVisReport, RepresentationReport } from './analysis/featurevis/reportTypes';

export interface AnalysisJobTypes {
  landscape: { request: LandscapeJobRequest; result: LandscapeJobResult };
  featureVis: { request: FeatureVisJobRequest; result: FeatureVisReport };
  representation: { request: RepresentationJobRequest; result: RepresentationReport };
}

export type AnalysisKind = keyof AnalysisJobTypes;
export type AnalysisRequest<K extends AnalysisKind = AnalysisKind> = AnalysisJobTypes[K]['request'];
export type AnalysisResult<K extends AnalysisKind = AnalysisKind> = AnalysisJobTypes[K]['result'];

/** Index of the cancel flag in the Int32Array over `cancelFlag`: 1 means cancel. */
export const CANCEL_FLAG_INDEX = 0;

/** Main to worker. */
export type AnalysisCommand =
  | { type: 'run'; jobId: number; kind: AnalysisKind; request: AnalysisRequest; cancelFlag: SharedArrayBuffer }
  | { type: 'cancel'; jobId: number };

/** Worker to main. */
export type AnalysisWorkerMessage =
  /** `done` of `total` units of work; at most about ten a second, and always the last one. */
  | { type: 'progress'; jobId: number; done: number; total: number }
  | { type: 'result'; jobId: number; result: AnalysisResult }
  /** The job stopped because it was cancelled; nothing is stored. */
  | { type: 'cancelled'; jobId: number }
  | { type: 'error'; jobId: number; message: string };
