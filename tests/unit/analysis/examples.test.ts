import { describe, expect, it } from 'vitest';
import { datasetExamples } from '../../../src/shared/analysis/featurevis/datasetExamples';
import { unitActivations } from '../../../src/shared/analysis/featurevis/unitActivations';
import { mulberry32, normal } from '../../../src/shared/nn/rng';
import { randomNetwork, randomSplit } from './helpers';

describe('dataset examples', () => {
  it('returns the truly top k rows by activation, descending, as a brute-force sort does', () => {
    const rng = mulberry32(3);
    const activations = Float64Array.from({ length: 500 }, () => normal(rng));
    activations[17] = activations[400];
    const { top, bottom } = datasetExamples(activations, { k: 12 });
    const byValue = Array.from(activations, (activation, index) => ({ index, activation }))
      .sort((a, b) => b.activation - a.activation || a.index - b.index);
    expect(top).toEqual(byValue.slice(0, 12));
    expect(bottom).toEqual(byValue.slice(-12).reverse());
    for (let i = 1; i < top.length; i++) expect(top[i].activation).toBeLessThanOrEqual(top[i - 1].activation);
  });

  it('picks slightly exciting rows around the 10th percentile of the positive activations', () => {
    // activations 1..100 and 100 negative rows: the positive 10th percentile by rank is 1 + round(0.1 * 99) = 11
    const activations = Float64Array.from({ length: 200 }, (_, i) => (i % 2 === 0 ? i / 2 + 1 : -i));
    const { slight, slightTarget } = datasetExamples(activations, { k: 5 });
    expect(slightTarget).toBe(11);
    expect(slight.map((e) => e.activation)).toEqual([13, 12, 11, 10, 9]);
    slight.forEach((e) => expect(activations[e.index]).toBe(e.activation));
  });

  it('has no slight examples for a unit that is never positive', () => {
    const { slight, slightTarget, top } = datasetExamples(Float64Array.from([-1, -2, 0, -3]), { k: 2 });
    expect(slight).toEqual([]);
    expect(slightTarget).toBeNaN();
    expect(top.map((e) => e.index)).toEqual([2, 0]);
  });

  it('reads a unit\'s activations for every row, in chunks, as the engine computes them', () => {
    const net = randomNetwork(3, [[5, 'relu'], [4, 'tanh'], [2, 'softmax']], 'softmax-ce', 2);
    const split = randomSplit(2500, 3, 2, 7);
    const values = unitActivations(net, split, { layer: 1, unit: 2 });
    const pre = unitActivations(net, split, { layer: 0, unit: 4, preActivation: true });
    const { a, z } = net.activations(split.x, split.n);
    expect(values).toEqual(Float64Array.from({ length: 2500 }, (_, r) => a[1][r * 4 + 2]));
    expect(pre).toEqual(Float64Array.from({ length: 2500 }, (_, r) => z[0][r * 5 + 4]));
  });
});
