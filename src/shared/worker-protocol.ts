/**
 * The typed messages between the training host (main) and a training worker thread.
 * Pure types: both sides import them, neither imports the other. Numbers travel as
 * Float64Arrays so they can be transferred instead of copied.
 */
import type { MetricSeries } from './training/metrics';
import type { RegularizationSpec } from './nn/spec';
import type { RunPace } from './training/pace';
import type { TrainSpec } from './training/trainSpec';
import type { LayerHistograms } from './tracking/histograms';

/** What a worker is started with (its `workerData`). */
export interface TrainWorkerData {
  runId: number;
  spec: TrainSpec;
  /** Parameters to start from instead of the spec's initialization (an imported model or a checkpoint). */
  initialParams?: Float64Array;
  /** Start paused at the initialization, and the steps per second (TrainLoop; the CLI trains unpaced). */
  pace?: RunPace;
  /** One int32: how many runs this process trains now (the float32 kernels share work with a second thread only while it is 1). */
  trainers?: SharedArrayBuffer;
}

export type StepUnit = 'batch' | 'epoch';

/** Main to worker. */
export type TrainCommand =
  | { type: 'pause' }
  | { type: 'resume' }
  /** Train one mini-batch or up to the end of the current epoch, then stay paused. */
  | { type: 'step'; unit: StepUnit }
  | { type: 'stop' }
  | { type: 'setLearningRate'; value: number }
  /** Replaces the parameters (a paused run: the user typed a weight); answered with a progress message. */
  | { type: 'setParams'; params: Float64Array }
  | { type: 'setRegularization'; regularization: RegularizationSpec }
  /** Paces training at this many optimizer steps per second from now on; null: as fast as possible. */
  | { type: 'setSpeed'; stepsPerSecond: number | null };

/** Points of one metric since the last flush, as transferable arrays. */
export type MetricBatch = MetricSeries<Float64Array>;

/** Worker to main. */
export type TrainWorkerMessage =
  /** The dataset and network are built; sizes for the run's summary. */
  | { type: 'ready'; inputDim: number; outputDim: number; paramCount: number; batchesPerEpoch: number; architecture: string }
  /** About ten a second while training, and once whenever the worker pauses. */
  | { type: 'progress'; step: number; epoch: number; metrics: MetricBatch[]; params?: Float64Array }
  /** histograms: each layer's weights, biases, gradients and activations at this checkpoint (tracking/histograms.ts); null when they could not be taken. */
  | { type: 'checkpoint'; step: number; epoch: number; params: Float64Array; histograms: LayerHistograms[] | null }
  /** The worker has stopped training and waits for commands. */
  | { type: 'paused'; step: number; epoch: number }
  | { type: 'resumed'; step: number; epoch: number }
  /** Last message of a worker that ended on its own terms. */
  | { type: 'done'; outcome: 'completed' | 'stopped' | 'diverged'; step: number; epoch: number; error: string | null }
  /** Last message of a worker whose training threw. */
  | { type: 'failed'; message: string; step: number; epoch: number };
