/**
 * The compare chart's per-series transforms, pure so the chart and the export show the same
 * numbers: smoothing, the x axis, log axes and a y range that ignores outliers.
 */
import type { MetricColumns } from '../training/metrics';

/**
 * Exponential moving average corrected for its start (TensorBoard's debiasing):
 * s_t = beta s_{t-1} + (1 - beta) x_t with s_0 = 0, shown as s_t / (1 - beta^t), so the first
 * points are not dragged towards 0. beta = 0 returns the values unchanged. Non-finite values
 * are passed through and do not enter the average.
 */
export function emaSmooth(values: readonly number[], beta: number): number[] {
  if (!(beta >= 0 && beta < 1)) throw new RangeError(`smoothing must be in [0, 1), got ${beta}`);
  if (beta === 0) return [...values];
  const out = new Array<number>(values.length);
  let s = 0;
  let t = 0;
  for (let k = 0; k < values.length; k++) {
    const x = values[k];
    if (!Number.isFinite(x)) { out[k] = x; continue; }
    s = beta * s + (1 - beta) * x;
    t++;
    out[k] = s / (1 - beta ** t);
  }
  return out;
}

export const X_AXES = ['step', 'epoch', 'wall', 'relative'] as const;
export type XAxis = (typeof X_AXES)[number];

export type PointSeries = MetricColumns<readonly number[]>;

/**
 * x values of a series on an axis: step, epoch, wall time (ms since 1970, for a date axis) or
 * relative time (seconds since `origin`, the run's first point by default).
 */
export function xValues(series: PointSeries, axis: XAxis, origin?: number): number[] {
  switch (axis) {
    case 'step': return [...series.step];
    case 'epoch': return [...series.epoch];
    case 'wall': return [...series.time];
    case 'relative': {
      const start = origin ?? (series.time.length > 0 ? Math.min(...series.time) : 0);
      return series.time.map((t) => (t - start) / 1000);
    }
  }
}

export interface XY { x: number[]; y: number[] }

/** Drops points a log axis cannot show (x <= 0 on log x, y <= 0 on log y) and non-finite ones. */
export function dropUnplottable(xy: XY, logX: boolean, logY: boolean): XY {
  const x: number[] = [];
  const y: number[] = [];
  for (let k = 0; k < xy.x.length; k++) {
    const a = xy.x[k];
    const b = xy.y[k];
    if (!Number.isFinite(a) || !Number.isFinite(b) || (logX && a <= 0) || (logY && b <= 0)) continue;
    x.push(a);
    y.push(b);
  }
  return { x, y };
}

/** The q-quantile (0..1) of sorted values, linearly interpolated. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const pos = (sorted.length - 1) * Math.min(1, Math.max(0, q));
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/**
 * A y range for "ignore outliers": from the `tail` quantile to the 1 - `tail` quantile of all
 * finite values, widened by `margin` of its span so the curves do not touch the frame.
 * Null when there is nothing finite to show.
 */
export function robustRange(series: readonly (readonly number[])[], tail = 0.01, margin = 0.05): { min: number; max: number } | null {
  const all = series.flat().filter(Number.isFinite).sort((a, b) => a - b);
  if (all.length === 0) return null;
  let min = quantile(all, tail);
  let max = quantile(all, 1 - tail);
  if (min === max) {
    const pad = Math.abs(min) * 0.05 || 1;
    return { min: min - pad, max: max + pad };
  }
  const pad = (max - min) * margin;
  min -= pad;
  max += pad;
  return { min, max };
}
