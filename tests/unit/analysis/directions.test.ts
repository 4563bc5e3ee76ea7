import { describe, expect, it } from 'vitest';
import { normalizeDirection, randomDirections } from '../../../src/shared/analysis/landscape/directions';
import { randomNetwork } from './helpers';

const net = randomNetwork(3, [[5, 'tanh'], [4, 'relu'], [2, 'softmax']], 'softmax-ce', 1);

function columnNorm(v: Float64Array, offset: number, fanIn: number, fanOut: number, j: number): number {
  let s = 0;
  for (let i = 0; i < fanIn; i++) s += v[offset + i * fanOut + j] ** 2;
  return Math.sqrt(s);
}

describe('random directions', () => {
  it('rescales each unit\'s incoming weights to the norm of the trained filter (filter normalization)', () => {
    const [d1, d2] = randomDirections(net, 2, { seed: 7 });
    for (const d of [d1, d2]) {
      for (const { weightOffset, fanIn, fanOut } of net.layers) {
        for (let j = 0; j < fanOut; j++) {
          const target = columnNorm(net.params, weightOffset, fanIn, fanOut, j);
          expect(Math.abs(columnNorm(d, weightOffset, fanIn, fanOut, j) - target) / target).toBeLessThan(1e-12);
        }
      }
    }
  });

  it('leaves the biases out by default, and draws the same directions from the same seed', () => {
    const [d1, d2] = randomDirections(net, 2, { seed: 7 });
    for (const { biasOffset, fanOut } of net.layers) {
      expect(Array.from(d1.subarray(biasOffset, biasOffset + fanOut))).toEqual(new Array(fanOut).fill(0));
    }
    const [again1, again2] = randomDirections(net, 2, { seed: 7 });
    expect(again1).toEqual(d1);
    expect(again2).toEqual(d2);
    expect(d2).not.toEqual(d1);
    expect(randomDirections(net, 1, { seed: 8 })[0]).not.toEqual(d1);
  });

  it('sets each included bias to the trained bias, d_b = theta_b, as Li et al.\'s net_plotter does (filter and layer)', () => {
    for (const normalization of ['filter', 'layer'] as const) {
      const [d1, d2] = randomDirections(net, 2, { seed: 7, normalization, includeBiases: true });
      for (const { biasOffset, fanOut } of net.layers) {
        for (let j = biasOffset; j < biasOffset + fanOut; j++) {
          expect(d1[j]).toBe(net.params[j]);
          expect(d2[j]).toBe(net.params[j]);
        }
      }
    }
  });

  it('rescales whole layers under layer normalization and keeps the raw draw under none', () => {
    const [layerwise] = randomDirections(net, 1, { seed: 7, normalization: 'layer', includeBiases: true });
    const [raw] = randomDirections(net, 1, { seed: 7, normalization: 'none', includeBiases: true });
    const sliceNorm = (v: Float64Array, from: number, to: number): number => Math.hypot(...v.subarray(from, to));
    for (const { weightOffset, biasOffset, fanOut } of net.layers) {
      expect(sliceNorm(layerwise, weightOffset, biasOffset)).toBeCloseTo(sliceNorm(net.params, weightOffset, biasOffset), 12);
      expect(sliceNorm(layerwise, biasOffset, biasOffset + fanOut)).toBeCloseTo(sliceNorm(net.params, biasOffset, biasOffset + fanOut), 12);
      // a layer is scaled by one factor, so it keeps the raw draw's shape
      const factor = layerwise[weightOffset] / raw[weightOffset];
      for (let p = weightOffset; p < biasOffset; p++) expect(layerwise[p]).toBeCloseTo(factor * raw[p], 12);
    }
    const again = raw.slice();
    normalizeDirection(net, again, net.params, 'none', true);
    expect(again).toEqual(raw);
  });
});
