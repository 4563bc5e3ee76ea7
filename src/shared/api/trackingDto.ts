/** Plain data of experiment tracking: the runs table, compare series, sweeps, model export and import. */
import type { ModelFile } from '../model/modelFile';
import type { ExperimentSummary, MetricSeries, RunStatus, RunSummary } from './dto';

/** A run's hyperparameters flattened to dotted paths: `learningRate`, `optimizer.kind`, `layers.0.units`, `dataset.name`. */
export type Hyperparams = Record<string, string | number | boolean>;

/** Summary of one metric of one run, kept up to date as points arrive (not computed by scanning them). */
export interface MetricSummary {
  count: number;
  last: number;
  /** Step of the last point. */
  lastStep: number;
  min: number;
  max: number;
  /** min for losses and norms, max for accuracies (see `higherIsBetter`). */
  best: number;
}

/** One row of the runs table: the run's summary (less its last metrics, which `metrics` widens) and the table's columns. */
export interface RunRow extends Omit<RunSummary, 'lastMetrics'> {
  experimentName: string;
  /** finishedAt - startedAt, or now - startedAt while active; null before it starts. */
  durationMs: number | null;
  tags: string[];
  notes: string;
  archived: boolean;
  /** The key hyperparameters, as the filter language names them. */
  lr: number;
  batch: number;
  epochs: number;
  optimizer: string;
  /** Activations of the hidden layers, distinct, in order ("relu", "tanh,relu"); the output layer's is `outputActivation`. */
  activation: string;
  outputActivation: string;
  loss: string;
  hyperparams: Hyperparams;
  metrics: Record<string, MetricSummary>;
}

export interface RunsTable {
  rows: RunRow[];
  /** Rows before filter and search (after the experiment and archive choice). */
  total: number;
  /** Every metric name any listed run has, sorted: the table's metric columns. */
  metricNames: string[];
  /** Every hyperparameter path any listed run has, sorted. */
  hyperparamKeys: string[];
}

/** A downsampled metric series of one run for the compare chart. */
export interface CompareSeries extends MetricSeries {
  runId: number;
  /** Points stored for this series in the asked range (step.length is at most the asked maxPoints). */
  total: number;
}

export interface SweepStarted { experiment: ExperimentSummary; runs: RunSummary[] }

export interface SweepProgress {
  experimentId: number;
  total: number;
  byStatus: Partial<Record<RunStatus, number>>;
  /** Runs with a final status. */
  finished: number;
  /** 0..1: finished runs count whole, active runs by epoch / epochs. */
  fraction: number;
}

/** A file for the user to save: text as UTF-8, binary (ONNX) as base64. */
export interface ExportedFile {
  filename: string;
  mimeType: string;
  encoding: 'utf8' | 'base64';
  data: string;
}

/** An imported model file, stored so it can be evaluated or used to start training from. */
export interface ImportedModel {
  id: number;
  name: string;
  createdAt: number;
  inputs: number;
  architecture: string;
  loss: string;
}

export interface ImportedModelDetail extends ImportedModel { model: ModelFile }

export interface ModelEvaluation {
  dataset: string;
  split: 'train' | 'test' | 'all';
  rows: number;
  loss: number;
  /** Null for regression. */
  accuracy: number | null;
  /** Outputs of the first `maxPredictions` rows, in the network's (scaled) units. */
  predictions: number[][];
  targets: number[][];
}
