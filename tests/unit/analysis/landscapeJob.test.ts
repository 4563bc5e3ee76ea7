import { describe, expect, it } from 'vitest';
import { computeLandscape, type LandscapeJobRequest } from '../../../src/shared/analysis/landscape/landscapeJob';
import { LandscapeSettingsSchema, type LandscapeSettingsInput } from '../../../src/shared/analysis/landscape/landscapeSettings';
import type { Dataset } from '../../../src/shared/data/spec';
import { Network } from '../../../src/shared/nn/network';
import { TrainSpecSchema } from '../../../src/shared/training/trainSpec';
import { Trainer } from '../../../src/shared/training/trainer';
import { spiralData } from './helpers';

const spec = TrainSpecSchema.parse({
  dataset: { kind: 'builtin', name: 'spiral' },
  layers: [{ units: 8, activation: 'tanh' }, { units: 8, activation: 'tanh' }, { units: 1, activation: 'sigmoid' }],
  loss: 'bce', optimizer: { kind: 'adam' }, learningRate: 0.01, batchSize: 50, epochs: 30, seed: 2,
});

/** Trains the T1 net briefly, keeping a checkpoint every 3 epochs. */
function trainedRun(data: Dataset) {
  const trainer = new Trainer(spec, data);
  const params = [trainer.net.params.slice()];
  const steps = [0];
  while (!trainer.done) {
    const report = trainer.trainBatch();
    if (report.epochDone && report.epoch % 3 === 0) {
      params.push(trainer.net.params.slice());
      steps.push(report.step);
    }
  }
  return { params, steps, final: params[params.length - 1] };
}

const settings = (input: LandscapeSettingsInput) => LandscapeSettingsSchema.parse(input);

describe('a landscape job', () => {
  const data = { ...spiralData(), test: spiralData().train };
  const run = trainedRun(data);
  const request = (input: LandscapeSettingsInput, extra: Partial<LandscapeJobRequest> = {}): LandscapeJobRequest =>
    ({ spec, settings: settings(input), final: run.final, ...extra });

  it('has the loss at the final parameters at the centre of an odd grid', () => {
    const result = computeLandscape(request({ mode: 'surface', resolution: 5 }), data);
    const net = new Network({ inputs: 2, layers: spec.layers, loss: spec.loss }, run.final.slice());
    const expected = net.evaluate(data.train.x, data.train.y, data.train.n, true);
    expect(result.loss[2 * 5 + 2]).toBe(expected.loss);
    expect(result.centerLoss).toBe(expected.loss);
    expect(result.accuracy![2 * 5 + 2]).toBe(expected.accuracy);
  });

  it('projects the checkpoints onto their PCA plane with the final ones at the origin', () => {
    const result = computeLandscape(request({ mode: 'pathPlane', resolution: 5 }, {
      path: { params: run.params, steps: run.steps, epochs: run.steps.map((s) => s / 10) },
    }), data);
    const path = result.path!;
    expect(path.steps).toEqual(run.steps);
    expect(path.coordinates.at(-2)).toBeCloseTo(0, 12);
    expect(path.coordinates.at(-1)).toBeCloseTo(0, 12);
    expect(path.loss.at(-1)).toBe(result.centerLoss);
    expect(path.explainedVarianceRatio[0]).toBeGreaterThan(0.5);
    expect(path.pathIsLine).toBe(false);
  });

  it('refuses a path plane with fewer than three checkpoints', () => {
    expect(() => computeLandscape(request({ mode: 'pathPlane' }, { path: { params: run.params.slice(0, 2), steps: [0, 1], epochs: [0, 1] } }), data))
      .toThrow(/at least 3 checkpoints; this run has 2/);
  });

  it('evaluates on the test split or on its first rows when asked', () => {
    const first = computeLandscape(request({ mode: 'line', resolution: 3, split: 'test', maxRows: 40 }), data);
    expect(first.rows).toBe(40);
    const net = new Network({ inputs: 2, layers: spec.layers, loss: spec.loss }, run.final.slice());
    expect(first.centerLoss).toBe(net.loss(data.test.x, data.test.y, 40));
  });

  it('interpolates from the initial parameters (a = 0) to the final ones (a = 1)', () => {
    const result = computeLandscape(request({ mode: 'interpolation', range: [0, 1], resolution: 3 }, { initial: run.params[0] }), data);
    expect(result.dimensions).toBe(1);
    expect(result.loss[0]).toBe(result.endpointLoss![0]);
    expect(result.loss[2]).toBe(result.endpointLoss![1]);
    expect(result.endpointLoss![1]).toBe(result.centerLoss);
  });

  it("refuses parameters that do not fit the run's network", () => {
    expect(() => computeLandscape(request({ mode: 'surface' }, { final: new Float64Array(4) }), data)).toThrow(/have 4 values but its network \(2 inputs\) needs 105/);
  });
});

describe('landscape settings', () => {
  it('fill in the paper’s defaults: filter normalization, biases fixed, 51 points over [-1, 1], training data', () => {
    expect(settings({ mode: 'surface' })).toMatchObject({ normalization: 'filter', includeBiases: false, resolution: 51, range: [-1, 1], split: 'train' });
  });

  it('name the field to change for a reversed range, a grid too fine, or a missing second run', () => {
    const issues = (input: LandscapeSettingsInput) => LandscapeSettingsSchema.safeParse(input).error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(issues({ mode: 'surface', range: [1, 0] })).toEqual(['range: the range\'s lower end (1) must be below its upper end (0)']);
    expect(issues({ mode: 'surface', resolution: 301 })).toEqual(['resolution: a 2-D grid has at most 201 points per axis; got 301']);
    expect(issues({ mode: 'line', resolution: 301 })).toBeUndefined();
    expect(issues({ mode: 'interpolation', endpoints: 'runToRun' })).toEqual(['otherRunId: choose the second run to interpolate to']);
  });
});

describe('a landscape job of a network with image layers', () => {
  it('is refused in words, not computed on the wrong network', () => {
    const cnn = TrainSpecSchema.parse({
      dataset: { kind: 'builtin', name: 'mnist', samples: 100 },
      imageLayers: [{ kind: 'conv', filters: 2, kernel: 5, activation: 'relu' }, { kind: 'maxpool', size: 4 }],
      layers: [{ units: 10, activation: 'softmax' }], loss: 'softmax-ce', learningRate: 0.01, epochs: 1,
    });
    const data = { ...spiralData(), inputDim: 784 };
    expect(() => computeLandscape({ spec: cnn, settings: settings({ mode: 'surface', resolution: 3 }), final: new Float64Array(1) }, data))
      .toThrow('the loss landscape does not support convolution layers yet: this run has conv or pooling layers');
  });
});
