/**
 * Weight penalties, on weights only (never biases), added to the mean loss:
 *   l2  lambda/2 sum w^2   gradient lambda w
 *   l1  lambda sum |w|     gradient lambda sign(w) (0 at w = 0)
 */
import type { FloatArray } from './float32Kernels';
import type { RegularizationSpec } from './spec';

/** Adds the penalty's gradient to each layer's weight gradient and returns the penalty (float64 or float32 networks). */
export function addRegularization(net: { layers: readonly { W: FloatArray; gradWeights: FloatArray }[] }, reg: RegularizationSpec): number {
  const lambda = reg.lambda;
  if (reg.kind === 'none' || lambda === 0) return 0;
  let penalty = 0;
  for (const layer of net.layers) {
    const W = layer.W;
    const gW = layer.gradWeights;
    if (reg.kind === 'l2') {
      for (let k = 0; k < W.length; k++) { const w = W[k]; penalty += w * w; gW[k] += lambda * w; }
    } else {
      for (let k = 0; k < W.length; k++) { const w = W[k]; penalty += Math.abs(w); gW[k] += lambda * Math.sign(w); }
    }
  }
  return reg.kind === 'l2' ? 0.5 * lambda * penalty : lambda * penalty;
}
