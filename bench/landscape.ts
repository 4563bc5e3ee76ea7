/**
 * T4, a loss landscape slice: L(theta + a*d1 + b*d2) over a square grid, forward only. The bench
 * runs the app's own code path, lossSurface (src/shared/analysis/landscape.ts) over a
 * PlaneEvaluator, so its figure is the speed of the landscape the app draws. Everything the
 * evaluator precomputes (the first layer's products with theta, d1 and d2) is built inside the
 * call, so each timed run does all of the work from scratch.
 */
import { lossSurface } from '../src/shared/analysis/landscape/landscape';
import type { Split } from '../src/shared/data';
import type { Network } from '../src/shared/nn';

/** Losses at a_i = -1 + 2i/steps (outer) and b_j likewise (inner), row-major, (steps + 1)^2 values. */
export function gridLosses(net: Network, data: Split, theta: Float64Array, d1: Float64Array, d2: Float64Array, steps: number): Float64Array {
  // the loss only: T4 asks for no accuracy, and bce needs only the output logits
  return lossSurface(net, data, { theta, d1, d2, resolution: steps + 1, alphaRange: [-1, 1], classification: false }).loss;
}
