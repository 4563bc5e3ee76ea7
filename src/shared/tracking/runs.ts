/**
 * A run as experiment tracking sees it: its status, its summary and its row in the runs table,
 * and a metric series for the compare chart. Plain JSON; api/dto.ts and api/trackingDto.ts
 * re-export these for the API.
 */
import type { MetricSeries } from '../training/metrics';

export const RUN_STATUSES = ['queued', 'running', 'paused', 'completed', 'stopped', 'failed', 'diverged', 'interrupted'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];
/** Statuses after which a run never changes again. */
export const FINAL_STATUSES: readonly RunStatus[] = ['completed', 'stopped', 'failed', 'diverged', 'interrupted'];

/**
 * Where a run came from: `continued` from the trained network of run `runId`, a `rerun` of run
 * `runId` with changes, or started from the `imported-model` named `model`. `runId` is null when
 * that run was deleted since.
 */
export interface RunLineage { kind: 'continued' | 'rerun' | 'imported-model'; runId: number | null; model: string | null }

/** A learning rate set while the run trained, in effect from `step` on. */
export interface LearningRateChange { step: number; learningRate: number }

export interface RunSummary {
  id: number;
  experimentId: number;
  name: string;
  status: RunStatus;
  /** Dataset name and the layer sizes, for the runs list. */
  dataset: string;
  architecture: string;
  seed: number;
  createdAt: number;
  startedAt: number | null;
  finishedAt: number | null;
  /** Last reported step and epoch. */
  step: number;
  epoch: number;
  /** Error text for failed runs; "loss became NaN at step N" for diverged ones. */
  error: string | null;
  /** Last value of each metric, by name (train_loss, test_loss, train_acc, ...). */
  lastMetrics: Record<string, number>;
  /** Null for a run started from scratch. */
  lineage: RunLineage | null;
  /** Learning rates set while it trained, oldest first; empty when it kept the spec's. */
  lrChanges: LearningRateChange[];
}

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

/** A downsampled metric series of one run for the compare chart. */
export interface CompareSeries extends MetricSeries {
  runId: number;
  /** Points stored for this series in the asked range (step.length is at most the asked maxPoints). */
  total: number;
}
