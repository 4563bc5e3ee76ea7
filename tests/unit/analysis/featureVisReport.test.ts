// The reports the analysis worker computes for the feature-visualization and representation views.
import { describe, expect, it } from 'vitest';
import { featureVisReport } from '../../../src/shared/analysis/featurevis/featureVisReport';
import { defaultFeatureVisSettings } from '../../../src/shared/analysis/featurevis/featureVisDefaults';
import { inputLayout } from '../../../src/shared/analysis/featurevis/inputLayout';
import { alignAxes, representationReport } from '../../../src/shared/analysis/featurevis/representationReport';
import { objectiveLabel, objectiveProblem } from '../../../src/shared/analysis/featurevis/unitLabels';
import type { Dataset } from '../../../src/shared/data/spec';
import { randomNetwork, randomSplit } from './helpers';

const dataset = (inputs: number): Dataset => ({
  name: 'test-set', task: 'classification', inputDim: inputs, outputDim: 3, inputNames: Array.from({ length: inputs }, (_, i) => `x${i + 1}`),
  outputNames: ['a', 'b', 'c'], classes: 3, train: randomSplit(60, inputs, 3, 1), test: randomSplit(30, inputs, 3, 2),
});

describe('input layout', () => {
  it('draws MNIST and square tables as pictures, two inputs as the plane, anything else as numbers', () => {
    expect(inputLayout('mnist', Array(784).fill('p'))).toEqual({ kind: 'image', width: 28, height: 28 });
    expect(inputLayout('imported', Array(64).fill('p'))).toEqual({ kind: 'image', width: 8, height: 8 });
    expect(inputLayout('circle', ['x1', 'x2'])).toEqual({ kind: 'plane', names: ['x1', 'x2'] });
    expect(inputLayout('energy', ['a', 'b', 'c', 'd'])).toEqual({ kind: 'vector', names: ['a', 'b', 'c', 'd'] });
  });
});

describe('objective words', () => {
  const spec = { inputs: 2, layers: [{ units: 4, activation: 'tanh' as const }, { units: 3, activation: 'softmax' as const }], loss: 'softmax-ce' as const };
  it('labels units 1-based and classes by name', () => {
    expect(objectiveLabel({ kind: 'unit', layer: 0, unit: 2, preActivation: true }, spec, ['a', 'b', 'c'])).toBe('Hidden layer 1, unit 3 (before activation)');
    expect(objectiveLabel({ kind: 'class', class: 1, output: 'probability' }, spec, ['a', 'b', 'c'])).toBe('Class 1 (b), probability');
  });
  it('names what to change for a unit, layer or class the network does not have', () => {
    expect(objectiveProblem({ kind: 'unit', layer: 0, unit: 4, preActivation: false }, spec, 3)).toMatch(/Hidden layer 1 has 4 units \(0\.\.3\), got 4/);
    expect(objectiveProblem({ kind: 'unit', layer: 2, unit: 0, preActivation: false }, spec, 3)).toMatch(/layers 0\.\.1/);
    expect(objectiveProblem({ kind: 'class', class: 3, output: 'logit' }, spec, 3)).toMatch(/classes 0\.\.2, got 3/);
    expect(objectiveProblem({ kind: 'class', class: 0, output: 'logit' }, spec, null)).toMatch(/regression/);
  });
});

describe('feature visualization report', () => {
  const net = randomNetwork(2, [[5, 'tanh'], [3, 'softmax']], 'softmax-ce', 4);
  const base = {
    dataset: { kind: 'builtin' as const, name: 'blobs' as const, noise: 0, testFraction: 0, seed: 1 },
    spec: net.spec, checkpoint: { id: 2, step: 10, epoch: 1, params: net.params }, objective: { kind: 'unit' as const, layer: 0, unit: 1, preActivation: false },
    settings: { ...defaultFeatureVisSettings({ kind: 'plane', names: ['x1', 'x2'] }), steps: 30, starts: 2 }, examples: { split: 'test' as const, k: 5 }, evolution: [],
  };

  it('keeps optimized points inside the data box, orders the examples and covers the plane', () => {
    const report = featureVisReport(dataset(2), base);
    const data = dataset(2).train;
    for (const start of report.starts) {
      for (const [x1, x2] of start.inputs) {
        for (const [v, i] of [[x1, 0], [x2, 1]] as const) {
          const column = Array.from({ length: data.n }, (_, r) => data.x[r * 2 + i]);
          // stored with six significant digits
          expect(v).toBeGreaterThanOrEqual(Math.min(...column) - 1e-5);
          expect(v).toBeLessThanOrEqual(Math.max(...column) + 1e-5);
        }
      }
    }
    const top = report.examples.top.map((e) => e.activation);
    expect(top).toEqual([...top].sort((a, b) => b - a));
    expect(report.examples.top).toHaveLength(5);
    expect(report.plane!.values).toHaveLength(80 * 80);
    expect(report.plane!.data.x.length).toBe(60);
  });

  it('repeats the optimization at every evolution checkpoint and reports progress to the end', () => {
    const progress: number[] = [];
    const report = featureVisReport(dataset(2), { ...base, evolution: [base.checkpoint, { ...base.checkpoint, id: 3, step: 20 }] }, {
      onProgress: (done, total) => progress.push(done / total),
    });
    expect(report.evolution.map((f) => f.checkpoint.step)).toEqual([10, 20]);
    // the same network at both: the same seed gives the same picture
    expect(report.evolution[0].input).toEqual(report.evolution[1].input);
    expect(progress[progress.length - 1]).toBe(1);
  });

  it('refuses total variation for inputs that are not pictures', () => {
    expect(() => featureVisReport(dataset(2), { ...base, settings: { ...base.settings, totalVariation: 0.1 } })).toThrow(/total variation needs image inputs/);
  });
});

describe('representation report', () => {
  it('flips an axis (direction and coordinates) that points away from the previous frame\'s, and leaves the others', () => {
    const components = [Float64Array.from([0, -1]), Float64Array.from([1, 0])];
    const coordinates = Float64Array.from([2, 3, -4, 5]);
    alignAxes(components, [Float64Array.from([0, 1]), Float64Array.from([0.9, 0.1])], coordinates, 2);
    expect(Array.from(components[0])).toEqual([-0, 1]);
    expect(Array.from(components[1])).toEqual([1, 0]);
    expect(Array.from(coordinates)).toEqual([-2, 3, 4, 5]);
  });

  it('keeps PCA axes pointing the same way from one checkpoint to the next', () => {
    const a = randomNetwork(4, [[6, 'tanh'], [3, 'softmax']], 'softmax-ce', 5);
    const b = a.params.slice();
    for (let k = 0; k < b.length; k++) b[k] *= 1.01;
    const request = {
      dataset: { kind: 'builtin' as const, name: 'blobs' as const, noise: 0, testFraction: 0, seed: 1 },
      spec: a.spec, layer: 0, split: 'train' as const, maxPoints: 40, preActivation: false,
      checkpoints: [{ id: 1, step: 0, epoch: 0, params: a.params }, { id: 2, step: 5, epoch: 1, params: b }],
    };
    const report = representationReport(dataset(4), request);
    expect(report.kind).toBe('pca');
    expect(report.rows).toHaveLength(40);
    const [first, second] = report.frames.map((f) => f.coordinates);
    // nearly the same network: nearly the same picture, not a mirrored one
    let agree = 0;
    for (let k = 0; k < first.length; k++) agree += first[k] * second[k];
    expect(agree).toBeGreaterThan(0);
    for (let k = 0; k < first.length; k++) expect(Math.abs(first[k] - second[k])).toBeLessThan(0.1);
  });
});
