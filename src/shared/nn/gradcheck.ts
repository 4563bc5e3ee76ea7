/**
 * Gradient check: central finite differences on every entry of the flat parameter vector,
 * against backprop's gradient. The fourth-order stencil
 *   (8 (L(w+h) - L(w-h)) - (L(w+2h) - L(w-2h))) / (12 h)
 * has truncation error O(h^4), so h can be large enough (1e-3) that rounding in L, divided
 * by h, stays near 1e-13: float64 gradients then agree to ~1e-9 relative. Kinks (relu at 0,
 * the step threshold) within 2h of a pre-activation break any finite difference.
 * Relative error |analytic - numeric| / max(|analytic|, |numeric|, floor); the floor keeps
 * gradients that are (nearly) zero from turning rounding noise into a large ratio.
 */
import type { Network } from './network';

export interface GradCheckResult {
  maxRelativeError: number;
  /** Where the largest relative error is. */
  index: number;
  /** Which stack `layer` indexes: the dense layers (net.layers) or the conv layers (net.imageStack.layers). */
  stack: 'dense' | 'image';
  layer: number;
  kind: 'weight' | 'bias';
  /** Row and column of the weight (j alone for a bias; i = -1); conv: the filter and the entry within it (c, ky, kx row-major). */
  i: number;
  j: number;
  analytic: number;
  numeric: number;
}

export interface GradCheckOptions { epsilon?: number; floor?: number }

export function gradientCheck(net: Network, x: Float64Array, y: Float64Array, rows: number, options: GradCheckOptions = {}): GradCheckResult {
  const h = options.epsilon ?? 1e-3;
  const floor = options.floor ?? 1e-6;
  net.lossAndGradient(x, y, rows);
  const analytic = net.grads.slice();
  const params = net.params;
  const lossAt = (k: number, value: number): number => {
    params[k] = value;
    return net.loss(x, y, rows);
  };
  let worst = { error: -1, index: 0, numeric: 0 };
  for (let k = 0; k < params.length; k++) {
    const w = params[k];
    const numeric = (8 * (lossAt(k, w + h) - lossAt(k, w - h)) - (lossAt(k, w + 2 * h) - lossAt(k, w - 2 * h))) / (12 * h);
    params[k] = w;
    const error = Math.abs(analytic[k] - numeric) / Math.max(Math.abs(analytic[k]), Math.abs(numeric), floor);
    if (error > worst.error) worst = { error, index: k, numeric };
  }
  const common = { maxRelativeError: worst.error, index: worst.index, analytic: analytic[worst.index], numeric: worst.numeric };
  const image = net.imageStack?.layers ?? [];
  const imageIndex = image.findIndex((layer) => worst.index < layer.weightOffset + layer.W.length + layer.b.length);
  if (imageIndex >= 0) {
    const layer = image[imageIndex];
    const local = worst.index - layer.weightOffset;
    const perFilter = layer.W.length / layer.b.length;
    const isWeight = local < layer.W.length;
    return { ...common, stack: 'image', layer: imageIndex, kind: isWeight ? 'weight' : 'bias',
      i: isWeight ? Math.floor(local / perFilter) : -1, j: isWeight ? local % perFilter : local - layer.W.length };
  }
  const layerIndex = net.layers.findIndex((layer) => worst.index < layer.biasOffset + layer.fanOut);
  const layer = net.layers[layerIndex];
  const isWeight = worst.index < layer.biasOffset;
  const local = worst.index - layer.weightOffset;
  return {
    ...common,
    stack: 'dense',
    layer: layerIndex,
    kind: isWeight ? 'weight' : 'bias',
    i: isWeight ? Math.floor(local / layer.fanOut) : -1,
    j: isWeight ? local % layer.fanOut : worst.index - layer.biasOffset,
  };
}
