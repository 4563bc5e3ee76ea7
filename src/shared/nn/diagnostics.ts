/**
 * Per-layer health numbers for a training step: gradient norm (|dL/dW| and |dL/db| together),
 * weight norm (W only, as regularization sees it), and the fraction of dead ReLU units
 * (a = 0 for every row of the last batch, so no gradient flows through them).
 */
import type { FloatArray } from './float32Kernels';

/** What the numbers read of a layer, float64 (network.ts) or float32 (float32Network.ts). */
interface LayerValues { W: FloatArray; gradWeights: FloatArray; gradBias: FloatArray; a: FloatArray; fanOut: number }

export interface LayerDiagnostics { gradNorm: number; weightNorm: number; deadFraction: number | null }

function norm(v: FloatArray): number {
  let s = 0;
  for (let k = 0; k < v.length; k++) s += v[k] * v[k];
  return s;
}

export function layerGradNorm(layer: LayerValues): number {
  return Math.sqrt(norm(layer.gradWeights) + norm(layer.gradBias));
}

export function layerWeightNorm(layer: LayerValues): number {
  return Math.sqrt(norm(layer.W));
}

/** Fraction of units whose activation is 0 on all `rows` rows of the layer's last batch. */
export function deadUnitFraction(layer: LayerValues, rows: number): number {
  const { fanOut, a } = layer;
  let dead = 0;
  for (let j = 0; j < fanOut; j++) {
    let alive = false;
    for (let r = 0; r < rows; r++) {
      if (a[r * fanOut + j] !== 0) { alive = true; break; }
    }
    if (!alive) dead++;
  }
  return dead / fanOut;
}
