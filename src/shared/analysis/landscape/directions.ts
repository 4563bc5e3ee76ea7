/**
 * Directions in parameter space for loss-landscape plots (Li, Xu, Taylor, Studer, Goldstein,
 * "Visualizing the Loss Landscape of Neural Nets", NeurIPS 2018, section 4).
 *
 * A random direction d has one N(0, 1) entry per parameter (mulberry32 + Box–Muller, so a seed
 * fixes it). Raw Gaussian directions make plots of differently scaled nets incomparable, so d is
 * rescaled piece by piece to the size of the trained weights theta:
 *   filter  each unit's incoming weights, column j of W (W[i * fanOut + j] for all i), is a filter:
 *           d_j <- d_j / ||d_j|| * ||theta_j||                                       (the paper's eq. 1)
 *   layer   the whole W of a layer at once: d_W <- d_W / ||d_W|| * ||theta_W||
 *   none    d unchanged.
 * Conv layers (net.imageStack) are normalized the same way with Li et al.'s filters themselves:
 *   filter  each filter o, its C·KH·KW weights W[o][·][·][·] (one contiguous block, imageLayers.ts),
 *           d_o <- d_o / ||d_o|| * ||theta_o||; layer: the layer's whole W; biases as below.
 * Biases are left out by default (d = 0 there), as the paper does. When included, under 'filter'
 * and 'layer' each bias entry of d is the trained bias itself, d_b = theta_b, which is what the
 * paper's code does with every 1-D parameter (biases, BN) unless told to ignore them
 * (net_plotter.normalize_directions_for_weights: `d.fill_(0)` with ignore='biasbn', else
 * `d.copy_(w)`, for any normalization); so a zero bias stays fixed, and every direction moves
 * the biases alike. Under 'none' d is kept as drawn.
 */
import type { Network } from '../../nn/network';
import { mulberry32, normal, type Rng } from '../../nn/rng';

export type DirectionNormalization = 'filter' | 'layer' | 'none';

export interface DirectionOptions {
  /** Seed of the Gaussian draws; the directions are drawn one after another from this one stream. */
  seed: number;
  /** Default 'filter'. */
  normalization?: DirectionNormalization;
  /** Move the biases too (default false: their entries of d are 0). */
  includeBiases?: boolean;
}

/** `length` standard normal draws. */
export function gaussianVector(length: number, rng: Rng): Float64Array {
  const v = new Float64Array(length);
  for (let k = 0; k < length; k++) v[k] = normal(rng);
  return v;
}

/** `count` random directions for `net`'s layout, normalized against theta (default: net.params). */
export function randomDirections(net: Network, count: number, options: DirectionOptions, theta: Float64Array = net.params): Float64Array[] {
  const rng = mulberry32(options.seed);
  const directions: Float64Array[] = [];
  for (let k = 0; k < count; k++) {
    const d = gaussianVector(net.params.length, rng);
    normalizeDirection(net, d, theta, options.normalization ?? 'filter', options.includeBiases ?? false);
    directions.push(d);
  }
  return directions;
}

/** Rescales `d` in place, slice by slice, to the norms of the matching slices of theta (see the file comment). */
export function normalizeDirection(
  net: Network, d: Float64Array, theta: Float64Array, normalization: DirectionNormalization, includeBiases: boolean,
): void {
  if (d.length !== net.params.length || theta.length !== net.params.length) {
    throw new Error(`directions: expected ${net.params.length} values for this network, got d ${d.length}, theta ${theta.length}`);
  }
  for (const layer of net.imageStack?.layers ?? []) {
    if (!layer.conv) continue;
    const filters = layer.b.length;
    const perFilter = layer.W.length / filters;
    const biasOffset = layer.weightOffset + layer.W.length;
    if (normalization === 'filter') {
      for (let o = 0; o < filters; o++) rescaleSlice(d, theta, layer.weightOffset + o * perFilter, perFilter, 1);
    } else if (normalization === 'layer') {
      rescaleSlice(d, theta, layer.weightOffset, layer.W.length, 1);
    }
    if (!includeBiases) {
      d.fill(0, biasOffset, biasOffset + filters);
    } else if (normalization !== 'none') {
      for (let j = biasOffset; j < biasOffset + filters; j++) d[j] = theta[j];
    }
  }
  for (const layer of net.layers) {
    const { fanIn, fanOut, weightOffset, biasOffset } = layer;
    if (normalization === 'filter') {
      for (let j = 0; j < fanOut; j++) rescaleSlice(d, theta, weightOffset + j, fanIn, fanOut);
    } else if (normalization === 'layer') {
      rescaleSlice(d, theta, weightOffset, fanIn * fanOut, 1);
    }
    if (!includeBiases) {
      d.fill(0, biasOffset, biasOffset + fanOut);
    } else if (normalization !== 'none') {
      for (let j = biasOffset; j < biasOffset + fanOut; j++) d[j] = theta[j];
    }
  }
}

/** d_slice <- d_slice / ||d_slice|| * ||theta_slice|| over `count` entries from `start` with `stride`. */
function rescaleSlice(d: Float64Array, theta: Float64Array, start: number, count: number, stride: number): void {
  let dSquares = 0;
  let thetaSquares = 0;
  for (let k = 0, p = start; k < count; k++, p += stride) {
    dSquares += d[p] * d[p];
    thetaSquares += theta[p] * theta[p];
  }
  // a zero draw cannot be rescaled to a nonzero norm; it stays zero
  const factor = dSquares > 0 ? Math.sqrt(thetaSquares) / Math.sqrt(dSquares) : 0;
  for (let k = 0, p = start; k < count; k++, p += stride) d[p] *= factor;
}
