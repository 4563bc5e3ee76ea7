/** What a training run records: the metric names and the shape of a metric series. api/dto.ts re-exports them. */

/**
 * Metric names a training run records. Per-layer diagnostics get the 1-based layer number
 * after a slash: `grad_norm/1` is the gradient norm of the first weight layer.
 */
export const METRIC = {
  trainLoss: 'train_loss',
  testLoss: 'test_loss',
  trainAcc: 'train_acc',
  testAcc: 'test_acc',
  batchLoss: 'batch_loss',
  learningRate: 'lr',
  gradNorm: 'grad_norm',
  weightNorm: 'weight_norm',
  deadRelu: 'dead_relu',
} as const;
export const layerMetric = (base: string, layer: number): string => `${base}/${layer}`;
/** The learning curves: loss and accuracy on the training and the test split. */
export const CURVE_METRICS = [METRIC.trainLoss, METRIC.testLoss, METRIC.trainAcc, METRIC.testAcc] as const;

/**
 * The points of one metric series, column by column, all of the same length: the update step,
 * the fractional epoch (step / batches per epoch), the value and the wall-clock time in ms.
 * `A` is the column type: number[] on the API, Float64Array from the worker, readonly to read.
 */
export interface MetricColumns<A = number[]> { step: A; epoch: A; value: A; time: A }
/** One named metric series (a name of METRIC, or `layerMetric(base, layer)`). */
export interface MetricSeries<A = number[]> extends MetricColumns<A> { name: string }
