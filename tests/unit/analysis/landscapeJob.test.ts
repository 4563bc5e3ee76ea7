import { describe, expect, it } from 'vitest';
import { computeLandscape, type LandscapeJobRequest } from '../../../src/shared/analysis/landscape/landscapeJob';
import { LandscapeSettingsSchema, type LandscapeSettingsInput } from '../../../src/shared/analysis/landscape/landscapeSettings';
import type { Dataset } from '../../../src/shared/data/spec';
import { Network } from '../../../src/shared/nn/network';
import { networkSpecOf, TrainSpecSchema } from '../../../src/shared/training/trainSpec';
import { randomDirections } from '../../../src/shared/analysis/landscape/directions';
import { mulberry32 } from '../../../src/shared/nn/rng';
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
  // a small conv net on 40 synthetic 28×28 "images" of two classes (a bright left or right half)
  const cnn = TrainSpecSchema.parse({
    dataset: { kind: 'builtin', name: 'mnist', samples: 100 },
    imageLayers: [{ kind: 'conv', filters: 3, kernel: 5, stride: 3, activation: 'relu' }, { kind: 'maxpool', size: 2 }],
    layers: [{ units: 2, activation: 'softmax' }], loss: 'softmax-ce', optimizer: { kind: 'adam' }, learningRate: 0.02, batchSize: 10, epochs: 6, seed: 3,
  });
  const rng = mulberry32(9);
  const rows = 40;
  const x = new Float64Array(rows * 784);
  const y = new Float64Array(rows * 2);
  for (let r = 0; r < rows; r++) {
    const right = r % 2;
    for (let p = 0; p < 784; p++) x[r * 784 + p] = ((p % 28 >= 14) === (right === 1) ? 0.6 : 0) + 0.4 * rng();
    y[r * 2 + right] = 1;
  }
  const split = { x, y, n: rows };
  const data: Dataset = { name: 'halves', task: 'classification', inputDim: 784, outputDim: 2, inputNames: [], outputNames: ['left', 'right'], classes: 2, train: split, test: split };
  const trainer = new Trainer(cnn, data);
  const path = [trainer.net.params.slice()];
  while (!trainer.done) if (trainer.trainBatch().epochDone) path.push(trainer.net.params.slice());
  const final = path[path.length - 1];
  const net = new Network(networkSpecOf(cnn, 784), final.slice());

  it('normalizes a random direction filter by filter: each conv filter and each dense unit to its trained norm, conv biases still', () => {
    const [d] = randomDirections(net, 1, { seed: 4 }, final);
    const conv = net.imageStack!.layers[0];
    const perFilter = conv.W.length / conv.b.length;
    const norm = (v: Float64Array, start: number, count: number, stride = 1) => {
      let s = 0;
      for (let k = 0; k < count; k++) s += v[start + k * stride] ** 2;
      return Math.sqrt(s);
    };
    for (let o = 0; o < conv.b.length; o++) {
      const start = conv.weightOffset + o * perFilter;
      expect(norm(d, start, perFilter)).toBeCloseTo(norm(final, start, perFilter), 12);
    }
    expect(Array.from(d.subarray(conv.weightOffset + conv.W.length, conv.weightOffset + conv.W.length + conv.b.length))).toEqual([0, 0, 0]);
    const dense = net.layers[0];
    for (let j = 0; j < dense.fanOut; j++) expect(norm(d, dense.weightOffset + j, dense.fanIn, dense.fanOut)).toBeCloseTo(norm(final, dense.weightOffset + j, dense.fanIn, dense.fanOut), 12);
  });

  it('has the trained loss at the centre and, at a corner, the loss of the weights set to theta + a d1 + b d2', () => {
    const result = computeLandscape({ spec: cnn, settings: settings({ mode: 'surface', resolution: 3, range: [-0.5, 0.5] }), final }, data);
    expect(result.loss[4]).toBe(net.loss(x, y, rows));
    expect(result.centerLoss).toBe(result.loss[4]);
    const [d1, d2] = randomDirections(net, 2, { seed: 1, normalization: 'filter', includeBiases: false }, final);
    const corner = Float64Array.from(final, (t, p) => t - 0.5 * d1[p] + 0.5 * d2[p]);
    const probe = new Network(networkSpecOf(cnn, 784), corner);
    expect(result.loss[2]).toBeCloseTo(probe.loss(x, y, rows), 12);
    expect(result.accuracy).not.toBeNull();
  });

  it('draws the training path on the plane of its checkpoints', () => {
    const result = computeLandscape({
      spec: cnn, settings: settings({ mode: 'pathPlane', resolution: 5 }), final,
      path: { params: path, steps: path.map((_, k) => k * 4), epochs: path.map((_, k) => k) },
    }, data);
    expect(result.path!.coordinates).toHaveLength(2 * path.length);
    expect(result.path!.loss[path.length - 1]).toBe(net.loss(x, y, rows));
    expect(Array.from(result.loss).every(Number.isFinite)).toBe(true);
  });
});
