/** Tiny inline datasets and specs for the engine's tests (the real generators live in src/shared/data). */
import type { Dataset } from '../../../src/shared/data/spec';
import { mulberry32, shuffleInPlace } from '../../../src/shared/nn/rng';
import { TrainSpecSchema, type TrainSpec, type TrainSpecInput } from '../../../src/shared/training/trainSpec';

const EMPTY = { x: new Float64Array(0), y: new Float64Array(0), n: 0 };

export function dataset(name: string, task: Dataset['task'], inputs: number[][], targets: number[][]): Dataset {
  return {
    name, task,
    inputDim: inputs[0].length,
    outputDim: targets[0].length,
    inputNames: inputs[0].map((_, i) => `x${i + 1}`),
    outputNames: targets[0].map((_, k) => `y${k + 1}`),
    train: { x: Float64Array.from(inputs.flat()), y: Float64Array.from(targets.flat()), n: inputs.length },
    test: EMPTY,
  };
}

/** XOR in bench T3's order: (0,0)->0, (0,1)->1, (1,0)->1, (1,1)->0. */
export function xorData(): Dataset {
  return dataset('xor', 'classification', [[0, 0], [0, 1], [1, 0], [1, 1]], [[0], [1], [1], [0]]);
}

/** Bench T1's two spirals: 500 points, seed 1, float32 coordinates, shuffled once from the same stream. */
export function spiralData(): Dataset {
  const rng = mulberry32(1);
  const points: { x: number; y: number; label: number }[] = [];
  for (let c = 0; c < 2; c++) {
    for (let i = 0; i < 250; i++) {
      const r = (i / 250) * 5;
      const t = ((1.75 * i) / 250) * 2 * Math.PI + c * Math.PI;
      const x = Math.fround(r * Math.sin(t) + (2 * rng() - 1) * 0.1);
      const y = Math.fround(r * Math.cos(t) + (2 * rng() - 1) * 0.1);
      points.push({ x, y, label: c === 0 ? 1 : 0 });
    }
  }
  const order = points.map((_, k) => k);
  shuffleInPlace(order, rng);
  const shuffled = order.map((k) => points[k]);
  return dataset('spiral', 'classification', shuffled.map((p) => [p.x, p.y]), shuffled.map((p) => [p.label]));
}

export function trainSpec(overrides: Partial<TrainSpecInput>): TrainSpec {
  return TrainSpecSchema.parse({
    dataset: { kind: 'builtin', name: 'xor' },
    layers: [{ units: 2, activation: 'sigmoid' }, { units: 1, activation: 'sigmoid' }],
    loss: 'mse',
    learningRate: 0.5,
    epochs: 100,
    ...overrides,
  });
}
