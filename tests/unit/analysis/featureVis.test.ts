import { describe, expect, it } from 'vitest';
import { featureBounds } from '../../../src/shared/analysis/featurevis/bounds';
import { AnalysisCancelled } from '../../../src/shared/analysis/control';
import { visualizeFeature } from '../../../src/shared/analysis/featurevis/featureVis';
import { shiftImage, totalVariation } from '../../../src/shared/analysis/featurevis/imageOps';
import { resolveObjective, type FeatureObjective } from '../../../src/shared/analysis/featurevis/objective';
import { RegularizedObjective, type FeatureRegularizers, type Shift } from '../../../src/shared/analysis/featurevis/regularizedObjective';
import { Network } from '../../../src/shared/nn/network';
import { mulberry32 } from '../../../src/shared/nn/rng';
import { randomNetwork, randomSplit, spiralData, t1Network } from './helpers';

/** A 4 x 3 "image" classifier, small enough for finite differences on every pixel. */
const imageNet = randomNetwork(12, [[6, 'tanh'], [5, 'sigmoid'], [3, 'softmax']], 'softmax-ce', 21);
const image = { width: 4, height: 3 };

function randomInputs(count: number, dim: number, seed: number): Float64Array[] {
  const rng = mulberry32(seed);
  return Array.from({ length: count }, () => Float64Array.from({ length: dim }, () => 2 * rng() - 1));
}

/** Largest |analytic - numeric| / max(1e-6, |numeric|) over every coordinate of every input (central differences). */
function gradientError(net: Network, objective: FeatureObjective, regularizers: FeatureRegularizers, inputs: Float64Array[], shifts?: Shift[]): number {
  const J = new RegularizedObjective(net, resolveObjective(net, objective), regularizers);
  const gradients = inputs.map((x) => new Float64Array(x.length));
  J.evaluate(inputs, gradients, shifts);
  const scratch = inputs.map((x) => new Float64Array(x.length));
  const h = 1e-6;
  let worst = 0;
  inputs.forEach((x, n) => {
    for (let i = 0; i < x.length; i++) {
      const keep = x[i];
      x[i] = keep + h;
      const up = J.evaluate(inputs, scratch, shifts).total;
      x[i] = keep - h;
      const down = J.evaluate(inputs, scratch, shifts).total;
      x[i] = keep;
      const numeric = (up - down) / (2 * h);
      worst = Math.max(worst, Math.abs(gradients[n][i] - numeric) / Math.max(1e-6, Math.abs(numeric)));
    }
  });
  return worst;
}

describe('regularized objective', () => {
  const all: FeatureRegularizers = { l2: 0.1, totalVariation: { weight: 0.2, kind: 'isotropic' }, diversity: 0.3, image };

  it('has the input gradient of finite differences, with L2, isotropic TV, diversity and jitter', () => {
    const inputs = randomInputs(3, 12, 1);
    const shifts = [{ dx: 1, dy: 0 }, { dx: -1, dy: 1 }, { dx: 0, dy: 0 }];
    expect(gradientError(imageNet, { kind: 'class', class: 1, output: 'probability' }, all, inputs, shifts)).toBeLessThan(1e-6);
    expect(gradientError(imageNet, { kind: 'class', class: 2, output: 'logit' }, all, inputs)).toBeLessThan(1e-6);
    expect(gradientError(imageNet, { kind: 'unit', layer: 1, unit: 3, preActivation: false }, all, inputs, shifts)).toBeLessThan(1e-6);
    expect(gradientError(imageNet, { kind: 'unit', layer: 0, unit: 4, preActivation: true }, all, inputs)).toBeLessThan(1e-6);
  });

  it('has the input gradient of finite differences with the diversity measured around a centre (squared cosines)', () => {
    const centred: FeatureRegularizers = { ...all, diversity: 2, diversityCenter: Float64Array.from({ length: 12 }, (_, i) => 0.1 * (i % 3)) };
    expect(gradientError(imageNet, { kind: 'class', class: 1, output: 'logit' }, centred, randomInputs(4, 12, 5))).toBeLessThan(1e-6);
  });

  it('has the input gradient of finite differences with anisotropic TV (away from its kinks)', () => {
    const regularizers: FeatureRegularizers = { ...all, totalVariation: { weight: 0.2, kind: 'anisotropic' } };
    expect(gradientError(imageNet, { kind: 'class', class: 0, output: 'probability' }, regularizers, randomInputs(2, 12, 2))).toBeLessThan(1e-6);
  });

  it('treats class 0 of a single sigmoid output as 1 - p (and -z), with matching gradients', () => {
    const net = t1Network();
    const x = Float64Array.from([0.3, -1.2]);
    const p = net.predict(x, 1)[0];
    const value = (objective: FeatureObjective): number =>
      new RegularizedObjective(net, resolveObjective(net, objective)).evaluate([x], [new Float64Array(2)]).values[0];
    expect(value({ kind: 'class', class: 1, output: 'probability' })).toBe(p);
    expect(value({ kind: 'class', class: 0, output: 'probability' })).toBeCloseTo(1 - p, 15);
    expect(value({ kind: 'class', class: 0, output: 'logit' })).toBeCloseTo(-Math.log(p / (1 - p)), 12);
    expect(gradientError(net, { kind: 'class', class: 0, output: 'probability' }, { l2: 0.05 }, [x])).toBeLessThan(1e-6);
  });

  it('computes TV as the sum of neighbour differences and shifts images with zero fill', () => {
    const x = Float64Array.from([0, 1, 3, 0, 0, 0]);
    const shape = { width: 3, height: 2 };
    // horizontal |1| + |2| + |0| + |0|, vertical |0| + |-1| + |-3|
    expect(totalVariation(x, shape, 'anisotropic', 0, new Float64Array(6))).toBe(7);
    expect(Array.from(shiftImage(x, shape, 1, 1, new Float64Array(6)))).toEqual([0, 0, 0, 0, 0, 1]);
  });
});

describe('activation maximization', () => {
  it('raises a hidden unit almost monotonically and stays inside the data\'s range', () => {
    const net = t1Network();
    const data = spiralData().train;
    const bounds = featureBounds(data, 2);
    const result = visualizeFeature(net, {
      objective: { kind: 'unit', layer: 1, unit: 3, preActivation: true }, bounds, steps: 200, learningRate: 0.1, seed: 4,
    });
    const { trajectory, inputs } = result.starts[0];
    expect(trajectory.length).toBe(201);
    expect(trajectory[200]).toBeGreaterThan(trajectory[0]);
    // Adam may jitter around the optimum at the clamp; it must not fall back by more than a trace
    const gain = trajectory[200] - trajectory[0];
    let drops = 0;
    for (let t = 1; t < trajectory.length; t++) if (trajectory[t] < trajectory[t - 1] - 1e-3 * gain) drops++;
    expect(drops).toBeLessThan(10);
    expect(trajectory[200]).toBeGreaterThan(Math.max(...trajectory) - 1e-3 * gain);
    for (let i = 0; i < 2; i++) {
      expect(inputs[0][i]).toBeGreaterThanOrEqual(bounds.lower[i]);
      expect(inputs[0][i]).toBeLessThanOrEqual(bounds.upper[i]);
    }
    expect(result.starts[0].values[0]).toBe(net.activations(inputs[0], 1).z[1][3]);
  });

  it('maximizes a class probability with L2 and TV, and reports the network\'s outputs for the result', () => {
    const net = randomNetwork(36, [[8, 'tanh'], [3, 'softmax']], 'softmax-ce', 5);
    for (let k = 0; k < net.params.length; k++) net.params[k] *= 2;
    const result = visualizeFeature(net, {
      objective: { kind: 'class', class: 2, output: 'probability' },
      bounds: { lower: new Float64Array(36), upper: new Float64Array(36).fill(1) },
      l2: 0.01, totalVariation: { weight: 0.01 }, image: { width: 6, height: 6 }, steps: 150, starts: 3, seed: 8,
    });
    expect(result.starts.length).toBe(3);
    const best = result.starts[result.best];
    for (const start of result.starts) expect(start.objective).toBeLessThanOrEqual(best.objective);
    const probabilities = best.outputs[0];
    expect(Array.from(probabilities)).toEqual(Array.from(net.predict(best.inputs[0], 1)));
    expect(probabilities[2]).toBeGreaterThan(0.9);
    expect(best.values[0]).toBe(probabilities[2]);
  });

  it('returns distinct inputs when optimizing several at once with a diversity penalty', () => {
    const net = randomNetwork(12, [[6, 'tanh'], [3, 'softmax']], 'softmax-ce', 5);
    const result = visualizeFeature(net, {
      objective: { kind: 'class', class: 0, output: 'logit' }, count: 4, diversity: 1, l2: 0.05, steps: 100, seed: 2,
    });
    const { inputs } = result.starts[0];
    expect(inputs.length).toBe(4);
    for (let a = 0; a < 4; a++) {
      for (let b = a + 1; b < 4; b++) {
        expect(Math.hypot(...inputs[a].map((v, i) => v - inputs[b][i]))).toBeGreaterThan(1e-3);
      }
    }
  });

  it('is reproducible from its seed and leaves the network\'s parameters alone', () => {
    const net = randomNetwork(12, [[6, 'tanh'], [3, 'softmax']], 'softmax-ce', 5);
    const before = net.params.slice();
    const options = { objective: { kind: 'unit', layer: 0, unit: 1, preActivation: false } as const, jitter: 1, image, starts: 2, steps: 20, seed: 3 };
    const first = visualizeFeature(net, options);
    expect(visualizeFeature(net, options)).toEqual(first);
    expect(visualizeFeature(net, { ...options, seed: 4 }).starts[0].inputs).not.toEqual(first.starts[0].inputs);
    expect(net.params).toEqual(before);
  });

  it('reports progress per step over all starts and stops with AnalysisCancelled when asked', () => {
    const net = t1Network();
    let last: [number, number] = [0, 0];
    visualizeFeature(net, { objective: { kind: 'class', class: 1, output: 'logit' }, steps: 5, starts: 2 }, {
      onProgress: (done, total) => { last = [done, total]; },
    });
    expect(last).toEqual([10, 10]);
    expect(() => visualizeFeature(net, { objective: { kind: 'class', class: 1, output: 'logit' }, steps: 50 }, {
      shouldCancel: () => true,
    })).toThrow(AnalysisCancelled);
  });

  it('computes per-feature bounds of a split', () => {
    const split = randomSplit(50, 3, 2, 1, -2, 5);
    const { lower, upper } = featureBounds(split, 3);
    for (let i = 0; i < 3; i++) {
      const column = Array.from({ length: 50 }, (_, r) => split.x[r * 3 + i]);
      expect(lower[i]).toBe(Math.min(...column));
      expect(upper[i]).toBe(Math.max(...column));
    }
  });
});

describe('image objective through the engine', () => {
  it('matches Network.inputGradient for an unregularized unit', () => {
    const x = randomInputs(1, 12, 9)[0];
    const J = new RegularizedObjective(imageNet, resolveObjective(imageNet, { kind: 'unit', layer: 1, unit: 2, preActivation: false }));
    const gradient = new Float64Array(12);
    const { total } = J.evaluate([x], [gradient]);
    const engine = new Network(imageNet.spec, imageNet.params).inputGradient(x, { layer: 1, unit: 2 });
    expect(total).toBe(engine.value);
    expect(gradient).toEqual(engine.gradient);
  });
});
