/**
 * Per-layer training diagnostics as the worker records them (`grad_norm/1`, `dead_relu/2`, ...),
 * gathered into what the "making it work" charts draw.
 */
import type { SeriesBuffer } from '../runs/runMetrics';

/** Layer numbers (1-based) that have a series named `base/L`, in order. */
export function layersWith(names: readonly string[], base: string): number[] {
  const prefix = `${base}/`;
  return names
    .filter((n) => n.startsWith(prefix) && /^\d+$/.test(n.slice(prefix.length)))
    .map((n) => Number(n.slice(prefix.length)))
    .sort((a, b) => a - b);
}

/** [layer, value] of the mean over the recorded training of each layer's metric: one number per layer, steadier than the last point. */
export function perLayerMean(get: (name: string) => SeriesBuffer | undefined, names: readonly string[], base: string): [number, number][] {
  return layersWith(names, base).flatMap((layer) => {
    const values = get(`${base}/${layer}`)?.value.filter(Number.isFinite) ?? [];
    return values.length ? [[layer, values.reduce((s, v) => s + v, 0) / values.length] as [number, number]] : [];
  });
}

/** [step, value] pairs of one series. */
export function seriesPoints(buffer: SeriesBuffer | undefined): [number, number][] {
  return buffer ? buffer.step.map((s, k) => [s, buffer.value[k]] as [number, number]) : [];
}

/** Ratio of the last layer's to the first layer's gradient norm: how much smaller gradients get on their way back. */
export function gradientShrink(perLayer: readonly [number, number][]): number | null {
  if (perLayer.length < 2) return null;
  const first = perLayer[0][1];
  const last = perLayer[perLayer.length - 1][1];
  return first > 0 ? last / first : null;
}

/**
 * TensorBoard-style exponential smoothing, s_k = w s_(k-1) + (1 - w) v_k, debiased at the
 * start so the first points are not pulled towards 0. Mini-batch diagnostics are noisy; the trend is the lesson.
 */
export function smoothEma(points: readonly [number, number][], weight: number): [number, number][] {
  let s = 0;
  let norm = 0;
  return points.map(([x, v]) => {
    s = weight * s + (1 - weight) * v;
    norm = weight * norm + (1 - weight);
    return [x, s / norm];
  });
}
