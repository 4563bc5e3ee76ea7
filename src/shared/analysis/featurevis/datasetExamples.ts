/**
 * Dataset examples for a unit (Distill's "Feature Visualization", "Dataset Examples"): the rows
 * that excite it most, and rows that excite it only slightly. "Slightly" is the k rows whose
 * activation is nearest the q-quantile (default q = 0.1) of the strictly positive activations, by
 * rank (the nearest-rank quantile, position round(q (m - 1)) of the m positive values ascending):
 * clearly on, but far from the top, which shows what the unit responds to weakly.
 * The most negative rows are returned too (for tanh or pre-activation units, the opposite feature).
 */

export interface Example {
  /** Row index in the split. */
  index: number;
  activation: number;
}

export interface DatasetExamples {
  /** The k largest activations, descending (ties: lower row index first). */
  top: Example[];
  /** k rows around the quantile of the positive activations, descending; empty if none is positive. */
  slight: Example[];
  /** The activation at that quantile (NaN when none is positive). */
  slightTarget: number;
  /** The k smallest activations, ascending. */
  bottom: Example[];
}

export interface ExampleOptions {
  /** Rows per group, default 9. */
  k?: number;
  /** Quantile of the positive activations for `slight`, default 0.1. */
  quantile?: number;
}

export function datasetExamples(activations: Float64Array, options: ExampleOptions = {}): DatasetExamples {
  const k = options.k ?? 9;
  const q = options.quantile ?? 0.1;
  if (!(Number.isInteger(k) && k >= 1)) throw new Error(`k: expected a positive integer, got ${k}`);
  if (!(q >= 0 && q <= 1)) throw new Error(`quantile: expected 0..1, got ${q}`);
  const n = activations.length;
  // descending by activation, NaN last, ties by index so the order is reproducible
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => {
    const a = activations[i];
    const b = activations[j];
    if (a === b || (Number.isNaN(a) && Number.isNaN(b))) return i - j;
    if (Number.isNaN(a)) return 1;
    if (Number.isNaN(b)) return -1;
    return b - a;
  });
  const example = (index: number): Example => ({ index, activation: activations[index] });
  const ranked = order.filter((i) => !Number.isNaN(activations[i]));
  const top = ranked.slice(0, k).map(example);
  const bottom = ranked.slice(Math.max(0, ranked.length - k)).reverse().map(example);

  let positives = 0;
  while (positives < ranked.length && activations[ranked[positives]] > 0) positives++;
  if (positives === 0) return { top, slight: [], slightTarget: NaN, bottom };
  // ranked[0..positives) is descending, so the q-quantile ascending is position (positives - 1) - round(q (positives - 1))
  const centre = positives - 1 - Math.round(q * (positives - 1));
  const start = Math.max(0, Math.min(centre - Math.floor(k / 2), positives - k));
  const slight = ranked.slice(start, Math.min(positives, start + k)).map(example);
  return { top, slight, slightTarget: activations[ranked[centre]], bottom };
}
