/** Per-feature box constraints for optimized inputs: by default the range the data actually covers. */
import type { Split } from '../../data/spec';

export interface FeatureBounds { lower: Float64Array; upper: Float64Array }

/** min and max of each of the `dim` columns of a split. */
export function featureBounds(split: Split, dim: number): FeatureBounds {
  if (split.n < 1) throw new Error('featureBounds: the split is empty');
  const lower = new Float64Array(dim).fill(Infinity);
  const upper = new Float64Array(dim).fill(-Infinity);
  for (let r = 0; r < split.n; r++) {
    for (let i = 0; i < dim; i++) {
      const v = split.x[r * dim + i];
      if (v < lower[i]) lower[i] = v;
      if (v > upper[i]) upper[i] = v;
    }
  }
  return { lower, upper };
}

/** x <- min(max(x, lower), upper): the projection of projected gradient ascent. */
export function clampToBounds(x: Float64Array, bounds: FeatureBounds): void {
  const { lower, upper } = bounds;
  for (let i = 0; i < x.length; i++) {
    if (x[i] < lower[i]) x[i] = lower[i];
    else if (x[i] > upper[i]) x[i] = upper[i];
  }
}
