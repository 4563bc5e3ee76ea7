/**
 * A network's output over a square of the plane, for decision maps: `size`×`size` cells,
 * row 0 at the top (largest x2), each the first output at the cell's centre.
 */
import { Network } from '../../../shared/nn/network';
import type { NetworkSpec } from '../../../shared/nn/spec';

export interface Extent { min: number; max: number }

export interface Field { size: number; extent: Extent; values: Float64Array }

export function outputField(spec: NetworkSpec, params: ArrayLike<number>, extent: Extent, size = 64): Field {
  const net = new Network(spec, Float64Array.from(params));
  const x = new Float64Array(size * size * 2);
  const cell = (extent.max - extent.min) / size;
  for (let r = 0; r < size; r++) {
    for (let c = 0; c < size; c++) {
      const k = (r * size + c) * 2;
      x[k] = extent.min + (c + 0.5) * cell;
      x[k + 1] = extent.max - (r + 0.5) * cell;
    }
  }
  const out = net.predict(x, size * size);
  const values = new Float64Array(size * size);
  for (let k = 0; k < values.length; k++) values[k] = out[k * net.outputs];
  return { size, extent, values };
}

/** The network's first output at each x of a 1-D grid, for fitted curves. */
export function outputCurve(spec: NetworkSpec, params: ArrayLike<number>, from: number, to: number, points = 201): [number, number][] {
  const net = new Network(spec, Float64Array.from(params));
  const xs = Float64Array.from({ length: points }, (_, k) => from + ((to - from) * k) / (points - 1));
  const ys = net.predict(xs, points);
  return Array.from(xs, (x, k) => [x, ys[k * net.outputs]]);
}
