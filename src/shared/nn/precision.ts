/** Which arithmetic a run trains in: the one place that turns a spec's `precision` into float32 or float64. */
import { hasLargeLayer } from './kernels';
import type { NetworkSpec, Precision } from './spec';

export type ResolvedPrecision = 'float64' | 'float32';

/**
 * 'auto' is float32 for a dense network with a layer over 4,096 weights (MNIST's 784 x 128), where
 * the products are the work; float64 for everything smaller (the lecture's nets) and for conv
 * nets, which have no float32 kernels. It depends on the spec only, never on the machine, so a
 * spec trains the same numbers everywhere.
 */
export function resolvePrecision(precision: Precision | undefined, spec: Pick<NetworkSpec, 'inputs' | 'imageLayers' | 'layers'>): ResolvedPrecision {
  if (precision === 'float32' || precision === 'float64') return precision;
  if (spec.imageLayers?.length) return 'float64';
  return hasLargeLayer(spec.inputs, spec.layers) ? 'float32' : 'float64';
}
