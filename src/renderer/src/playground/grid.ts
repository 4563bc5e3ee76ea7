/**
 * Evaluating a network over the input plane (or line) in the renderer: the decision map, each
 * unit's own map, and the fitted curve. Points of the plane are mapped through the same input
 * features as the training data, so the maps stay over (x1, x2) whatever the network sees.
 */
import { featureMapper, type RowMapper } from '../../../shared/data/features';
import type { FeatureName } from '../../../shared/data/spec';
import type { Network } from '../../../shared/nn/network';

export interface Domain { x1: [number, number]; x2: [number, number] }

/** A square-ish box around the points with a margin, so no point sits on the map's edge. */
export function domainOf(points: readonly (readonly number[])[], margin = 0.1): Domain {
  const range = (k: number): [number, number] => {
    let lo = Infinity;
    let hi = -Infinity;
    for (const p of points) {
      if (p[k] === undefined) continue;
      lo = Math.min(lo, p[k]);
      hi = Math.max(hi, p[k]);
    }
    if (!Number.isFinite(lo)) return [-1, 1];
    const pad = Math.max((hi - lo) * margin, 0.1);
    return [lo - pad, hi + pad];
  };
  return { x1: range(0), x2: range(1) };
}

/** The network's input row for a raw point: the features, or the point itself. */
export function inputMapper(features: readonly FeatureName[] | undefined, rawDim: number): RowMapper {
  if (features) return featureMapper(features, rawDim, 'the plane');
  return (src, s, dst, d) => {
    for (let k = 0; k < rawDim; k++) dst[d + k] = src[s + k];
  };
}

/**
 * Every layer's activations at the centres of a size x size grid over the domain. Row r of
 * the grid is x2 from the top (largest) down, column c is x1 from left to right, so cell
 * r * size + c is pixel (c, r) of a canvas.
 */
export interface PlaneMaps {
  size: number;
  domain: Domain;
  /** The network's input rows (features) at each cell, cell * inputs + input. */
  x: Float64Array;
  /** a[l] holds size*size rows of layer l's units, row-major (cell * units + unit). */
  a: Float64Array[];
}

export function evaluatePlane(net: Network, features: readonly FeatureName[] | undefined, domain: Domain, size: number): PlaneMaps {
  const rows = size * size;
  const map = inputMapper(features, 2);
  const x = new Float64Array(rows * net.inputs);
  const point = new Float64Array(2);
  for (let r = 0; r < size; r++) {
    point[1] = domain.x2[1] - ((r + 0.5) / size) * (domain.x2[1] - domain.x2[0]);
    for (let c = 0; c < size; c++) {
      point[0] = domain.x1[0] + ((c + 0.5) / size) * (domain.x1[1] - domain.x1[0]);
      map(point, 0, x, (r * size + c) * net.inputs);
    }
  }
  return { size, domain, x, a: net.activations(x, rows).a };
}

/** Every layer's activations at n points from lo to hi along x1 (a 1-D set): the curve and each unit's own curve. */
export interface LineMaps { size: number; lo: number; hi: number; points: Float64Array; x: Float64Array; a: Float64Array[] }

export function evaluateLine(net: Network, features: readonly FeatureName[] | undefined, lo: number, hi: number, n: number): LineMaps {
  const map = inputMapper(features, 1);
  const points = new Float64Array(n);
  const x = new Float64Array(n * net.inputs);
  const point = new Float64Array(1);
  for (let i = 0; i < n; i++) {
    points[i] = lo + ((hi - lo) * i) / (n - 1);
    point[0] = points[i];
    map(point, 0, x, i * net.inputs);
  }
  return { size: n, lo, hi, points, x, a: net.activations(x, n).a };
}

/** The prediction along x1 for a 1-D set: n points from lo to hi. */
export function evaluateCurve(net: Network, features: readonly FeatureName[] | undefined, lo: number, hi: number, n: number): { x: Float64Array; y: Float64Array } {
  const line = evaluateLine(net, features, lo, hi, n);
  return { x: line.points, y: line.a[line.a.length - 1] };
}

/**
 * The centre and half-range that map a unit's activation to [-1, 1] for colouring: the
 * activation's own range where it has one (tanh, sigmoid), else the largest |a| on the map.
 */
export function activationScale(activation: string, values: ArrayLike<number>, stride: number, offset: number): { center: number; half: number } {
  if (activation === 'tanh') return { center: 0, half: 1 };
  if (activation === 'sigmoid' || activation === 'softmax' || activation === 'step') return { center: 0.5, half: 0.5 };
  let max = 0;
  for (let i = offset; i < values.length; i += stride) max = Math.max(max, Math.abs(values[i]));
  return { center: 0, half: max > 0 ? max : 1 };
}
