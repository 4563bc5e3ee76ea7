/**
 * Histograms over training drawn as TensorBoard does: "histograms", one ridge per checkpoint
 * (x: the value, the ridge's height: the share of values in each bin), older ridges behind and
 * lighter, each lifted by its place in time; and "distributions", percentile bands over steps
 * (the 0th/7th/16th/31st/50th/69th/84th/93rd/100th, read off the bins by linear interpolation inside a bin).
 */
import { use } from 'echarts/core';
import { LineChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { EChartsCoreOption } from 'echarts/core';
import type { Histogram } from '../../../shared/tracking/histograms';
import { CHART_COLORS, CHART_FONT } from '../ui/chartTheme';

use([LineChart, GridComponent, TooltipComponent, CanvasRenderer]);

export interface HistogramAtStep { step: number; histogram: Histogram }

/** TensorBoard's distribution percentiles. */
export const PERCENTILES = [0, 7, 16, 31, 50, 69, 84, 93, 100] as const;

/** "7th", "31st", "93rd". */
export const ordinal = (n: number): string => `${n}${n % 10 === 1 && n % 100 !== 11 ? 'st' : n % 10 === 2 && n % 100 !== 12 ? 'nd' : n % 10 === 3 && n % 100 !== 13 ? 'rd' : 'th'}`;

/** The value below which `p` percent of the binned values lie (uniform within a bin). */
export function percentileOf(h: Histogram, p: number): number {
  if (h.count === 0) return NaN;
  const bins = h.counts.length;
  const width = (h.max - h.min) / bins;
  const target = (p / 100) * h.count;
  let below = 0;
  for (let b = 0; b < bins; b++) {
    const c = h.counts[b];
    if (c > 0 && below + c >= target) return h.min + width * (b + (target - below) / c);
    below += c;
  }
  return h.max;
}

/** At most `most` of the histograms, evenly spread, first and last kept. */
export function spread<T>(items: readonly T[], most: number): T[] {
  if (items.length <= most) return [...items];
  return Array.from({ length: most }, (_, k) => items[Math.round((k * (items.length - 1)) / (most - 1))]);
}

/** Ridges lift by this share of the tallest ridge per place in time. */
const RIDGE_LIFT = 0.35;

export function ridgeOption(steps: readonly HistogramAtStep[]): EChartsCoreOption {
  const shown = spread(steps.filter((s) => s.histogram.count > 0), 24);
  const shares = shown.map(({ histogram: h }) => h.counts.map((c) => c / h.count));
  const tallest = Math.max(1e-12, ...shares.flat());
  const lift = tallest * RIDGE_LIFT;
  const series = shown.map(({ step, histogram: h }, k) => {
    const width = (h.max - h.min) / h.counts.length;
    const base = k * lift;
    // newest in front and darkest: the lightness follows the place in time
    const t = shown.length > 1 ? k / (shown.length - 1) : 1;
    const color = `rgba(79, 70, 229, ${(0.25 + 0.75 * t).toFixed(2)})`;
    const points = h.counts.map((_, b) => [h.min + width * (b + 0.5), base + shares[k][b]]);
    return {
      name: `step ${step}`, type: 'line', data: points, symbol: 'none', smooth: false, z: 2 + k,
      lineStyle: { width: 1, color }, areaStyle: { color: 'rgba(255,255,255,0.9)', origin: base }, emphasis: { disabled: true },
    };
  });
  return {
    animation: false,
    textStyle: { fontFamily: CHART_FONT, color: CHART_COLORS.text },
    grid: { left: 72, right: 20, top: 16, bottom: 44 },
    tooltip: { trigger: 'item', formatter: (p: { seriesName: string }) => p.seriesName },
    xAxis: { type: 'value', name: 'value', nameLocation: 'middle', nameGap: 28, scale: true },
    yAxis: {
      type: 'value', min: 0, interval: lift * Math.max(1, Math.ceil(shown.length / 6)),
      axisLabel: { formatter: (v: number) => { const k = Math.round(v / lift); return shown[k] ? `step ${shown[k].step}` : ''; } },
      splitLine: { show: false },
    },
    series,
  };
}

export function distributionOption(steps: readonly HistogramAtStep[]): EChartsCoreOption {
  const kept = steps.filter((s) => s.histogram.count > 0);
  const curves = PERCENTILES.map((p) => kept.map(({ step, histogram }) => [step, percentileOf(histogram, p)] as [number, number]));
  // each band between neighbouring percentiles is drawn as their difference stacked on the lower
  // curve (an invisible floor), darker towards the median
  const bands = PERCENTILES.slice(1).flatMap((p, k) => [
    { name: `band ${k + 1} floor`, type: 'line', symbol: 'none', stack: `band-${k}`, silent: true, lineStyle: { width: 0 }, data: curves[k] },
    {
      name: `${ordinal(PERCENTILES[k])}–${ordinal(p)} percentile`, type: 'line', symbol: 'none', stack: `band-${k}`, silent: true, lineStyle: { width: 0 },
      data: curves[k + 1].map(([step, v], i) => [step, v - curves[k][i][1]]),
      areaStyle: { color: '#4f46e5', opacity: 0.08 + 0.06 * Math.min(k + 1, PERCENTILES.length - 1 - k) },
    },
  ]);
  const lines = PERCENTILES.map((p, k) => ({
    name: `${ordinal(p)} percentile`, type: 'line', symbol: 'none', data: curves[k], lineStyle: { width: p === 50 ? 2 : 0.5, color: '#4f46e5' },
  }));
  return {
    animation: false,
    textStyle: { fontFamily: CHART_FONT, color: CHART_COLORS.text },
    grid: { left: 72, right: 20, top: 16, bottom: 44 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'value', name: 'step', nameLocation: 'middle', nameGap: 28 },
    yAxis: { type: 'value', scale: true },
    series: [...bands, ...lines],
  };
}
