/** Plain data that crosses the API: JSON-safe, no class instances, no typed arrays. */
import type { TrainSpec } from '../training/trainSpec';
import type { RunStatus, RunSummary } from '../tracking/runs';
import type { AnalysisEvents } from './analysisDto';
import type { BundleImportReport } from './bundleDto';
import type { MetricSeries } from '../training/metrics';

export type { DatasetInfo, DatasetPreview } from '../data/spec';
export { RUN_STATUSES, FINAL_STATUSES, type RunStatus, type RunSummary } from '../tracking/runs';
export { METRIC, CURVE_METRICS, layerMetric, type MetricColumns, type MetricSeries } from '../training/metrics';

export interface AppInfo {
  version: string;
  mode: 'electron' | 'browser';
  dataDir: string;
  cores: number;
  maxConcurrentJobs: number;
}

export interface ExperimentSummary { id: number; name: string; createdAt: number; runCount: number }

/** `uid`: the run's globally unique id, kept when it is exported and imported into another store. */
/** One run as run detail shows it: the summary, its uid and spec, and the person's tags, notes and archive mark. */
export interface RunDetail extends RunSummary { uid: string; spec: TrainSpec; tags: string[]; notes: string; archived: boolean }

export interface CheckpointInfo { id: number; runId: number; step: number; epoch: number; createdAt: number }

export interface CheckpointData extends CheckpointInfo { params: number[] }

export interface RunProgressEvent {
  runId: number;
  status: RunStatus;
  step: number;
  epoch: number;
  /** Metric points since the previous event. */
  points: MetricSeries[];
  /** Current flat parameter vector, for live diagrams and decision boundaries. */
  params?: number[];
}

export interface RunStatusEvent { runId: number; status: RunStatus; error: string | null; step: number; epoch: number }

/**
 * The data folder's storage changed state: `ok: false` once when a write is first refused (disk
 * full, file not writable), `ok: true` once when writing works again. Said once per change, not
 * per failed write; in between, calls that write answer with the same code and message.
 */
export interface StorageStatusEvent { ok: boolean; code: 'storage-full' | 'storage-unavailable' | null; message: string | null }

export interface ApiEvents extends AnalysisEvents {
  'run.progress': RunProgressEvent;
  'run.status': RunStatusEvent;
  'app.storage': StorageStatusEvent;
  /** Run bundles were merged into the store (from any tab, or the desktop app's File menu): what was merged. */
  'runs.imported': BundleImportReport;
}
export type ApiEventName = keyof ApiEvents;

/**
 * `storage-full` / `storage-unavailable`: the data folder refused a write (the message says why and how much space is free);
 * `too-large`: a call or file over a limit of api/limits.ts (named in `limit`).
 */
export const API_ERROR_CODES = ['bad-request', 'not-found', 'conflict', 'too-large', 'storage-full', 'storage-unavailable', 'internal'] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];
export interface ApiErrorDto {
  code: ApiErrorCode;
  message: string;
  issues?: { path: string; message: string }[];
  /** With `too-large`: the limit exceeded, by its name in api/limits.ts. */
  limit?: { name: string; bytes: number };
}
/** What the router answers to every call, and what travels over Electron IPC: the response, or the error. */
export type ApiResult = { ok: true; value: unknown } | { ok: false; error: ApiErrorDto };

