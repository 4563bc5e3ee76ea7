/**
 * Histograms over training (TensorBoard's Histograms and Distributions): at every checkpoint, for
 * every layer, how its weights, biases, weight gradients and activations are spread. Stored with
 * the checkpoint as bins, not values: 30 equal bins between the values' min and max, and apart
 * the count of values that are not finite (a diverging run's NaN must not break the picture).
 * Gradients and activations are those of a fixed sample, the first HISTOGRAM_SAMPLE_ROWS rows of
 * the training data, so that checkpoints compare; the gradient is the data loss's (without the
 * regularization term), mean over the sample, as training computes it.
 */
import type { Network } from '../nn/network';

export const HISTOGRAM_BINS = 30;
export const HISTOGRAM_SAMPLE_ROWS = 256;
export const HISTOGRAM_KINDS = ['weights', 'biases', 'gradients', 'activations'] as const;
export type HistogramKind = (typeof HISTOGRAM_KINDS)[number];

export interface Histogram {
  /** Of the finite values; both 0 when there are none. */
  min: number;
  max: number;
  /** Finite values counted in the bins. */
  count: number;
  /** NaN and ±Infinity, counted apart. */
  nonFinite: number;
  /** HISTOGRAM_BINS counts over [min, max] in equal steps (one bin holds everything when min = max). */
  counts: number[];
}

export interface LayerHistograms {
  /** "Conv 1", "Hidden 1", "Output": the layers in the order the data flows. */
  layer: string;
  /** Pools have no weights, biases or gradients: those are null. */
  weights: Histogram | null;
  biases: Histogram | null;
  gradients: Histogram | null;
  activations: Histogram;
}

/** The histogram of `values` in `bins` equal bins between their finite min and max. */
export function histogramOf(values: ArrayLike<number>, bins = HISTOGRAM_BINS): Histogram {
  let min = Infinity;
  let max = -Infinity;
  let nonFinite = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) { nonFinite++; continue; }
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const counts = new Array<number>(bins).fill(0);
  const count = values.length - nonFinite;
  if (count === 0) return { min: 0, max: 0, count: 0, nonFinite, counts };
  const width = (max - min) / bins;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) continue;
    // the top edge belongs to the last bin
    const bin = width > 0 ? Math.min(bins - 1, Math.floor((v - min) / width)) : 0;
    counts[bin]++;
  }
  return { min, max, count, nonFinite, counts };
}

/**
 * Every layer's histograms for the network's current parameters, with gradients and activations
 * of the sample rows. It runs on `net`'s own buffers and gradient (its parameters are untouched),
 * so pass a network of your own: the training loop keeps one beside the trainer's.
 */
export function layerHistograms(net: Network, x: Float64Array, y: Float64Array, rows: number): LayerHistograms[] {
  // the image layers' maps, gathered chunk by chunk (after the gradient's pass their buffers hold only its last chunk)
  const stack = net.imageStack?.layers ?? [];
  const maps = net.imageLayerMaps(x, rows);
  net.lossAndGradient(x, y, rows);
  const out: LayerHistograms[] = [];
  const counts = { conv: 0, pool: 0 };
  for (const [i, layer] of stack.entries()) {
    const conv = layer.conv !== undefined;
    const name = conv ? `Conv ${++counts.conv}` : `${layer.kind === 'maxpool' ? 'Max pool' : 'Average pool'} ${++counts.pool}`;
    out.push({
      layer: name,
      weights: conv ? histogramOf(layer.W) : null,
      biases: conv ? histogramOf(layer.b) : null,
      gradients: conv ? histogramOf(layer.gradWeights) : null,
      activations: histogramOf(maps[i]),
    });
  }
  const last = net.layers.length - 1;
  net.layers.forEach((layer, l) => {
    const weights = layer.fanIn * layer.fanOut;
    out.push({
      layer: l === last ? 'Output' : `Hidden ${l + 1}`,
      weights: histogramOf(layer.W),
      biases: histogramOf(layer.b),
      gradients: histogramOf(net.grads.subarray(layer.weightOffset, layer.weightOffset + weights)),
      activations: histogramOf(layer.a.subarray(0, rows * layer.fanOut)),
    });
  });
  return out;
}
