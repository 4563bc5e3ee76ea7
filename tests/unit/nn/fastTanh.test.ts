import { describe, expect, it } from 'vitest';
import { expm1Below39, tanhInPlace } from '../../../src/shared/nn/fastTanh';

const tanhOf = (values: number[]): number[] => {
  const a = new Float64Array(values.length);
  tanhInPlace(Float64Array.from(values), a, values.length);
  return Array.from(a);
};

describe('fast tanh', () => {
  it('agrees with Math.tanh within 5.3e-16 relative (2.4 ulp) across [-25, 25]', () => {
    const xs = Array.from({ length: 200_001 }, (_, i) => -25 + i * 2.5e-4 + Math.sin(i) * 1e-5);
    const ys = tanhOf(xs);
    let worst = 0;
    xs.forEach((x, i) => {
      const t = Math.tanh(x);
      if (t !== 0) worst = Math.max(worst, Math.abs(ys[i] - t) / Math.abs(t));
    });
    expect(worst).toBeLessThan(5.3e-16);
  });

  it('is exact at 0, saturates to ±1 and keeps NaN', () => {
    expect(tanhOf([0, 30, -30, Infinity, -Infinity])).toEqual([0, 1, -1, 1, -1]);
    expect(tanhOf([NaN])[0]).toBeNaN();
    expect(tanhOf([1e-300])[0]).toBe(1e-300);
  });

  it('computes expm1 on [0, 39) within 3e-16 relative, tiny arguments included', () => {
    for (let y = 0; y < 39; y += 0.0137) {
      if (y > 0) expect(Math.abs(expm1Below39(y) - Math.expm1(y)) / Math.expm1(y)).toBeLessThan(3e-16);
    }
    for (const y of [1e-300, 1e-12, 1e-6, 0.3465, 0.3466]) expect(Math.abs(expm1Below39(y) - Math.expm1(y)) / Math.expm1(y)).toBeLessThan(3e-16);
  });

  it('keeps the sign of zero', () => {
    expect(Object.is(tanhOf([-0])[0], -0)).toBe(true);
    expect(Object.is(tanhOf([0])[0], 0)).toBe(true);
  });
});
