/**
 * Why depth buys nothing without a non-linearity: linear layers compose into one,
 * z = ((x W1 + b1) W2 + b2)... = x (W1 W2 ...) + (b1 W2 ... + ...). For a final sigmoid the
 * boundary ŷ = 0.5 is then where that single z is 0: a straight line.
 */
import { Network } from '../../../shared/nn/network';
import type { NetworkSpec } from '../../../shared/nn/spec';

export interface AffineMap {
  /** weights[i][k]: from input i to output k. */
  weights: number[][];
  bias: number[];
}

/** The one affine map equal to the network's pre-activation output, or null if a hidden layer is not linear. */
export function collapseLinear(spec: NetworkSpec, params: ArrayLike<number>): AffineMap | null {
  if (spec.layers.slice(0, -1).some((l) => l.activation !== 'linear')) return null;
  const net = new Network(spec, Float64Array.from(params));
  let weights: number[][] = Array.from({ length: spec.inputs }, (_, i) => Array.from({ length: spec.inputs }, (_, k) => (i === k ? 1 : 0)));
  let bias: number[] = new Array<number>(spec.inputs).fill(0);
  for (const layer of net.layers) {
    const w = (i: number, j: number): number => layer.W[i * layer.fanOut + j];
    weights = weights.map((row) => Array.from({ length: layer.fanOut }, (_, j) => row.reduce((s, v, i) => s + v * w(i, j), 0)));
    bias = Array.from({ length: layer.fanOut }, (_, j) => bias.reduce((s, v, i) => s + v * w(i, j), layer.b[j]));
  }
  return { weights, bias };
}
