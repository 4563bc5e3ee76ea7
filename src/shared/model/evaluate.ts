/**
 * Evaluating a network on a data set: loss and accuracy over a split (or both) and the first
 * rows' outputs beside their targets. `models.evaluate` runs it in a compute worker.
 */
import { DataError } from '../data/errors';
import type { Dataset } from '../data/spec';
import { Network } from '../nn/network';
import type { NetworkSpec } from '../nn/spec';

export type EvaluationSplit = 'train' | 'test' | 'all';

export interface ModelEvaluation {
  dataset: string;
  split: EvaluationSplit;
  rows: number;
  loss: number;
  /** Null for regression. */
  accuracy: number | null;
  /** Outputs of the first `maxPredictions` rows, in the network's (scaled) units. */
  predictions: number[][];
  targets: number[][];
}

/** The model's output count, after a DataError (the caller's mistake) when its inputs and outputs do not fit the data set's. */
export function fittingOutputs(spec: NetworkSpec, data: Dataset): number {
  const outputs = spec.layers[spec.layers.length - 1].units;
  if (data.inputDim !== spec.inputs || data.outputDim !== outputs) {
    throw new DataError(`the model maps ${spec.inputs} inputs to ${outputs} outputs but "${data.name}" has ${data.inputDim} inputs and ${data.outputDim} outputs`);
  }
  return outputs;
}

/** Throws a DataError (the caller's mistake) when the shapes do not fit or the split is empty. */
export function evaluateModel(
  model: { spec: NetworkSpec; params: ArrayLike<number> }, data: Dataset, split: EvaluationSplit, maxPredictions: number,
): ModelEvaluation {
  const outputs = fittingOutputs(model.spec, data);
  const parts = split === 'all' ? [data.train, data.test] : [data[split]];
  const rows = parts.reduce((n, p) => n + p.n, 0);
  if (rows === 0) throw new DataError(`the ${split} split of "${data.name}" is empty`);
  const x = new Float64Array(rows * data.inputDim);
  const y = new Float64Array(rows * data.outputDim);
  let at = 0;
  for (const p of parts) {
    x.set(p.x, at * data.inputDim);
    y.set(p.y, at * data.outputDim);
    at += p.n;
  }
  const net = new Network(model.spec, Float64Array.from(model.params));
  const { loss, accuracy } = net.evaluate(x, y, rows, data.task === 'classification');
  const shown = Math.min(rows, maxPredictions);
  const predicted = shown > 0 ? net.predict(x.subarray(0, shown * data.inputDim), shown) : new Float64Array(0);
  const rowsOf = (m: Float64Array, width: number) => Array.from({ length: shown }, (_, r) => Array.from(m.subarray(r * width, (r + 1) * width)));
  return { dataset: data.name, split, rows, loss, accuracy, predictions: rowsOf(predicted, outputs), targets: rowsOf(y, data.outputDim) };
}
