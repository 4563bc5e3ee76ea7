import { describe, expect, it } from 'vitest';
import type { Hyperparams } from '../../../src/shared/api/trackingDto';
import { dropUnplottable, emaSmooth, groupCurves, hyperparamTable, interpolate, robustRange, xValues } from '../../../src/shared/tracking';

describe('curves for the compare chart', () => {
  it('smooths with an EMA corrected for its start, so a constant stays constant', () => {
    expect(emaSmooth([5, 5, 5, 5], 0.9).every((v) => Math.abs(v - 5) < 1e-12)).toBe(true);
  });

  it('matches the debiased EMA written out by hand', () => {
    const beta = 0.5;
    // s1 = 0.5*1 = 0.5 -> /0.5 = 1; s2 = 0.25 + 1.5 = 1.75 -> /0.75; s3 = 0.875 + 2.5 = 3.375 -> /0.875
    expect(emaSmooth([1, 3, 5], beta)).toEqual([1, 1.75 / 0.75, 3.375 / 0.875]);
    expect(emaSmooth([1, 3, 5], 0)).toEqual([1, 3, 5]);
  });

  it('lets NaN through without poisoning later smoothed values', () => {
    const out = emaSmooth([1, NaN, 1], 0.6);
    expect(out[1]).toBeNaN();
    expect(out[2]).toBeCloseTo(1, 12);
  });

  it('puts series on step, epoch, wall time or seconds since the start', () => {
    const s = { step: [10, 20], epoch: [0.5, 1], time: [5000, 7500], value: [1, 2] };
    expect(xValues(s, 'step')).toEqual([10, 20]);
    expect(xValues(s, 'epoch')).toEqual([0.5, 1]);
    expect(xValues(s, 'wall')).toEqual([5000, 7500]);
    expect(xValues(s, 'relative')).toEqual([0, 2.5]);
    expect(xValues(s, 'relative', 4000)).toEqual([1, 3.5]);
  });

  it('drops the points a log axis cannot show', () => {
    expect(dropUnplottable({ x: [0, 1, 2, 3], y: [1, -1, 2, Infinity] }, true, true)).toEqual({ x: [2], y: [2] });
  });

  it('ignores a spike when asked for a y range without outliers', () => {
    const values = Array.from({ length: 1000 }, (_, k) => k / 1000);
    values[500] = 1e6;
    const range = robustRange([values], 0.01, 0)!;
    expect(range.max).toBeLessThan(1.01);
    expect(range.min).toBeGreaterThanOrEqual(0);
  });

  it('interpolates linearly and refuses to extrapolate', () => {
    const curve = { x: [0, 10], y: [0, 100] };
    expect(interpolate(curve, 2.5)).toBe(25);
    expect(interpolate(curve, 11)).toBeNaN();
  });

  it('groups runs by a hyperparameter into a mean with min-max or std bands', () => {
    const members = [
      { runId: 1, key: 0.1, curve: { x: [0, 1, 2], y: [1, 2, 3] } },
      { runId: 2, key: 0.1, curve: { x: [0, 1, 2], y: [3, 4, 5] } },
      { runId: 3, key: 0.01, curve: { x: [0, 2], y: [0, 2] } },
    ];
    const [small, large] = groupCurves(members, 'minmax');
    expect(small).toMatchObject({ key: '0.01', runIds: [3], x: [0, 2], mean: [0, 2] });
    expect(large).toMatchObject({ key: '0.1', runIds: [1, 2], x: [0, 1, 2], mean: [2, 3, 4], lower: [1, 2, 3], upper: [3, 4, 5], count: [2, 2, 2] });
    const [, std] = groupCurves(members, 'std');
    expect(std.lower).toEqual([1, 2, 3]);
    expect(std.upper).toEqual([3, 4, 5]);
  });

  it('averages only the runs that reach an x when their lengths differ', () => {
    const [g] = groupCurves([
      { runId: 1, key: 'a', curve: { x: [0, 1, 2, 3], y: [1, 1, 1, 1] } },
      { runId: 2, key: 'a', curve: { x: [0, 1], y: [3, 3] } },
    ], 'minmax');
    expect(g.mean).toEqual([2, 2, 1, 1]);
    expect(g.count).toEqual([2, 2, 1, 1]);
  });

  it('shows only the hyperparameters that differ when asked', () => {
    const runs: { hyperparams: Hyperparams }[] = [
      { hyperparams: { learningRate: 0.1, 'optimizer.kind': 'sgd' } },
      { hyperparams: { learningRate: 0.2, 'optimizer.kind': 'sgd', 'optimizer.momentum': 0.9 } },
    ];
    expect(hyperparamTable(runs, true)).toEqual([
      { key: 'learningRate', values: [0.1, 0.2], differs: true },
      { key: 'optimizer.momentum', values: [null, 0.9], differs: true },
    ]);
    expect(hyperparamTable(runs, false)).toHaveLength(3);
  });
});
