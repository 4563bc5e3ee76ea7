/**
 * Histograms over training: the bins of a list of values (edges, a constant list, NaN apart), and
 * a network's layer histograms at a checkpoint, conv and pool layers included, whose gradients are
 * the network's own on the sample.
 */
import { describe, expect, it } from 'vitest';
import { histogramOf, layerHistograms } from '../../../src/shared/tracking/histograms';
import { initializeParams } from '../../../src/shared/nn/init';
import { Network } from '../../../src/shared/nn/network';
import { mulberry32 } from '../../../src/shared/nn/rng';
import type { NetworkSpec } from '../../../src/shared/nn/spec';

describe('histogramOf', () => {
  it('puts values into equal bins between min and max, the top edge in the last bin', () => {
    const h = histogramOf([0, 0.1, 0.5, 0.99, 1, 2], 4);
    expect(h).toEqual({ min: 0, max: 2, count: 6, nonFinite: 0, counts: [2, 2, 1, 1] });
  });

  it('puts a constant list in one bin, counts NaN and infinities apart, and survives no finite value', () => {
    expect(histogramOf([3, 3, 3], 5)).toEqual({ min: 3, max: 3, count: 3, nonFinite: 0, counts: [3, 0, 0, 0, 0] });
    expect(histogramOf([1, NaN, Infinity, -Infinity, 2], 2)).toEqual({ min: 1, max: 2, count: 2, nonFinite: 3, counts: [1, 1] });
    expect(histogramOf([NaN], 3)).toEqual({ min: 0, max: 0, count: 0, nonFinite: 1, counts: [0, 0, 0] });
    expect(histogramOf([], 3).count).toBe(0);
  });
});

describe('layerHistograms', () => {
  const spec: NetworkSpec = {
    inputs: 36, inputShape: [1, 6, 6],
    imageLayers: [{ kind: 'conv', filters: 2, kernel: 3, activation: 'relu' }, { kind: 'maxpool', size: 2 }],
    layers: [{ units: 3, activation: 'tanh' }, { units: 2, activation: 'softmax' }], loss: 'softmax-ce',
  };
  const net = new Network(spec);
  initializeParams(net, { kind: 'he-uniform', range: 1 }, mulberry32(1));
  const rng = mulberry32(2);
  const rows = 70;
  const x = Float64Array.from({ length: rows * 36 }, () => rng());
  const y = new Float64Array(rows * 2);
  for (let r = 0; r < rows; r++) y[r * 2 + (r % 2)] = 1;

  it('names every layer in the order the data flows, pools with activations only', () => {
    const layers = layerHistograms(net, x, y, rows);
    expect(layers.map((l) => l.layer)).toEqual(['Conv 1', 'Max pool 1', 'Hidden 1', 'Output']);
    expect(layers[1].weights).toBeNull();
    expect(layers[1].gradients).toBeNull();
    // counts: conv 2x1x3x3 weights and 2 biases, its 2x4x4 maps per row; the pool's 2x2x2 per row; dense 8x3 and 3x2
    expect(layers.map((l) => l.weights?.count ?? null)).toEqual([18, null, 24, 6]);
    expect(layers.map((l) => l.biases?.count ?? null)).toEqual([2, null, 3, 2]);
    expect(layers.map((l) => l.activations.count)).toEqual([rows * 32, rows * 8, rows * 3, rows * 2]);
  });

  it('bins the network\'s own gradient on the sample, and leaves the network as it was', () => {
    const before = Float64Array.from(net.params);
    const layers = layerHistograms(net, x, y, rows);
    expect(Array.from(net.params)).toEqual(Array.from(before));
    const probe = new Network(spec, Float64Array.from(before));
    probe.lossAndGradient(x, y, rows);
    const dense = probe.layers[0];
    expect(layers[2].gradients).toEqual(histogramOf(probe.grads.subarray(dense.weightOffset, dense.weightOffset + 24)));
    const conv = probe.imageStack!.layers[0];
    expect(layers[0].gradients).toEqual(histogramOf(conv.gradWeights));
  });
});
