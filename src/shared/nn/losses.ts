/**
 * Losses, per example and then averaged over the batch (K = number of outputs):
 *   mse        (1/K) sum_k (a_k - y_k)^2          mean over outputs, then mean over the batch
 *   mse-half   1/2 sum_k (a_k - y_k)^2            the lecture's form: sum over outputs, mean over the batch
 *   bce        (1/K) sum_k [max(z,0) - z y + log(1 + exp(-|z|))]   from the logit z (stable), mean over outputs and batch
 *              (log(1 + exp(-|z|)) by softplus.ts, within 1 ulp of Math's, and the same in the SIMD kernel)
 *   softmax-ce sum_k y_k (logsumexp(z) - z_k)     = -sum_k y_k log p_k, sum over classes, mean over the batch
 * T3 of bench/TASKS.md (1 output) is mean((p - t)^2), T1's bce and T2's softmax-ce are means over the batch.
 * outputDelta gives dL_example/dz of the output layer; the batch mean's 1/rows is applied
 * when the gradient is accumulated.
 * Losses have this one form (no per-example { f, df } pairs as activations have); that
 * outputDelta is the derivative of meanLoss is checked against finite differences for every
 * output activation and loss pair in tests/unit/nn/gradcheck.test.ts.
 */
import { multiplyByDerivative } from './activations';
import { acceleratedKernels } from './kernels';
import { softplusOfNegAbs } from './softplus';
import type { ActivationName, LossName } from './spec';

/**
 * Mean over `rows` of the per-example loss; y is read from row `yRow0` on. `inKernelMemory`: z
 * lives in the accelerated kernels' memory, so bce's sum may run there (the same bits).
 */
export function meanLoss(
  loss: LossName, z: Float64Array, a: Float64Array, y: Float64Array, yRow0: number, rows: number, cols: number, inKernelMemory = false,
): number {
  let total = 0;
  const yo0 = yRow0 * cols;
  const n = rows * cols;
  switch (loss) {
    case 'mse':
    case 'mse-half':
      for (let k = 0; k < n; k++) { const d = a[k] - y[yo0 + k]; total += d * d; }
      return total * (loss === 'mse' ? 1 / (rows * cols) : 0.5 / rows);
    case 'bce':
      if (inKernelMemory) {
        const kernels = acceleratedKernels();
        if (kernels !== null) return kernels.bceSum(z, y, yo0, n) / (rows * cols);
      }
      for (let k = 0; k < n; k++) {
        const v = z[k];
        total += (v > 0 ? v : 0) - v * y[yo0 + k] + softplusOfNegAbs(v);
      }
      return total / (rows * cols);
    case 'softmax-ce':
      for (let r = 0; r < rows; r++) {
        const o = r * cols;
        let max = -Infinity;
        for (let k = 0; k < cols; k++) if (z[o + k] > max) max = z[o + k];
        let sum = 0;
        for (let k = 0; k < cols; k++) sum += Math.exp(z[o + k] - max);
        const lse = max + Math.log(sum);
        for (let k = 0; k < cols; k++) { const t = y[yo0 + o + k]; if (t !== 0) total += t * (lse - z[o + k]); }
      }
      return total / rows;
  }
}

/** delta = dL_example/dz for the output layer (a = f(z) already computed). */
export function outputDelta(
  loss: LossName, activation: ActivationName, z: Float64Array, a: Float64Array,
  y: Float64Array, yRow0: number, rows: number, cols: number, delta: Float64Array,
): void {
  const yo0 = yRow0 * cols;
  const n = rows * cols;
  switch (loss) {
    case 'mse': {
      const s = 2 / cols;
      for (let k = 0; k < n; k++) delta[k] = s * (a[k] - y[yo0 + k]);
      multiplyByDerivative(activation, z, a, delta, rows, cols);
      return;
    }
    case 'mse-half':
      for (let k = 0; k < n; k++) delta[k] = a[k] - y[yo0 + k];
      multiplyByDerivative(activation, z, a, delta, rows, cols);
      return;
    case 'bce': {
      // sigmoid output (the schema requires it): d/dz [max(z,0) - z t + log(1+e^-|z|)] = sigmoid(z) - t
      const s = 1 / cols;
      for (let k = 0; k < n; k++) delta[k] = s * (a[k] - y[yo0 + k]);
      return;
    }
    case 'softmax-ce':
      // softmax output: p_k * sum(y) - y_k, which is p - y for one-hot targets
      for (let r = 0; r < rows; r++) {
        const o = r * cols;
        let sumY = 0;
        for (let k = 0; k < cols; k++) sumY += y[yo0 + o + k];
        for (let k = 0; k < cols; k++) delta[o + k] = a[o + k] * sumY - y[yo0 + o + k];
      }
      return;
  }
}

/** Number of rows classified correctly: argmax for several outputs, a >= 0.5 for one (targets alike). */
export function accuracyCount(a: Float64Array, y: Float64Array, yRow0: number, rows: number, cols: number): number {
  let correct = 0;
  const yo0 = yRow0 * cols;
  if (cols === 1) {
    for (let r = 0; r < rows; r++) if ((a[r] >= 0.5) === (y[yo0 + r] >= 0.5)) correct++;
    return correct;
  }
  for (let r = 0; r < rows; r++) {
    const o = r * cols;
    let best = 0;
    let bestT = 0;
    for (let k = 1; k < cols; k++) {
      if (a[o + k] > a[o + best]) best = k;
      if (y[yo0 + o + k] > y[yo0 + o + bestT]) bestT = k;
    }
    if (best === bestT) correct++;
  }
  return correct;
}
