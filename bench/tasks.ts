/**
 * The four tasks of /work/shared/bench/TASKS.md as data: their training specs in our
 * format, their data and check values. Their initial parameters are the app's own
 * (initialNetwork, src/shared/training/initialNetwork.ts); every implementation the bench
 * runs (ours, TensorFlow.js) starts from exactly these numbers.
 */
import { buildDataset, type DataSources, type Dataset } from '../src/shared/data';
import { mulberry32 } from '../src/shared/nn';
import { TrainSpecSchema, type TrainSpec } from '../src/shared/training';

export const TASK_IDS = ['T1', 'T2', 'T3', 'T4'] as const;
export type TaskId = (typeof TASK_IDS)[number];

/** T1: TensorFlow Playground's two spirals, 2-8-8-1, tanh, sigmoid + bce; spiral seed 1, init seed 2. */
export const T1_SPEC: TrainSpec = TrainSpecSchema.parse({
  name: 'T1 playground',
  dataset: { kind: 'builtin', name: 'spiral', samples: 500, noise: 0.1, seed: 1 },
  layers: [{ units: 8, activation: 'tanh' }, { units: 8, activation: 'tanh' }, { units: 1, activation: 'sigmoid' }],
  loss: 'bce', learningRate: 0.03, batchSize: 10, epochs: 200, seed: 2,
  // TASKS.md shuffles the data once (the dataset's own seeded shuffle) and never again
  shuffle: false,
});

/** T2: MNIST 784-128-64-10, ReLU, softmax cross-entropy from the logits; order seed 4, init seed 5. */
export const T2_SPEC: TrainSpec = TrainSpecSchema.parse({
  name: 'T2 mnist-mlp',
  dataset: { kind: 'builtin', name: 'mnist', seed: 4 },
  layers: [{ units: 128, activation: 'relu' }, { units: 64, activation: 'relu' }, { units: 10, activation: 'softmax' }],
  loss: 'softmax-ce', learningRate: 0.01, batchSize: 32, epochs: 3, seed: 5, shuffle: false,
});
/** T2 as TASKS.md's float64 check values were computed (the spec's 'auto' picks float32 for this size). */
export const T2_FLOAT64_SPEC: TrainSpec = { ...T2_SPEC, precision: 'float64' };

/** T3: XOR 2-2-1, sigmoid, mean squared error, full batch; init seed 6. */
export const T3_SPEC: TrainSpec = TrainSpecSchema.parse({
  name: 'T3 xor-tiny',
  dataset: { kind: 'builtin', name: 'xor-gate' },
  layers: [{ units: 2, activation: 'sigmoid' }, { units: 1, activation: 'sigmoid' }],
  loss: 'mse', learningRate: 0.5, batchSize: 0, epochs: 20_000, seed: 6, shuffle: false,
});

/** T4: the landscape grid around T1's initial point; directions from seed 3. */
export const T4_GRID = { steps: 40, directionSeed: 3 } as const;

export const TRAIN_SPECS = { T1: T1_SPEC, T2: T2_SPEC, T3: T3_SPEC } as const;

export const CHECKS = {
  T1: { initialLoss: 0.849369085, loss: 0.530905, acc: 0.696 },
  T2: { initialLoss: 2.352783, loss: 0.398699, acc: 0.8941 },
  T3: { initialLoss: 0.252072, loss: 0.000300261 },
  T4: { sum: 1594.20752, min: 0.680219, argmin: 188, centre: 0.849369 },
} as const;

export function taskData(spec: TrainSpec, sources?: DataSources): Dataset {
  return buildDataset(spec.dataset, sources);
}


/** d1 then d2: `size` draws each of 2u - 1 from one stream. */
export function landscapeDirections(size: number, seed: number = T4_GRID.directionSeed): [Float64Array, Float64Array] {
  const rng = mulberry32(seed);
  const draw = () => Float64Array.from({ length: size }, () => 2 * rng() - 1);
  const d1 = draw();
  return [d1, draw()];
}

/** Grid coordinate i of 0..steps: -1 + 2i/steps. */
export const gridCoordinate = (i: number, steps: number = T4_GRID.steps): number => -1 + (2 * i) / steps;

/**
 * Whether `actual` agrees with a check value to the digits TASKS.md prints: within half a
 * unit of its last decimal place, plus a little for float64 summation order.
 */
export function agrees(actual: number, expected: number): boolean {
  const decimals = (String(expected).split('.')[1] ?? '').length;
  return Math.abs(actual - expected) <= 0.5 * 10 ** -decimals * 1.01 + 1e-12;
}

/**
 * TASKS.md's rule for a float32 run: the final loss within 1e-3 relative of the float64 check
 * value and the accuracy within half a point; the initial loss (evaluated in float64) to the digits.
 */
export function agreesFloat32(name: string, actual: number, expected: number): boolean {
  if (name === 'loss') return Math.abs(actual - expected) <= 1e-3 * Math.abs(expected);
  if (name === 'acc') return Math.abs(actual - expected) <= 0.005;
  return agrees(actual, expected);
}

/** "ok", or "MISMATCH name=actual (want expected), ..." over the given pairs; `float32` applies agreesFloat32. */
export function checkReport(pairs: Record<string, [actual: number, expected: number]>, float32 = false): string {
  const wrong = Object.entries(pairs).filter(([name, [actual, expected]]) => !(float32 ? agreesFloat32(name, actual, expected) : agrees(actual, expected)));
  return wrong.length === 0 ? 'ok' : `MISMATCH ${wrong.map(([name, [a, e]]) => `${name}=${a} (want ${e})`).join(', ')}`;
}
