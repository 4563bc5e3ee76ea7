import { describe, expect, it } from 'vitest';
import { initializeParams } from '../../../src/shared/nn/init';
import { Network, parameterCount } from '../../../src/shared/nn/network';
import { mulberry32, normal, permutation, shuffleInPlace } from '../../../src/shared/nn/rng';
import type { ActivationName, InitSpec } from '../../../src/shared/nn/spec';

function randomNet(hidden: ActivationName, output: ActivationName, seed: number): Network {
  const net = new Network({
    inputs: 3,
    layers: [{ units: 4, activation: hidden }, { units: 5, activation: hidden }, { units: 3, activation: output }],
    loss: output === 'softmax' ? 'softmax-ce' : 'mse',
  });
  const rng = mulberry32(seed);
  initializeParams(net, { kind: 'uniform', range: 1 }, rng);
  for (const layer of net.layers) for (let j = 0; j < layer.fanOut; j++) layer.b[j] = rng() - 0.5;
  return net;
}

describe('Network', () => {
  it('lays parameters out as W1, b1, W2, b2 with w[i][j] at W[i * fanOut + j]', () => {
    const net = new Network({ inputs: 2, layers: [{ units: 3, activation: 'relu' }, { units: 1, activation: 'linear' }], loss: 'mse' });
    expect(net.params.length).toBe(2 * 3 + 3 + 3 * 1 + 1);
    expect(parameterCount(net.spec)).toBe(13);
    const [l1, l2] = net.layers;
    expect([l1.weightOffset, l1.biasOffset, l2.weightOffset, l2.biasOffset]).toEqual([0, 6, 9, 12]);
    net.params[net.weightIndex(0, 1, 2)] = 7;
    expect(l1.W[1 * 3 + 2]).toBe(7);
    net.grads[12] = 3;
    expect(l2.gradBias[0]).toBe(3);
  });

  it('computes z = a W + b row by row', () => {
    const net = new Network({ inputs: 2, layers: [{ units: 2, activation: 'linear' }], loss: 'mse' });
    // w[0][0] = 1, w[0][1] = 2, w[1][0] = 3, w[1][1] = 4; b = (10, 20)
    net.setParams([1, 2, 3, 4, 10, 20]);
    const out = net.forward(Float64Array.from([1, 0, 0, 1, 2, 3]), 3);
    expect(Array.from(out)).toEqual([11, 22, 13, 24, 21, 36]);
  });

  it('gives the same outputs for a batch as for its rows one by one, after the buffers grew', () => {
    const net = randomNet('tanh', 'softmax', 3);
    const rng = mulberry32(4);
    const x = Float64Array.from({ length: 30 }, () => rng() * 2 - 1);
    const batch = net.predict(x, 10);
    for (let r = 0; r < 10; r++) {
      expect(Array.from(net.forward(x.subarray(r * 3, r * 3 + 3), 1))).toEqual(Array.from(batch.subarray(r * 3, r * 3 + 3)));
    }
  });

  it('returns the activations of every layer for a batch', () => {
    const net = randomNet('relu', 'sigmoid', 5);
    const x = Float64Array.from([0.1, -0.2, 0.3, 1, 2, 3]);
    const { z, a } = net.activations(x, 2);
    expect(z.map((m) => m.length)).toEqual([8, 10, 6]);
    expect(a[0].every((v, k) => v === Math.max(0, z[0][k]))).toBe(true);
    expect(Array.from(a[2])).toEqual(Array.from(net.predict(x, 2)));
  });

  it('evaluates large sets in chunks with the same mean loss', () => {
    const net = randomNet('sigmoid', 'linear', 6);
    const rng = mulberry32(8);
    const rows = 2500;
    const x = Float64Array.from({ length: rows * 3 }, () => rng());
    const y = Float64Array.from({ length: rows * 3 }, () => rng());
    let total = 0;
    for (let r = 0; r < rows; r++) total += net.loss(x.subarray(r * 3, r * 3 + 3), y.subarray(r * 3, r * 3 + 3), 1);
    expect(net.evaluate(x, y, rows, false).loss).toBeCloseTo(total / rows, 12);
  });

  it('rejects a spec with softmax in a hidden layer', () => {
    expect(() => new Network({ inputs: 2, layers: [{ units: 2, activation: 'softmax' }, { units: 1, activation: 'linear' }], loss: 'mse' }))
      .toThrow(/layers\.0\.activation: softmax is only allowed on the output layer/);
  });

  describe('inputGradient', () => {
    const objectives = [
      { layer: 0, unit: 2, preActivation: true },
      { layer: 1, unit: 4 },
      { layer: 2, unit: 1 },
      { layer: 2, unit: 0, preActivation: true },
    ];
    for (const [hidden, output] of [['tanh', 'softmax'], ['sigmoid', 'sigmoid'], ['leaky-relu', 'linear']] as const) {
      it(`matches finite differences of one unit's value for ${hidden} hidden and ${output} output`, () => {
        const net = randomNet(hidden, output, 11);
        const x = [0.3, -0.7, 0.45];
        for (const objective of objectives) {
          const { value, gradient } = net.inputGradient(x, objective);
          const h = 1e-5;
          for (let i = 0; i < 3; i++) {
            const shifted = (d: number) => net.inputGradient(x.map((v, k) => (k === i ? v + d : v)), objective).value;
            const numeric = (shifted(h) - shifted(-h)) / (2 * h);
            expect(Math.abs(gradient[i] - numeric) / Math.max(Math.abs(numeric), 1e-3)).toBeLessThan(1e-7);
          }
          const { a, z } = net.activations(Float64Array.from(x), 1);
          expect(value).toBe((objective.preActivation ? z : a)[objective.layer][objective.unit]);
        }
      });
    }

    it('names the objective field that is out of range', () => {
      const net = randomNet('tanh', 'linear', 1);
      expect(() => net.inputGradient([0, 0, 0], { layer: 3, unit: 0 })).toThrow(/objective\.layer/);
      expect(() => net.inputGradient([0, 0, 0], { layer: 1, unit: 5 })).toThrow(/objective\.unit/);
    });
  });
});

describe('seeded randomness', () => {
  it('shuffles by Fisher-Yates with j = floor(u (i + 1)) from the last index down', () => {
    const draws = [0.9, 0.5, 0.1];
    const a = [10, 11, 12, 13];
    shuffleInPlace(a, () => draws.shift()!);
    // i = 3: j = floor(0.9 * 4) = 3; i = 2: j = floor(0.5 * 3) = 1 -> [10, 12, 11, 13]; i = 1: j = 0 -> [12, 10, 11, 13]
    expect(a).toEqual([12, 10, 11, 13]);
  });

  it('repeats the same stream for the same seed', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const first = Array.from({ length: 5 }, a);
    expect(Array.from({ length: 5 }, b)).toEqual(first);
    expect(first.every((u) => u >= 0 && u < 1)).toBe(true);
    expect(Array.from(permutation(10, mulberry32(1))).sort((p, q) => p - q)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('draws standard normals by Box-Muller', () => {
    const rng = mulberry32(7);
    const n = 20_000;
    const draws = Array.from({ length: n }, () => normal(rng));
    const mean = draws.reduce((s, v) => s + v, 0) / n;
    const variance = draws.reduce((s, v) => s + (v - mean) ** 2, 0) / n;
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(Math.abs(variance - 1)).toBeLessThan(0.05);
  });
});

describe('initialization', () => {
  const shapeOf = (kind: InitSpec['kind']) => {
    const net = new Network({ inputs: 40, layers: [{ units: 60, activation: 'relu' }, { units: 1, activation: 'linear' }], loss: 'mse' });
    net.params.fill(5);
    initializeParams(net, { kind, range: 0.3 }, mulberry32(3));
    const W = net.layers[0].W;
    const max = W.reduce((m, w) => Math.max(m, Math.abs(w)), 0);
    const sd = Math.sqrt(W.reduce((s, w) => s + w * w, 0) / W.length);
    return { max, sd, biases: [...net.layers[0].b, ...net.layers[1].b] };
  };

  it('draws glorot-uniform in +-sqrt(6 / (fanIn + fanOut)) and zero biases', () => {
    const { max, biases } = shapeOf('glorot-uniform');
    expect(max).toBeLessThanOrEqual(Math.sqrt(6 / 100));
    expect(max).toBeGreaterThan(0.95 * Math.sqrt(6 / 100));
    expect(biases.every((b) => b === 0)).toBe(true);
  });

  it('draws uniform in +-range and he-uniform in +-sqrt(6 / fanIn)', () => {
    expect(shapeOf('uniform').max).toBeLessThanOrEqual(0.3);
    expect(shapeOf('he-uniform').max).toBeLessThanOrEqual(Math.sqrt(6 / 40));
  });

  it('draws normals with sd sqrt(2 / (fanIn + fanOut)) for glorot and sqrt(2 / fanIn) for he', () => {
    expect(shapeOf('glorot-normal').sd).toBeCloseTo(Math.sqrt(2 / 100), 2);
    expect(shapeOf('he-normal').sd).toBeCloseTo(Math.sqrt(2 / 40), 2);
  });
});
