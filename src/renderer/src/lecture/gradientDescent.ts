/**
 * Gradient descent on one weight: the loss of one example as a function of a single weight
 * of a small network (all others held), its slope from the engine's backprop, the tangent
 * there, and the path that repeated steps w ← w − η dL/dw take along the curve.
 */
import { Network } from '../../../shared/nn/network';
import type { NetworkSpec } from '../../../shared/nn/spec';

export interface WeightSlice {
  spec: NetworkSpec;
  params: ArrayLike<number>;
  input: number[];
  target: number[];
  /** Index of the chosen weight in the flat parameter vector. */
  index: number;
}

export interface SlicePoint { w: number; loss: number; slope: number }

/** The parameters a slice can move, labelled as the lecture writes them (w_ij^(l), b_j^(l)). */
export function parameterLabels(spec: NetworkSpec): { index: number; label: string }[] {
  const labels: { index: number; label: string }[] = [];
  let index = 0;
  let fanIn = spec.inputs;
  spec.layers.forEach((layer, l) => {
    for (let i = 0; i < fanIn; i++) for (let j = 0; j < layer.units; j++) labels.push({ index: index++, label: `w_{${i + 1}${j + 1}}^{(${l + 1})}` });
    for (let j = 0; j < layer.units; j++) labels.push({ index: index++, label: `b_{${j + 1}}^{(${l + 1})}` });
    fanIn = layer.units;
  });
  return labels;
}

/** Loss and dL/dw at weight value w, by the engine's forward and backward pass. */
export function lossAndSlope(slice: WeightSlice, w: number, net = new Network(slice.spec, Float64Array.from(slice.params))): SlicePoint {
  net.params.set(slice.params);
  net.params[slice.index] = w;
  const loss = net.lossAndGradient(Float64Array.from(slice.input), Float64Array.from(slice.target), 1);
  return { w, loss, slope: net.grads[slice.index] };
}

/** The loss curve over [from, to] in `points` evenly spaced weights. */
export function lossCurve(slice: WeightSlice, from: number, to: number, points = 161): [number, number][] {
  const net = new Network(slice.spec, Float64Array.from(slice.params));
  const out: [number, number][] = [];
  for (let k = 0; k < points; k++) {
    const w = from + ((to - from) * k) / (points - 1);
    out.push([w, lossAndSlope(slice, w, net).loss]);
  }
  return out;
}

/** The tangent L(w0) + L'(w0) (w − w0) drawn over w0 ± halfWidth. */
export function tangentSegment(p: SlicePoint, halfWidth: number): [number, number][] {
  return [[p.w - halfWidth, p.loss - p.slope * halfWidth], [p.w + halfWidth, p.loss + p.slope * halfWidth]];
}

/** `steps` steps of w ← w − η dL/dw from w0; the first point is w0. Stops early if the loss stops being finite. */
export function descentPath(slice: WeightSlice, w0: number, eta: number, steps: number): SlicePoint[] {
  const net = new Network(slice.spec, Float64Array.from(slice.params));
  const path = [lossAndSlope(slice, w0, net)];
  for (let s = 0; s < steps; s++) {
    const last = path[path.length - 1];
    const next = lossAndSlope(slice, last.w - eta * last.slope, net);
    path.push(next);
    if (!Number.isFinite(next.loss) || !Number.isFinite(next.w)) break;
  }
  return path;
}

export type DescentVerdict = 'descending' | 'overshooting' | 'diverging';

/**
 * How the steps behave: "overshooting" when a step jumps past the bottom (the slope changes
 * sign) yet the loss still falls on the whole, "diverging" when the loss ends higher than it began.
 */
export function descentVerdict(path: readonly SlicePoint[]): DescentVerdict {
  const first = path[0];
  const last = path[path.length - 1];
  if (!Number.isFinite(last.loss) || last.loss > first.loss + 1e-12) return 'diverging';
  for (let k = 1; k < path.length; k++) if (Math.sign(path[k].slope) !== Math.sign(path[k - 1].slope) && path[k].slope !== 0) return 'overshooting';
  return 'descending';
}

/** A range around the start that also shows where the path went. */
export function sliceRange(w0: number, path: readonly SlicePoint[], minHalfWidth = 3): [number, number] {
  const ws = path.map((p) => p.w).filter(Number.isFinite);
  const lo = Math.min(w0 - minHalfWidth, ...ws);
  const hi = Math.max(w0 + minHalfWidth, ...ws);
  const pad = (hi - lo) * 0.05;
  return [lo - pad, hi + pad];
}
