import { describe, expect, it } from 'vitest';
import { expPositive, tanhInPlace } from '../../../src/shared/nn/fastTanh';

const tanhOf = (values: number[]): number[] => {
  const a = new Float64Array(values.length);
  tanhInPlace(Float64Array.from(values), a, values.length);
  return Array.from(a);
};

describe('fast tanh', () => {
  it('agrees with Math.tanh within 4e-16 relative across [-25, 25]', () => {
    const xs = Array.from({ length: 200_001 }, (_, i) => -25 + i * 2.5e-4 + Math.sin(i) * 1e-5);
    const ys = tanhOf(xs);
    let worst = 0;
    xs.forEach((x, i) => {
      const t = Math.tanh(x);
      if (t !== 0) worst = Math.max(worst, Math.abs(ys[i] - t) / Math.abs(t));
    });
    expect(worst).toBeLessThan(4.5e-16);
  });

  it('is exact at 0, saturates to ±1 and keeps NaN', () => {
    expect(tanhOf([0, 30, -30, Infinity, -Infinity])).toEqual([0, 1, -1, 1, -1]);
    expect(tanhOf([NaN])[0]).toBeNaN();
    expect(tanhOf([1e-300])[0]).toBe(1e-300);
  });

  it('computes exp on [0, 40) within 2e-16 relative', () => {
    for (let x = 0; x < 40; x += 0.0137) expect(Math.abs(expPositive(x) - Math.exp(x)) / Math.exp(x)).toBeLessThan(2e-16);
  });
});
