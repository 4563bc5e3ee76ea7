/**
 * The typed messages between main's compute pool (src/main/services/compute.ts) and a compute
 * worker (src/main/worker/compute.worker.ts): request/response work too heavy for main's event
 * loop — a data set's preview, a model's evaluation, reading an imported model file. A worker
 * lives on between calls (it keeps the MNIST digits it parsed) and runs one call at a time.
 * Pure types: both sides import them, neither imports the other.
 */
import type { ChannelsReport, ChannelsSource } from './analysis/featurevis/channelsReport';
import type { DatasetSpecInput } from './data/build';
import type { PreviewSample } from './data/spec';
import type { ConfusionReport } from './model/confusion';
import type { EvaluationSplit, ModelEvaluation } from './model/evaluate';
import type { ImportedModelFile } from './model/importText';
import type { NetworkSpec } from './nn/spec';

/** A network to evaluate: a stored model file's text (the worker reads and validates it) or a spec and parameters. */
export type ComputeModel =
  | { kind: 'file'; text: string }
  | { kind: 'network'; spec: NetworkSpec; params: Float64Array };

export interface ComputeTaskTypes {
  /** previewSample: the strided rows, as flat arrays. */
  previewDataset: { request: { spec: DatasetSpecInput; maxPoints: number }; result: PreviewSample };
  evaluateModel: { request: { model: ComputeModel; dataset: DatasetSpecInput; split: EvaluationSplit; maxPredictions: number }; result: ModelEvaluation };
  /** confusionOf: the confusion matrix of a split and its most confident mistakes. */
  confusion: { request: { model: ComputeModel; dataset: DatasetSpecInput; split: 'train' | 'test'; maxExamples: number }; result: ConfusionReport };
  importModel: { request: ({ text: string } | { onnx: Uint8Array }) & { name?: string }; result: ImportedModelFile };
  /** channelsOfRow: a conv net's filters and one data row's maps (building the data set, MNIST, is the slow part). */
  channels: { request: ChannelsSource; result: ChannelsReport };
}

export type ComputeTask = keyof ComputeTaskTypes;
export type ComputeRequest<T extends ComputeTask = ComputeTask> = ComputeTaskTypes[T]['request'];
export type ComputeResult<T extends ComputeTask = ComputeTask> = ComputeTaskTypes[T]['result'];

/** Main to worker. */
export interface ComputeCommand { type: 'run'; callId: number; task: ComputeTask; request: ComputeRequest }

/**
 * What kind of failure: `data` (a DataError: the data set does not fit), `model-file` (a
 * ModelFileError: the file is at fault) — both the caller's mistake — or `internal`.
 */
export type ComputeErrorKind = 'data' | 'model-file' | 'internal';

/** Worker to main: one answer per call. */
export type ComputeWorkerMessage =
  | { type: 'result'; callId: number; result: ComputeResult }
  | { type: 'error'; callId: number; kind: ComputeErrorKind; message: string };
