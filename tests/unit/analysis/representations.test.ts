import { describe, expect, it } from 'vitest';
import { firstLayerWeightImages, hiddenRepresentation } from '../../../src/shared/analysis/featurevis/representations';
import { Network } from '../../../src/shared/nn/network';
import { randomNetwork, randomSplit } from './helpers';

describe('hidden representations', () => {
  it('returns the raw coordinates of a 2-unit layer (the lecture\'s OR/AND axes)', () => {
    const net = new Network({ inputs: 2, layers: [{ units: 2, activation: 'sigmoid' }, { units: 1, activation: 'sigmoid' }], loss: 'mse' });
    // hidden unit 0 ~ OR, unit 1 ~ AND of the inputs
    net.params.set([20, 20, 20, 20, -10, -30, 20, -20, -10]);
    const x = Float64Array.from([0, 0, 0, 1, 1, 0, 1, 1]);
    const representation = hiddenRepresentation(net, x, 4, 0);
    expect(representation.kind).toBe('raw');
    expect(representation.explainedVarianceRatio).toBeNull();
    expect(representation.coordinates).toEqual(net.activations(x, 4).a[0]);
    expect(Array.from(representation.coordinates, Math.round)).toEqual([0, 0, 1, 0, 1, 0, 1, 1]);
  });

  it('projects a wider layer on its top two principal components, with their explained variance', () => {
    const net = randomNetwork(3, [[6, 'tanh'], [1, 'sigmoid']], 'bce', 4);
    const split = randomSplit(200, 3, 2, 5);
    const representation = hiddenRepresentation(net, split.x, 200, 0);
    expect(representation.kind).toBe('pca');
    expect(representation.dims).toBe(2);
    expect(representation.coordinates.length).toBe(400);
    const [r1, r2] = representation.explainedVarianceRatio ?? [];
    expect(r1).toBeGreaterThanOrEqual(r2);
    expect(r1 + r2).toBeLessThanOrEqual(1 + 1e-12);
  });

  it('explains 100% with the first component when the data puts a layer\'s units on a line', () => {
    // linear units fed one varying input: every row's activations lie on a line in unit space
    const net = randomNetwork(2, [[4, 'linear'], [1, 'linear']], 'mse', 6);
    const x = Float64Array.from({ length: 40 }, (_, k) => (k % 2 === 0 ? k / 10 : 0.5));
    const ratios = hiddenRepresentation(net, x, 20, 0).explainedVarianceRatio;
    expect(ratios?.[0]).toBeCloseTo(1, 12);
  });

  it('gives a layer of identical AND units a unit second axis orthogonal to the first, explaining 0', () => {
    // five step units computing AND of the corners: the four rows lie on a line in unit space
    const net = new Network({ inputs: 2, layers: [{ units: 5, activation: 'step' }, { units: 1, activation: 'sigmoid' }], loss: 'mse' });
    for (let j = 0; j < 5; j++) {
      net.layers[0].W[j] = 1;
      net.layers[0].W[5 + j] = 1;
      net.layers[0].b[j] = -1.5;
    }
    const representation = hiddenRepresentation(net, Float64Array.from([0, 0, 0, 1, 1, 0, 1, 1]), 4, 0);
    const [d1, d2] = representation.components ?? [];
    expect(Math.hypot(...d1)).toBeCloseTo(1, 15);
    expect(Math.hypot(...d2)).toBeCloseTo(1, 15);
    expect(Math.abs(d1.reduce((s, v, k) => s + v * d2[k], 0))).toBeLessThan(1e-15);
    expect(representation.explainedVarianceRatio?.[0]).toBeCloseTo(1, 15);
    expect(representation.explainedVarianceRatio?.[1]).toBe(0);
  });

  it('draws each first-layer unit\'s weights as a picture of the input', () => {
    const net = randomNetwork(6, [[4, 'relu'], [2, 'softmax']], 'softmax-ce', 8);
    const { images, maxAbs } = firstLayerWeightImages(net, { width: 3, height: 2 });
    expect(images.length).toBe(4);
    images.forEach((picture, j) => {
      expect(Array.from(picture)).toEqual(Array.from({ length: 6 }, (_, i) => net.layers[0].W[i * 4 + j]));
    });
    expect(maxAbs).toBe(Math.max(...Array.from(net.layers[0].W, Math.abs)));
    expect(() => firstLayerWeightImages(net, { width: 2, height: 2 })).toThrow(/width x height/);
  });
});
