/**
 * How a landscape's numbers become colours and heights: the metric (loss or accuracy), an
 * optional clip of high values (a few huge corners would otherwise wash out the basin) and an
 * optional log10 scale. Two landscapes shown side by side get one scale and one pair of axes
 * from all their values, so equal colours mean equal losses.
 */
import type { LandscapeData } from '../../../shared/api/landscapeDto';

export type LandscapeMetric = 'loss' | 'accuracy';

export interface DisplayOptions {
  metric: LandscapeMetric;
  /** log10 of the (clipped) loss; ignored for accuracy. */
  log: boolean;
  /** Values above this are drawn at this value. */
  clip?: number;
}

export interface DisplayScale {
  /** In display space: log10 units when `log`. */
  min: number;
  max: number;
  log: boolean;
}

export const usesLog = (options: DisplayOptions): boolean => options.log && options.metric === 'loss';

/** The metric's values, or null when the landscape has none (accuracy of a regression). */
export const metricValues = (landscape: LandscapeData, metric: LandscapeMetric): (number | null)[] | null =>
  metric === 'loss' ? landscape.loss : landscape.accuracy;

/** A raw value in display space; null where it cannot be drawn (non-finite, or not positive on a log scale). */
export function displayValue(value: number | null, options: DisplayOptions): number | null {
  if (value === null || !Number.isFinite(value)) return null;
  const clipped = options.clip !== undefined && options.metric === 'loss' ? Math.min(value, options.clip) : value;
  if (!usesLog(options)) return clipped;
  return clipped > 0 ? Math.log10(clipped) : null;
}

/** The inverse, for colour-bar labels and tooltips. */
export const rawValue = (display: number, scale: DisplayScale): number => (scale.log ? 10 ** display : display);

export function sharedScale(landscapes: readonly LandscapeData[], options: DisplayOptions): DisplayScale {
  let min = Infinity;
  let max = -Infinity;
  for (const landscape of landscapes) {
    for (const value of metricValues(landscape, options.metric) ?? []) {
      const shown = displayValue(value, options);
      if (shown === null) continue;
      if (shown < min) min = shown;
      if (shown > max) max = shown;
    }
  }
  if (!(min <= max)) return { min: 0, max: 1, log: usesLog(options) };
  // a flat landscape still needs a non-empty colour range
  if (min === max) return { min: min - 0.5, max: max + 0.5, log: usesLog(options) };
  return { min, max, log: usesLog(options) };
}

export interface AxisExtents {
  alpha: [number, number];
  beta: [number, number] | null;
}

/** Axis limits covering every landscape's cells (half a cell beyond the outer grid points). */
export function sharedAxes(landscapes: readonly LandscapeData[]): AxisExtents {
  const cover = (ranges: ([number, number] | null)[], steps: number[]): [number, number] | null => {
    let lo = Infinity;
    let hi = -Infinity;
    ranges.forEach((range, k) => {
      if (!range) return;
      lo = Math.min(lo, range[0] - steps[k] / 2);
      hi = Math.max(hi, range[1] + steps[k] / 2);
    });
    return lo <= hi ? [lo, hi] : null;
  };
  const step = (values: number[] | null): number => (values && values.length > 1 ? values[1] - values[0] : 0);
  return {
    alpha: cover(landscapes.map((l) => l.alphaRange), landscapes.map((l) => (l.dimensions === 2 ? step(l.alphas) : 0))) ?? [-1, 1],
    beta: cover(landscapes.map((l) => l.betaRange), landscapes.map((l) => step(l.betas))),
  };
}
