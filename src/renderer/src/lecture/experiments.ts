/**
 * The training specs the lecture views start through `runs.start`, so each is an ordinary
 * stored run. Names begin with the view's title so the Runs view and each view's own list
 * can tell where a run came from.
 */
import { METRIC } from '../../../shared/api/dto';
import type { TrainSpecInput } from '../../../shared/training/trainSpec';
import type { ActivationName } from '../../../shared/nn/spec';
import type { BuiltinDatasetName } from '../../../shared/data/spec';

export const LECTURE_PREFIX = {
  stackedLinear: 'Stacked linear',
  universal: 'Universal approximation',
  makingItWork: 'Making it work',
} as const;

export type UniversalCurve = 'sine' | 'abs' | 'step-fn';
export type PlaneSet = Extract<BuiltinDatasetName, 'circle' | 'moons' | 'xor' | 'gauss' | 'spiral'>;
export type HiddenActivation = Extract<ActivationName, 'tanh' | 'sigmoid' | 'relu'>;

/** A built-in set as every lecture run uses it: data seed 1 and no test split, so runs compare. */
const builtinSet = (name: BuiltinDatasetName, samples: number, noise: number) =>
  ({ kind: 'builtin' as const, name, samples, noise, testFraction: 0, seed: 1 });

/** `depth` hidden layers of `width` units with one activation, then a single sigmoid output unit. */
const hiddenStack = (depth: number, width: number, activation: ActivationName) =>
  [...Array.from({ length: depth }, () => ({ units: width, activation })), { units: 1, activation: 'sigmoid' as const }];

/** One hidden layer of `units` fitting a 1-D curve on [-1, 1] with a linear output. */
export function universalCurveSpec(curve: UniversalCurve, units: number, activation: HiddenActivation, epochs = 3000): TrainSpecInput {
  return {
    name: `${LECTURE_PREFIX.universal} · ${curve} · ${units} ${activation} unit${units === 1 ? '' : 's'}`,
    dataset: builtinSet(curve, 64, 0),
    layers: [{ units, activation }, { units: 1, activation: 'linear' }],
    loss: 'mse',
    optimizer: { kind: 'adam' },
    learningRate: 0.02,
    batchSize: 0,
    epochs,
    seed: 1,
  };
}

/** Reads back what a universal-approximation run fitted from its name ("… · sine · 8 tanh units"), or null for any other run. */
export function parseUniversalName(name: string): { target: string; units: number; activation: string } | null {
  const m = new RegExp(`^${LECTURE_PREFIX.universal} · ([\\w-]+) · (\\d+) (\\w+) units?$`).exec(name);
  return m ? { target: m[1], units: Number(m[2]), activation: m[3] } : null;
}

/** [units, final train loss] of finished runs that fitted `target` with `activation`, sorted by units (latest run wins). */
export function lossByUnits(runs: readonly { name: string; status: string; lastMetrics: Record<string, number> }[], target: string, activation: string): [number, number][] {
  const best = new Map<number, number>();
  // runs arrive newest first; the first seen for a unit count is the latest
  for (const r of runs) {
    const parsed = parseUniversalName(r.name);
    const loss = r.lastMetrics[METRIC.trainLoss];
    if (!parsed || parsed.target !== target || parsed.activation !== activation || r.status !== 'completed' || loss === undefined) continue;
    if (!best.has(parsed.units)) best.set(parsed.units, loss);
  }
  return [...best.entries()].sort((a, b) => a[0] - b[0]);
}

/** One hidden layer of `units` separating a 2-D set with a sigmoid output. */
export function universalPlaneSpec(set: PlaneSet, units: number, activation: HiddenActivation, epochs = 1500): TrainSpecInput {
  return {
    name: `${LECTURE_PREFIX.universal} · ${set} · ${units} ${activation} unit${units === 1 ? '' : 's'}`,
    dataset: builtinSet(set, 300, 0.05),
    layers: hiddenStack(1, units, activation),
    loss: 'bce',
    optimizer: { kind: 'adam' },
    learningRate: 0.03,
    batchSize: 0,
    epochs,
    seed: 1,
  };
}

/** `depth` hidden layers of `width` units, all with the same activation, on a 2-D set. */
export function stackedSpec(set: PlaneSet, depth: number, width: number, activation: Extract<ActivationName, 'linear' | 'tanh'>, epochs = 800): TrainSpecInput {
  return {
    name: `${LECTURE_PREFIX.stackedLinear} · ${set} · ${depth}×${width} ${activation}`,
    dataset: builtinSet(set, 300, 0.05),
    layers: hiddenStack(depth, width, activation),
    loss: 'bce',
    optimizer: { kind: 'adam' },
    learningRate: 0.02,
    batchSize: 0,
    epochs,
    seed: 1,
  };
}

/** A deep, narrow net: with sigmoid the early layers' gradients all but vanish; with ReLU they do not. */
export function deepSpec(activation: Extract<ActivationName, 'sigmoid' | 'relu'>, depth = 6, epochs = 300): TrainSpecInput {
  return {
    name: `${LECTURE_PREFIX.makingItWork} · vanishing gradients · ${depth}×8 ${activation}`,
    dataset: builtinSet('circle', 300, 0.05),
    layers: hiddenStack(depth, 8, activation),
    loss: 'bce',
    optimizer: { kind: 'sgd' },
    learningRate: 0.1,
    batchSize: 16,
    epochs,
    // He initialization suits ReLU and keeps the comparison about the activation, not the init.
    init: { kind: 'he-uniform', range: 0.5 },
    seed: 1,
  };
}

/** The same small regression with a learning rate chosen by the student; a huge one sends the loss to infinity. */
export function learningRateSpec(learningRate: number, epochs = 200): TrainSpecInput {
  return {
    name: `${LECTURE_PREFIX.makingItWork} · learning rate ${learningRate}`,
    dataset: builtinSet('plane', 200, 0),
    layers: [{ units: 8, activation: 'relu' }, { units: 1, activation: 'linear' }],
    loss: 'mse',
    optimizer: { kind: 'sgd' },
    learningRate,
    batchSize: 0,
    epochs,
    seed: 1,
  };
}

/**
 * The two moons measured in awkward units: x1 around 5000 with a spread of hundreds, x2 in
 * thousandths. Without scaling the first input swamps every unit; with standardization both
 * columns have mean 0 and spread 1.
 */
export function scalingSpec(moons: { x: number[][]; y: number[][] }, scaled: boolean, epochs = 400): TrainSpecInput {
  return {
    name: `${LECTURE_PREFIX.makingItWork} · input scaling ${scaled ? 'on' : 'off'}`,
    dataset: {
      kind: 'inline',
      name: 'moons in raw units',
      task: 'classification',
      inputNames: ['x1 (around 5000)', 'x2 (thousandths)'],
      outputNames: ['upper moon'],
      inputs: moons.x.map(([a, b]) => [5000 + 300 * a, b / 1000]),
      targets: moons.y,
      scaling: scaled ? 'standardize' : 'none',
      testFraction: 0,
      seed: 1,
    },
    layers: [{ units: 8, activation: 'tanh' }, { units: 1, activation: 'sigmoid' }],
    loss: 'bce',
    optimizer: { kind: 'adam' },
    learningRate: 0.02,
    batchSize: 0,
    epochs,
    seed: 1,
  };
}
