import { describe, expect, it } from 'vitest';
import { buildDataset } from '../../../src/shared/data/build';
import { Trainer } from '../../../src/shared/training/trainer';
import { TrainSpecSchema, type TrainSpecInput } from '../../../src/shared/training/trainSpec';
import { initialNetwork } from '../../../src/shared/training/initialNetwork';
import { T1_SPEC, T3_SPEC, taskData } from '../../../bench/tasks';

const base: TrainSpecInput = {
  dataset: { kind: 'builtin', name: 'circle', samples: 40, features: ['x1', 'x2', 'x1*x2'] },
  layers: [{ units: 5, activation: 'relu' }, { units: 3, activation: 'tanh' }, { units: 1, activation: 'sigmoid' }],
  loss: 'bce', learningRate: 0.1, epochs: 1, seed: 42,
};
const INIT_KINDS = ['uniform', 'glorot-uniform', 'glorot-normal', 'he-uniform', 'he-normal'] as const;

describe('initialNetwork: the parameters a run starts from', () => {
  it.each(INIT_KINDS)('draws exactly the Trainer’s parameters with %s initialization', (kind) => {
    const spec = TrainSpecSchema.parse({ ...base, init: { kind, range: 0.3 } });
    const net = initialNetwork(spec);
    const trainer = new Trainer(spec, buildDataset(spec.dataset));
    expect(net.inputs).toBe(3);
    expect(Array.from(net.params)).toEqual(Array.from(trainer.net.params));
  });

  it('draws the same numbers for the same seed and different ones for another', () => {
    const spec = TrainSpecSchema.parse(base);
    expect(Array.from(initialNetwork(spec).params)).toEqual(Array.from(initialNetwork(spec).params));
    expect(Array.from(initialNetwork({ ...spec, seed: 43 }).params)).not.toEqual(Array.from(initialNetwork(spec).params));
  });

  it('is where the bench tasks start: the Trainer’s numbers for T1 and T3', () => {
    for (const spec of [T1_SPEC, T3_SPEC]) {
      const data = taskData(spec);
      expect(Array.from(initialNetwork(spec, data.inputDim).params)).toEqual(Array.from(new Trainer(spec, data).net.params));
      expect(Array.from(initialNetwork(spec).params)).toEqual(Array.from(initialNetwork(spec, data.inputDim).params));
    }
  });

  it('starts every bias at zero', () => {
    const net = initialNetwork(TrainSpecSchema.parse(base));
    for (const layer of net.layers) expect(Array.from(layer.b).every((b) => b === 0)).toBe(true);
  });
});
