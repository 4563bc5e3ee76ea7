import { describe, expect, it } from 'vitest';
import { applyAssignment, expandSweep, SweepError, type SweepSpecInput } from '../../../src/shared/tracking';
import { TrainSpecSchema } from '../../../src/shared/training/trainSpec';

const base = {
  dataset: { kind: 'builtin' as const, name: 'xor' as const },
  layers: [{ units: 4, activation: 'tanh' as const }, { units: 1, activation: 'sigmoid' as const }],
  loss: 'bce' as const, learningRate: 0.1, epochs: 5,
};

describe('sweeps', () => {
  it('expands a grid into the Cartesian product of validated specs', () => {
    const runs = expandSweep({
      method: 'grid', base, name: 'grid',
      parameters: [
        { path: 'learningRate', values: [0.01, 0.1] },
        { path: 'layers.0.units', values: [2, 8] },
        { path: 'optimizer.kind', values: ['sgd', 'adam'] },
      ],
    });
    expect(runs).toHaveLength(8);
    expect(runs.map((r) => r.assignment)).toContainEqual({ learningRate: 0.01, 'layers.0.units': 8, 'optimizer.kind': 'adam' });
    const adam = runs.find((r) => r.assignment['optimizer.kind'] === 'adam')!;
    // defaults of the new optimizer are filled in by validation
    expect(adam.spec.optimizer).toEqual({ kind: 'adam', beta1: 0.9, beta2: 0.999, epsilon: 1e-8 });
    expect(runs[0].name).toBe('grid learningRate=0.01 layers.0.units=2 optimizer.kind=sgd');
    for (const r of runs) expect(TrainSpecSchema.safeParse(r.spec).success).toBe(true);
  });

  it('draws a seeded random search, log-uniform for the learning rate', () => {
    const sweep: SweepSpecInput = {
      method: 'random', base, samples: 200, seed: 42,
      parameters: [{ path: 'learningRate', min: 1e-4, max: 1 }, { path: 'batchSize', min: 1, max: 4, integer: true }],
    };
    const runs = expandSweep(sweep);
    expect(runs).toHaveLength(200);
    expect(expandSweep(sweep).map((r) => r.assignment)).toEqual(runs.map((r) => r.assignment));
    const rates = runs.map((r) => r.spec.learningRate);
    expect(Math.min(...rates)).toBeGreaterThanOrEqual(1e-4);
    expect(Math.max(...rates)).toBeLessThanOrEqual(1);
    // log-uniform: about a quarter of the draws fall in each decade, not 90% in the top one
    expect(rates.filter((r) => r < 1e-2).length).toBeGreaterThan(60);
    expect(new Set(runs.map((r) => r.spec.batchSize))).toEqual(new Set([1, 2, 3, 4]));
  });

  it('names the assignment and the field when a combination is invalid', () => {
    expect(() => expandSweep({ method: 'grid', base, parameters: [{ path: 'learningRate', values: [0.1, -1] }] }))
      .toThrow('learningRate=-1: learningRate:');
  });

  it('refuses paths outside the base spec and prototype keys', () => {
    const spec = TrainSpecSchema.parse(base);
    expect(() => applyAssignment(spec, { 'layers.5.units': 3 })).toThrow(SweepError);
    expect(() => applyAssignment(spec, { 'dataset.__proto__.x': 1 })).toThrow(/not a setting/);
  });

  it('refuses a grid larger than the run limit', () => {
    const values = Array.from({ length: 30 }, (_, k) => k + 1);
    expect(() => expandSweep({ method: 'grid', base, parameters: [{ path: 'epochs', values }, { path: 'seed', values }] })).toThrow(/900 combinations/);
  });
});
