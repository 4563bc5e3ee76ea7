import { describe, expect, it } from 'vitest';
import { apiRequestSchemas } from '../../../src/shared/api/contract';
import { FEATURE_VIS_LIMITS, FeatureVisSettingsSchema } from '../../../src/shared/analysis/featurevis/featureVisSettings';
import { LandscapeSettingsSchema, MAX_GRID_RESOLUTION, MAX_LINE_RESOLUTION, MIN_RESOLUTION } from '../../../src/shared/analysis/landscape/landscapeSettings';
import { BuiltinDatasetSpecSchema, MAX_CLASSES, MAX_SAMPLES, MAX_TEST_FRACTION, MIN_CLASSES, MIN_SAMPLES } from '../../../src/shared/data/spec';
import {
  InitSpecSchema, LayerSpecSchema, LearningRateSchema, MAX_INIT_RANGE, MAX_LAMBDA, MAX_LAYERS, MAX_LEARNING_RATE, MAX_MOMENTUM,
  MAX_PARAMETERS, MAX_UNITS, OptimizerSpecSchema, parameterCount, RegularizationSpecSchema,
} from '../../../src/shared/nn/spec';
import { NewTrainSpecSchema, TrainSpecSchema } from '../../../src/shared/training/trainSpec';
import { readModel } from '../../../src/shared/model';

const ok = (schema: { safeParse(v: unknown): { success: boolean } }, value: unknown): boolean => schema.safeParse(value).success;
const layer = { units: 1, activation: 'sigmoid' };
const train = (changes: object) => ({
  dataset: { kind: 'builtin', name: 'xor-gate' }, layers: [layer], loss: 'mse', learningRate: 0.1, epochs: 1, ...changes,
});

describe('the limits the schemas enforce are the named constants the forms read', () => {
  it('learning rate: above 0, at most MAX_LEARNING_RATE, in a spec and in a live change', () => {
    expect(ok(LearningRateSchema, MAX_LEARNING_RATE)).toBe(true);
    expect(ok(LearningRateSchema, MAX_LEARNING_RATE * 1.001)).toBe(false);
    expect(ok(LearningRateSchema, 0)).toBe(false);
    expect(ok(TrainSpecSchema, train({ learningRate: MAX_LEARNING_RATE }))).toBe(true);
    expect(ok(TrainSpecSchema, train({ learningRate: MAX_LEARNING_RATE * 1.001 }))).toBe(false);
    expect(ok(apiRequestSchemas['runs.setLearningRate'], { id: 1, learningRate: MAX_LEARNING_RATE })).toBe(true);
    expect(ok(apiRequestSchemas['runs.setLearningRate'], { id: 1, learningRate: MAX_LEARNING_RATE * 1.001 })).toBe(false);
  });

  it('units per layer and layers per network', () => {
    expect(ok(LayerSpecSchema, { ...layer, units: MAX_UNITS })).toBe(true);
    expect(ok(LayerSpecSchema, { ...layer, units: MAX_UNITS + 1 })).toBe(false);
    expect(ok(TrainSpecSchema, train({ layers: Array.from({ length: MAX_LAYERS }, () => layer) }))).toBe(true);
    expect(ok(TrainSpecSchema, train({ layers: Array.from({ length: MAX_LAYERS + 1 }, () => layer) }))).toBe(false);
  });

  it('parameters per network: at most MAX_PARAMETERS in a new run (counted with the data set\'s inputs) and a model file', () => {
    // MNIST (784 inputs), hidden layers of 4,096 and h units, 10 outputs: 3,215,360 + 4107h + 10 parameters
    const mnist = (units: number) => train({
      dataset: { kind: 'builtin', name: 'mnist' }, loss: 'softmax-ce',
      layers: [{ units: 4096, activation: 'relu' }, { units, activation: 'relu' }, { units: 10, activation: 'softmax' }],
    });
    const widest = Math.floor((MAX_PARAMETERS - 3_215_370) / 4107);
    expect(parameterCount({ inputs: 784, layers: mnist(widest).layers })).toBeLessThanOrEqual(MAX_PARAMETERS);
    expect(parameterCount({ inputs: 784, layers: mnist(widest + 1).layers })).toBeGreaterThan(MAX_PARAMETERS);
    expect(ok(NewTrainSpecSchema, mnist(widest))).toBe(true);
    const over = NewTrainSpecSchema.safeParse(mnist(widest + 1));
    expect(over.success).toBe(false);
    expect(over.error?.issues).toEqual([expect.objectContaining({
      path: ['layers'], message: `a 784-4096-${widest + 1}-10 network has ${(3_215_370 + 4107 * (widest + 1)).toLocaleString('en-US')} parameters; the limit is 4,000,000: use fewer or smaller layers`,
    })]);
    // a stored run is read back with the plain schema, so one stored before the budget stays readable
    expect(ok(TrainSpecSchema, mnist(widest + 1))).toBe(true);
    expect(() => readModel({ format: 'backprop-lab.model', version: 1, inputs: 784, loss: 'mse', layers: mnist(widest + 1).layers.map((l) => ({ ...l, weights: [], bias: [] })) }))
      .toThrow(/^layers: a 784-4096-\d+-10 network has [\d,]+ parameters; the limit is 4,000,000/);
  });

  it('momentum, regularization rate and init range', () => {
    expect(ok(OptimizerSpecSchema, { kind: 'momentum', momentum: MAX_MOMENTUM })).toBe(true);
    expect(ok(OptimizerSpecSchema, { kind: 'nesterov', momentum: 1 })).toBe(false);
    expect(ok(RegularizationSpecSchema, { kind: 'l2', lambda: MAX_LAMBDA })).toBe(true);
    expect(ok(RegularizationSpecSchema, { kind: 'l2', lambda: MAX_LAMBDA * 1.001 })).toBe(false);
    expect(ok(InitSpecSchema, { kind: 'uniform', range: MAX_INIT_RANGE })).toBe(true);
    expect(ok(InitSpecSchema, { kind: 'uniform', range: MAX_INIT_RANGE * 1.001 })).toBe(false);
  });

  it('generated data sets: samples, classes, test fraction', () => {
    const set = { kind: 'builtin', name: 'blobs' };
    expect(ok(BuiltinDatasetSpecSchema, { ...set, samples: MIN_SAMPLES, classes: MIN_CLASSES, testFraction: MAX_TEST_FRACTION })).toBe(true);
    expect(ok(BuiltinDatasetSpecSchema, { ...set, samples: MAX_SAMPLES, classes: MAX_CLASSES })).toBe(true);
    expect(ok(BuiltinDatasetSpecSchema, { ...set, samples: MIN_SAMPLES - 1 })).toBe(false);
    expect(ok(BuiltinDatasetSpecSchema, { ...set, classes: MAX_CLASSES + 1 })).toBe(false);
    expect(ok(BuiltinDatasetSpecSchema, { ...set, testFraction: MAX_TEST_FRACTION + 0.01 })).toBe(false);
  });

  it('landscape resolution: a line up to MAX_LINE_RESOLUTION, a grid up to MAX_GRID_RESOLUTION', () => {
    expect(ok(LandscapeSettingsSchema, { mode: 'line', resolution: MAX_LINE_RESOLUTION })).toBe(true);
    expect(ok(LandscapeSettingsSchema, { mode: 'line', resolution: MAX_LINE_RESOLUTION + 1 })).toBe(false);
    expect(ok(LandscapeSettingsSchema, { mode: 'surface', resolution: MAX_GRID_RESOLUTION })).toBe(true);
    expect(ok(LandscapeSettingsSchema, { mode: 'surface', resolution: MAX_GRID_RESOLUTION + 2 })).toBe(false);
    expect(ok(LandscapeSettingsSchema, { mode: 'surface', resolution: MIN_RESOLUTION - 1 })).toBe(false);
  });

  it('feature visualization settings', () => {
    const L = FEATURE_VIS_LIMITS;
    const at = { steps: L.steps.max, learningRate: L.learningRate.max, l2: L.l2.max, totalVariation: L.totalVariation.max, jitter: L.jitter.max, starts: L.starts.max, count: L.count.max, diversity: L.diversity.max };
    expect(ok(FeatureVisSettingsSchema, at)).toBe(true);
    for (const key of Object.keys(at) as (keyof typeof at)[]) {
      expect(ok(FeatureVisSettingsSchema, { ...at, [key]: at[key] + 1 }), key).toBe(false);
    }
    expect(ok(FeatureVisSettingsSchema, { steps: L.steps.min - 1 })).toBe(false);
  });
});
