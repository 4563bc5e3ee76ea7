/**
 * A channel of an image layer as feature visualization's objective (the mean of its map): its
 * value agrees with the maps, its input gradient with central differences, and channelMeans
 * with the maps row by row; bad layer or channel indices are refused in words.
 */
import { describe, expect, it } from 'vitest';
import { initializeParams } from '../../../src/shared/nn/init';
import { Network } from '../../../src/shared/nn/network';
import { mulberry32 } from '../../../src/shared/nn/rng';
import type { NetworkSpec } from '../../../src/shared/nn/spec';

/** 2 channels of 7x6 → conv 3@3×2 stride 2 padding 1 tanh → maxpool 2 → conv 2@2 sigmoid → avgpool 1 → dense. */
const SPEC: NetworkSpec = {
  inputs: 2 * 7 * 6,
  inputShape: [2, 7, 6],
  imageLayers: [
    { kind: 'conv', filters: 3, kernel: [3, 2], stride: 2, padding: 1, activation: 'tanh' },
    { kind: 'maxpool', size: 2 },
    { kind: 'conv', filters: 2, kernel: 2, activation: 'sigmoid' },
    { kind: 'avgpool', size: 1 },
    { kind: 'flatten' },
  ],
  layers: [{ units: 3, activation: 'softmax' }],
  loss: 'softmax-ce',
};

function network(seed: number): Network {
  const net = new Network(SPEC);
  initializeParams(net, { kind: 'uniform', range: 0.8 }, mulberry32(seed));
  // biases too, so that no part of a map sits at a kink by construction
  const rng = mulberry32(seed + 100);
  const params = Float64Array.from(net.params, (p) => (p === 0 ? rng() * 0.2 - 0.1 : p));
  return new Network(SPEC, params);
}

const randomRow = (seed: number): Float64Array => {
  const rng = mulberry32(seed);
  return Float64Array.from({ length: SPEC.inputs }, () => rng() * 2 - 1);
};

describe('channel objective', () => {
  it('is the mean of the channel\'s map at every image layer', () => {
    const net = network(3);
    const x = randomRow(4);
    const maps = net.imageMaps(x);
    expect(maps.map((m) => m.length)).toEqual(net.imageStack!.layers.map((l) => l.outSize));
    net.imageStack!.layers.forEach((layer, l) => {
      const [channels, h, w] = layer.plan.output;
      for (let c = 0; c < channels; c++) {
        const map = maps[l].subarray(c * h * w, (c + 1) * h * w);
        const mean = map.reduce((s, v) => s + v, 0) / map.length;
        expect(net.inputGradient(x, { imageLayer: l, channel: c }).value).toBeCloseTo(mean, 14);
      }
    });
  });

  it('has the input gradient of central differences, for every channel of every image layer', () => {
    const net = network(7);
    const x = randomRow(8);
    const h = 1e-6;
    net.imageStack!.layers.forEach((layer, l) => {
      for (let c = 0; c < layer.plan.output[0]; c++) {
        const { gradient } = net.inputGradient(x, { imageLayer: l, channel: c });
        const analytic = Array.from(gradient);
        for (let i = 0; i < x.length; i += 5) {
          const up = Float64Array.from(x); up[i] += h;
          const down = Float64Array.from(x); down[i] -= h;
          const numeric = (net.inputGradient(up, { imageLayer: l, channel: c }).value - net.inputGradient(down, { imageLayer: l, channel: c }).value) / (2 * h);
          expect(Math.abs(analytic[i] - numeric)).toBeLessThan(1e-7 * Math.max(1, Math.abs(numeric)));
        }
      }
    });
  });

  it('gives channelMeans equal to the maps row by row, across chunks', () => {
    const net = network(11);
    const rows = 5;
    const x = new Float64Array(rows * SPEC.inputs);
    for (let r = 0; r < rows; r++) x.set(randomRow(20 + r), r * SPEC.inputs);
    const means = net.channelMeans(x, rows, 2);
    const channels = 2;
    for (let r = 0; r < rows; r++) {
      const maps = network(11).imageMaps(x.subarray(r * SPEC.inputs, (r + 1) * SPEC.inputs));
      const [, mh, mw] = net.imageStack!.layers[2].plan.output;
      for (let c = 0; c < channels; c++) {
        const map = maps[2].subarray(c * mh * mw, (c + 1) * mh * mw);
        expect(means[r * channels + c]).toBeCloseTo(map.reduce((s, v) => s + v, 0) / map.length, 14);
      }
    }
  });

  it('refuses a layer or channel that is not there, and a network without image layers, in words', () => {
    const net = network(1);
    const x = randomRow(2);
    expect(() => net.inputGradient(x, { imageLayer: 4, channel: 0 })).toThrow('objective.imageLayer: expected 0..3, got 4');
    expect(() => net.inputGradient(x, { imageLayer: 0, channel: 3 })).toThrow('objective.channel: expected 0..2, got 3');
    const dense = new Network({ inputs: 2, layers: [{ units: 1, activation: 'sigmoid' }], loss: 'bce' });
    expect(() => dense.inputGradient([0, 0], { imageLayer: 0, channel: 0 })).toThrow('this network has no conv or pooling layers');
  });
});
