/** Numbers for stored results: six significant digits (plenty for pictures and charts, a third of the JSON), and class labels per row. */
import type { Dataset, Split } from '../../data/spec';

export const roundNumber = (v: number): number => (Number.isFinite(v) ? Number(v.toPrecision(6)) : v);

export const roundArray = (values: ArrayLike<number>): number[] => Array.from(values, roundNumber);

/** Each row's class (argmax of a one-hot target, or 0/1 of a single output), or null for regression. */
export function rowLabels(split: Split, dataset: Pick<Dataset, 'task' | 'outputDim'>): (number | null)[] {
  const labels: (number | null)[] = new Array(split.n);
  const d = dataset.outputDim;
  for (let r = 0; r < split.n; r++) {
    if (dataset.task !== 'classification') {
      labels[r] = null;
    } else if (d === 1) {
      labels[r] = split.y[r] >= 0.5 ? 1 : 0;
    } else {
      let best = 0;
      for (let k = 1; k < d; k++) if (split.y[r * d + k] > split.y[r * d + best]) best = k;
      labels[r] = best;
    }
  }
  return labels;
}
