/**
 * Activation maximization (Erhan, Bengio, Courville, Vincent 2009; Olah, Mordvintsev, Schubert,
 * "Feature Visualization", Distill 2017): gradient ascent on the input, x <- x + Adam(dJ/dx), of
 * the regularized objective J (regularizedObjective.ts), optionally projected back into per-feature
 * bounds after every step and jittered by a random whole-pixel shift per step for images.
 * Several random starts run one after another; each optimizes `count` inputs together, which only
 * differs from `count` separate starts through the diversity term.
 * Starts are uniform draws around the middle of the bounds: x_i = mid_i + initScale * halfWidth_i * (2u - 1)
 * (mid 0 and halfWidth 1 without bounds), all seeded, so the same options give the same pictures.
 */
import { Network } from '../../nn/network';
import { createOptimizer } from '../../nn/optimizers';
import { mulberry32, type Rng } from '../../nn/rng';
import { clampToBounds, type FeatureBounds } from './bounds';
import { reportProgress, type JobControl } from '../control';
import { resolveObjective, type FeatureObjective } from './objective';
import { RegularizedObjective, type FeatureRegularizers, type Shift } from './regularizedObjective';

export interface FeatureVisOptions extends FeatureRegularizers {
  objective: FeatureObjective;
  /** Adam steps per start, default 256. */
  steps?: number;
  /** Adam's step size, default 0.05 (in input units). */
  learningRate?: number;
  /** Clamp every input feature into [lower, upper] after each step (e.g. featureBounds of the data). */
  bounds?: FeatureBounds;
  /** Largest jitter shift in pixels, default 0 (needs `image`). */
  jitter?: number;
  /** Random starts, default 1. */
  starts?: number;
  /** Inputs optimized together per start (diversity), default 1. */
  count?: number;
  seed?: number;
  /** Spread of the starting points as a fraction of the bounds' half-width, default 0.5. */
  initScale?: number;
}

export interface FeatureVisStart {
  /** The optimized inputs (`count` of them). */
  inputs: Float64Array[];
  /** J at the optimized inputs, regularizers included. */
  objective: number;
  /** The objective's value for each input, regularizers excluded. */
  values: Float64Array;
  /** The network's outputs for each input (class probabilities for a softmax or sigmoid output). */
  outputs: Float64Array[];
  /** J before each step and after the last (steps + 1 values), without jitter. */
  trajectory: Float64Array;
}

export interface FeatureVisResult {
  starts: FeatureVisStart[];
  /** Index of the start with the largest objective. */
  best: number;
}

const ADAM = { kind: 'adam', beta1: 0.9, beta2: 0.999, epsilon: 1e-8 } as const;

/** Progress after every step of every start (done = steps finished over all starts). */
export function visualizeFeature(net: Network, options: FeatureVisOptions, control?: JobControl): FeatureVisResult {
  const steps = options.steps ?? 256;
  const starts = options.starts ?? 1;
  const count = options.count ?? 1;
  const jitter = options.jitter ?? 0;
  const learningRate = options.learningRate ?? 0.05;
  for (const [name, value, min] of [['steps', steps, 0], ['starts', starts, 1], ['count', count, 1], ['jitter', jitter, 0]] as const) {
    if (!(Number.isInteger(value) && value >= min)) throw new Error(`${name}: expected an integer >= ${min}, got ${value}`);
  }
  if (jitter > 0 && !options.image) throw new Error('jitter: needs the image shape (width x height)');
  if (!(learningRate > 0)) throw new Error(`learningRate: expected a positive number, got ${learningRate}`);
  const dim = net.inputs;
  if (options.bounds && (options.bounds.lower.length !== dim || options.bounds.upper.length !== dim)) {
    throw new Error(`bounds: expected ${dim} lower and upper values`);
  }
  // the diversity's cosines are measured from the middle of the bounds, where starts begin
  const diversityCenter = options.diversityCenter ?? (options.bounds ? Float64Array.from(options.bounds.lower, (lo, i) => (lo + options.bounds!.upper[i]) / 2) : undefined);
  const objective = new RegularizedObjective(net, resolveObjective(net, options.objective), { ...options, diversityCenter });
  const rng = mulberry32(options.seed ?? 1);
  // own forward buffers on the caller's params, so the caller's network is left as it was
  const probe = new Network(net.spec, net.params);
  const results: FeatureVisStart[] = [];
  for (let s = 0; s < starts; s++) {
    const flat = startingPoint(dim * count, dim, options, rng);
    const inputs = Array.from({ length: count }, (_, n) => flat.subarray(n * dim, (n + 1) * dim));
    const gradient = new Float64Array(dim * count);
    const gradients = Array.from({ length: count }, (_, n) => gradient.subarray(n * dim, (n + 1) * dim));
    const descent = new Float64Array(dim * count);
    const adam = createOptimizer(ADAM, dim * count);
    const trajectory = new Float64Array(steps + 1);
    // with jitter the ascent's J is at shifted inputs; the trajectory records J at the inputs themselves
    const unjittered = jitter > 0 ? Array.from({ length: count }, () => new Float64Array(dim)) : gradients;
    for (let t = 0; t < steps; t++) {
      const shifts = jitter > 0 ? drawShifts(count, jitter, rng) : undefined;
      const { total } = objective.evaluate(inputs, gradients, shifts);
      trajectory[t] = shifts ? objective.evaluate(inputs, unjittered).total : total;
      // the engine's Adam descends, so it is handed -dJ/dx to ascend J
      for (let k = 0; k < gradient.length; k++) descent[k] = -gradient[k];
      adam.step(flat, descent, learningRate);
      if (options.bounds) for (const x of inputs) clampToBounds(x, options.bounds);
      reportProgress(control, s * steps + t + 1, starts * steps);
    }
    const final = objective.evaluate(inputs, gradients);
    trajectory[steps] = final.total;
    results.push({
      inputs: inputs.map((x) => x.slice()),
      objective: final.total,
      values: final.values,
      outputs: inputs.map((x) => probe.predict(x, 1)),
      trajectory,
    });
  }
  let best = 0;
  results.forEach((r, s) => { if (r.objective > results[best].objective) best = s; });
  return { starts: results, best };
}

function startingPoint(size: number, dim: number, options: FeatureVisOptions, rng: Rng): Float64Array {
  const scale = options.initScale ?? 0.5;
  const bounds = options.bounds;
  const x = new Float64Array(size);
  for (let k = 0; k < size; k++) {
    const i = k % dim;
    const mid = bounds ? (bounds.lower[i] + bounds.upper[i]) / 2 : 0;
    const half = bounds ? (bounds.upper[i] - bounds.lower[i]) / 2 : 1;
    x[k] = mid + scale * half * (2 * rng() - 1);
  }
  return x;
}

/** Shifts uniform in {-k..k}^2, one per input. */
function drawShifts(count: number, k: number, rng: Rng): Shift[] {
  return Array.from({ length: count }, () => ({
    dx: Math.floor(rng() * (2 * k + 1)) - k,
    dy: Math.floor(rng() * (2 * k + 1)) - k,
  }));
}
