/**
 * The optimizer's path in a plane (Li et al., NeurIPS 2018, section 7): random directions in
 * a space of thousands of dimensions are nearly orthogonal to any path, so the plane is spanned
 * by the top two principal directions of M = [theta_0 - theta_n; ...; theta_{n-1} - theta_n]
 * instead. The path's coordinates are the projections (theta_i - theta_n) . d_k onto those unit
 * directions, so theta_n sits at the origin; the surface over that plane is lossSurface with
 * theta = theta_n, d1, d2 = the directions, unnormalized, and the ranges returned here.
 * PCA centres M on its mean, as the paper's code (sklearn's PCA) does; the explained variance
 * ratios are of that centred variance.
 * A path that is a line (rank-1 offsets, e.g. two checkpoints, or steps along one gradient
 * direction) has no second principal direction: d2 is then some unit vector orthogonal to d1,
 * its explained ratio 0 and `pathIsLine` true, so the plot can say that the second axis is
 * not the path's.
 */
import { pca } from '../pca';
import type { Interval } from './landscape';
import { dot, subtract } from '../vectors';

export interface TrajectoryPlaneOptions {
  /** Extra room around the path on each side, as a fraction of its extent per axis (default 0.2). */
  margin?: number;
}

export interface TrajectoryPlane {
  /** Unit principal directions in parameter space, orthogonal. */
  d1: Float64Array;
  d2: Float64Array;
  /** Fraction of the path's variance along d1 and d2 (sum <= 1); d2's is 0 for a line. */
  explainedVarianceRatio: [number, number];
  /** The path spans at most one direction: d2 only completes the plane (it carries none of the path). */
  pathIsLine: boolean;
  /** Per checkpoint i: (theta_i - theta_final) . d1 at [2i], . d2 at [2i + 1]. */
  coordinates: Float64Array;
  /** Ranges of the two coefficients covering the path and the origin, with the margin. */
  alphaRange: Interval;
  betaRange: Interval;
}

export function trajectoryPlane(checkpoints: readonly Float64Array[], final: Float64Array, options: TrajectoryPlaneOptions = {}): TrajectoryPlane {
  if (checkpoints.length < 1) throw new Error('checkpoints: expected at least one parameter vector');
  const margin = options.margin ?? 0.2;
  const offsets = checkpoints.map((theta, i) => {
    if (theta.length !== final.length) throw new Error(`checkpoints[${i}]: expected ${final.length} values, got ${theta.length}`);
    return subtract(theta, final);
  });
  const { components, explainedVarianceRatio, rank } = pca(offsets, 2);
  const [d1, d2] = components;
  const coordinates = new Float64Array(2 * offsets.length);
  offsets.forEach((offset, i) => {
    coordinates[2 * i] = dot(offset, d1);
    coordinates[2 * i + 1] = dot(offset, d2);
  });
  return {
    d1, d2,
    explainedVarianceRatio: [explainedVarianceRatio[0], explainedVarianceRatio[1]],
    pathIsLine: rank < 2,
    coordinates,
    alphaRange: coveringRange(coordinates, 0, margin),
    betaRange: coveringRange(coordinates, 1, margin),
  };
}

/** [min, max] of every other coordinate from `first`, and 0, widened by margin * extent on each side. */
function coveringRange(coordinates: Float64Array, first: number, margin: number): Interval {
  let min = 0;
  let max = 0;
  for (let k = first; k < coordinates.length; k += 2) {
    min = Math.min(min, coordinates[k]);
    max = Math.max(max, coordinates[k]);
  }
  // a path with no extent along an axis still needs a non-empty range to draw
  const extent = max - min || Math.max(Math.abs(min), Math.abs(max), 1);
  return [min - margin * extent, max + margin * extent];
}
