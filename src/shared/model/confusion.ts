/**
 * How a classifier does class by class: the confusion matrix of a split (rows: the true class,
 * columns: the class the network gives) and the misclassified rows, the most confident mistakes
 * first (the ones a person learns most from: a 4 the network is sure is a 9). `runs.confusion`
 * runs it in a compute worker.
 */
import { DataError } from '../data/errors';
import type { Dataset } from '../data/spec';
import { Network } from '../nn/network';
import type { NetworkSpec } from '../nn/spec';
import { fittingOutputs } from './evaluate';

export interface Misclassified {
  /** Row in the split. */
  row: number;
  label: number;
  predicted: number;
  /** The network's output for the class it gave (its probability for softmax or sigmoid outputs). */
  confidence: number;
  /** The row's inputs, as the network sees them. */
  x: number[];
}

export interface ConfusionReport {
  split: 'train' | 'test';
  rows: number;
  classes: number;
  classNames: string[];
  /** counts[true][predicted]. */
  counts: number[][];
  accuracy: number;
  /** How many rows are misclassified in all, and the first `maxExamples` of them by confidence. */
  wrong: number;
  misclassified: Misclassified[];
}

const CHUNK_ROWS = 1024;

/** Class of output row r: argmax, or 0/1 at 0.5 for a single output. */
const classOf = (out: ArrayLike<number>, offset: number, width: number): number => {
  if (width === 1) return out[offset] >= 0.5 ? 1 : 0;
  let best = 0;
  for (let k = 1; k < width; k++) if (out[offset + k] > out[offset + best]) best = k;
  return best;
};

/** Throws a DataError when the data set is no classification, does not fit the network, or the split is empty. */
export function confusionOf(
  model: { spec: NetworkSpec; params: ArrayLike<number> }, data: Dataset, split: 'train' | 'test', maxExamples: number,
): ConfusionReport {
  if (data.task !== 'classification') throw new DataError(`"${data.name}" is a regression: a confusion matrix needs classes`);
  const width = fittingOutputs(model.spec, data);
  const part = data[split];
  if (part.n === 0) throw new DataError(`the ${split} split of "${data.name}" is empty`);
  const classes = width === 1 ? 2 : width;
  const counts = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  const net = new Network(model.spec, Float64Array.from(model.params));
  const wrong: { row: number; label: number; predicted: number; confidence: number }[] = [];
  for (let row0 = 0; row0 < part.n; row0 += CHUNK_ROWS) {
    const n = Math.min(CHUNK_ROWS, part.n - row0);
    const out = net.forward(part.x.subarray(row0 * data.inputDim, (row0 + n) * data.inputDim), n);
    for (let r = 0; r < n; r++) {
      const label = classOf(part.y, (row0 + r) * data.outputDim, data.outputDim);
      const predicted = classOf(out, r * width, width);
      counts[label][predicted]++;
      if (label !== predicted) {
        const confidence = width === 1 ? (predicted === 1 ? out[r] : 1 - out[r]) : out[r * width + predicted];
        wrong.push({ row: row0 + r, label, predicted, confidence });
      }
    }
  }
  wrong.sort((a, b) => b.confidence - a.confidence || a.row - b.row);
  const names = width === 1 ? ['0', '1'] : data.outputNames.length === classes ? [...data.outputNames] : Array.from({ length: classes }, (_, k) => String(k));
  return {
    split, rows: part.n, classes, classNames: names, counts,
    accuracy: (part.n - wrong.length) / part.n,
    wrong: wrong.length,
    misclassified: wrong.slice(0, Math.max(0, maxExamples)).map((w) => ({
      ...w, x: Array.from(part.x.subarray(w.row * data.inputDim, (w.row + 1) * data.inputDim)),
    })),
  };
}
