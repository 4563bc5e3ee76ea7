/** Histograms over training as charts: percentiles read off the bins, ridges spread over time, one series per checkpoint. */
import { describe, expect, it } from 'vitest';
import { distributionOption, percentileOf, ridgeOption, spread } from '../../../../src/renderer/src/runs/histogramChart';
import { chartDataRows } from '../../../../src/renderer/src/ui/chartData';
import { histogramOf } from '../../../../src/shared/tracking/histograms';

describe('percentileOf', () => {
  it('reads percentiles off the bins, uniform inside a bin', () => {
    // 100 values 0..99 in 10 bins of width 9.9
    const h = histogramOf(Array.from({ length: 100 }, (_, k) => k), 10);
    expect(percentileOf(h, 0)).toBe(0);
    expect(percentileOf(h, 100)).toBeCloseTo(99, 10);
    expect(percentileOf(h, 50)).toBeCloseTo(49.5, 10);
    expect(percentileOf(h, 7)).toBeCloseTo(0.7 * 9.9, 10);
    expect(percentileOf(histogramOf([NaN]), 50)).toBeNaN();
  });
});

describe('the charts', () => {
  const steps = Array.from({ length: 40 }, (_, k) => ({ step: k * 10, histogram: histogramOf(Array.from({ length: 50 }, (_, i) => Math.sin(i + k) * (1 + k / 10))) }));

  it('spreads at most the asked number, first and last kept', () => {
    const kept = spread(steps, 24);
    expect(kept).toHaveLength(24);
    expect(kept[0].step).toBe(0);
    expect(kept[23].step).toBe(390);
  });

  it('draws one ridge per shown checkpoint, newest in front, whose points are the bins', () => {
    const option = ridgeOption(steps) as { series: { name: string; z: number; data: number[][] }[] };
    expect(option.series).toHaveLength(24);
    expect(option.series[23].name).toBe('step 390');
    expect(option.series[23].z).toBeGreaterThan(option.series[0].z);
    expect(option.series[0].data).toHaveLength(30);
  });

  it('exports the nine percentile curves as its data, not the shading bands', () => {
    const rows = chartDataRows(distributionOption(steps));
    const names = [...new Set(rows.map((r) => r.series))];
    expect(names).toEqual(['0th percentile', '7th percentile', '16th percentile', '31st percentile', '50th percentile', '69th percentile', '84th percentile', '93rd percentile', '100th percentile']);
    expect(rows.filter((r) => r.series === '50th percentile')).toHaveLength(40);
  });
});
