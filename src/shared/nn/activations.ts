/**
 * Activation functions as { f, df } pairs (for the lecture's pages and readers), and the same
 * formulas as whole-buffer loops with the switch outside the inner loop (what training runs).
 * tests/unit/nn/activations.test.ts checks that the loops compute exactly f and df (tanh's loop
 * to 1e-15, being Cephes' tanh). df takes both z and a = f(z) because sigmoid and tanh
 * derivatives are cheapest from a.
 */
import { tanhInPlace } from './fastTanh';
import { acceleratedKernels } from './kernels';
import type { ActivationName } from './spec';

export interface Activation {
  f: (z: number) => number;
  /** f'(z), given z and a = f(z). */
  df: (z: number, a: number) => number;
}

export const LEAKY_RELU_SLOPE = 0.01;

export function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

/** Element-wise activations; softmax is row-wise and handled by applyActivation/softmaxRows. */
export const ACTIVATION_FUNCTIONS: Record<Exclude<ActivationName, 'softmax'>, Activation> = {
  // threshold at z = 0; the derivative is 0 everywhere it exists
  step: { f: (z) => (z >= 0 ? 1 : 0), df: () => 0 },
  linear: { f: (z) => z, df: () => 1 },
  sigmoid: { f: sigmoid, df: (_z, a) => a * (1 - a) },
  tanh: { f: Math.tanh, df: (_z, a) => 1 - a * a },
  relu: { f: (z) => (z > 0 ? z : 0), df: (z) => (z > 0 ? 1 : 0) },
  'leaky-relu': { f: (z) => (z > 0 ? z : LEAKY_RELU_SLOPE * z), df: (z) => (z > 0 ? 1 : LEAKY_RELU_SLOPE) },
};

/**
 * a = f(z) for the first rows*cols entries; softmax normalizes each row of `cols` entries (max-shifted).
 * `inKernelMemory`: z and a live in the accelerated kernels' memory, so tanh and relu may run there (same bits).
 */
export function applyActivation(kind: ActivationName, z: Float64Array, a: Float64Array, rows: number, cols: number, inKernelMemory = false): void {
  const n = rows * cols;
  switch (kind) {
    case 'step':
      for (let k = 0; k < n; k++) a[k] = z[k] >= 0 ? 1 : 0;
      return;
    case 'linear':
      for (let k = 0; k < n; k++) a[k] = z[k];
      return;
    case 'sigmoid':
      for (let k = 0; k < n; k++) a[k] = 1 / (1 + Math.exp(-z[k]));
      return;
    case 'tanh':
      // Math.tanh is a call into C++ costing more than the rest of a small layer (fastTanh.ts)
      if (inKernelMemory) {
        const kernels = acceleratedKernels();
        if (kernels !== null) {
          kernels.tanh(z, a, n);
          return;
        }
      }
      tanhInPlace(z, a, n);
      return;
    case 'relu':
      if (inKernelMemory) {
        const kernels = acceleratedKernels();
        if (kernels !== null) {
          kernels.relu(z, a, n);
          return;
        }
      }
      for (let k = 0; k < n; k++) { const v = z[k]; a[k] = v > 0 ? v : 0; }
      return;
    case 'leaky-relu':
      for (let k = 0; k < n; k++) { const v = z[k]; a[k] = v > 0 ? v : LEAKY_RELU_SLOPE * v; }
      return;
    case 'softmax':
      softmaxRows(z, a, rows, cols);
      return;
  }
}

/** p_k = exp(z_k - max z) / sum_j exp(z_j - max z), row by row. */
export function softmaxRows(z: Float64Array, a: Float64Array, rows: number, cols: number): void {
  for (let r = 0; r < rows; r++) {
    const o = r * cols;
    let max = -Infinity;
    for (let k = 0; k < cols; k++) if (z[o + k] > max) max = z[o + k];
    let sum = 0;
    for (let k = 0; k < cols; k++) { const e = Math.exp(z[o + k] - max); a[o + k] = e; sum += e; }
    const inv = 1 / sum;
    for (let k = 0; k < cols; k++) a[o + k] *= inv;
  }
}

/**
 * delta <- dL/dz given delta = dL/da, for the first rows*cols entries (the chain rule through f).
 * Softmax uses its Jacobian, dL/dz_k = p_k (g_k - sum_j g_j p_j), since its outputs share inputs.
 */
export function multiplyByDerivative(
  kind: ActivationName, z: Float64Array, a: Float64Array, delta: Float64Array, rows: number, cols: number,
): void {
  const n = rows * cols;
  switch (kind) {
    case 'step':
      for (let k = 0; k < n; k++) delta[k] = 0;
      return;
    case 'linear':
      return;
    case 'sigmoid':
      for (let k = 0; k < n; k++) { const v = a[k]; delta[k] *= v * (1 - v); }
      return;
    case 'tanh':
      for (let k = 0; k < n; k++) { const v = a[k]; delta[k] *= 1 - v * v; }
      return;
    case 'relu':
      for (let k = 0; k < n; k++) if (!(z[k] > 0)) delta[k] = 0;
      return;
    case 'leaky-relu':
      for (let k = 0; k < n; k++) if (!(z[k] > 0)) delta[k] *= LEAKY_RELU_SLOPE;
      return;
    case 'softmax':
      for (let r = 0; r < rows; r++) {
        const o = r * cols;
        let dot = 0;
        for (let k = 0; k < cols; k++) dot += delta[o + k] * a[o + k];
        for (let k = 0; k < cols; k++) delta[o + k] = a[o + k] * (delta[o + k] - dot);
      }
      return;
  }
}
