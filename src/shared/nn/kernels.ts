/**
 * The dense-layer kernels: every matrix product of the engine (network.ts) and of the
 * landscape evaluator (analysis/planeEvaluator.ts), in one place so that both add in the
 * same order and agree to the bit. network.ts states the delta rule; these loops compute it.
 *   dense             z = a_prev W + b                                  (forward)
 *   weightGradients   dL/dW = mean_r a_prev[r]^T delta[r], dL/db = mean_r delta[r]
 *   backpropagate     g = delta W^T, i.e. g_i = sum_j w_ij delta_j      (before f'(z_below))
 * W is row-major fanIn x fanOut (W[i * fanOut + j] = w_ij); batches are row-major.
 * Layers with at most SMALL_LAYER_WEIGHTS weights (32 KB, within L1) sum each z_j and dL/dw_ij
 * in registers; larger ones (784 x 128 for MNIST) stream W row by row and skip zero inputs.
 * Both orders add the same terms in the same order, so they agree bit for bit.
 *
 * A host may install faster versions of the large-layer kernels (`installAcceleratedKernels`:
 * the WebAssembly SIMD ones of wasmKernels.ts, which the worker threads and the CLI load). They
 * must add the same terms in the same order, so results do not change by a bit; these
 * JavaScript loops stay the reference the tests compare them with.
 */
import { jsFloat32Kernels, type Float32Kernels } from './float32Kernels';

/** Large-layer kernels a host can install; same arguments and results, to the bit, as the loops below. */
export interface AcceleratedKernels {
  readonly name: string;
  /** The float32 kernels from the same module (float32Kernels.ts), when it has them. */
  readonly float32?: Float32Kernels;
  /** A zeroed vector the kernels read in place (cheaper than a Float64Array they must copy). */
  allocate(length: number): Float64Array;
  denseLarge(input: Float64Array, inputOffset: number, rows: number, fanIn: number, fanOut: number,
    W: Float64Array, b: Float64Array, z: Float64Array): void;
  weightGradientsLarge(input: Float64Array, inputOffset: number, rows: number, fanIn: number, fanOut: number,
    delta: Float64Array, gW: Float64Array, gB: Float64Array): void;
  backpropagate(W: Float64Array, fanIn: number, fanOut: number, delta: Float64Array, rows: number,
    out: Float64Array, reluZ: Float64Array | null): void;
  /** The small-layer dense (denseSmall below), for callers whose buffers are in the kernels' memory. */
  denseSmall(input: Float64Array, inputOffset: number, rows: number, fanIn: number, fanOut: number,
    W: Float64Array, b: Float64Array, z: Float64Array): void;
  /** a = tanh(z) for n entries, the same bits as fastTanh.ts's tanhInPlace. */
  tanh(z: Float64Array, a: Float64Array, n: number): void;
  /** a = z > 0 ? z : 0 for n entries. */
  relu(z: Float64Array, a: Float64Array, n: number): void;
  /** sum over e < n of max(z,0) - z y + log(1 + e^-|z|) with y from yOffset, added as losses.ts's meanLoss adds it (the same bits). */
  bceSum(z: Float64Array, y: Float64Array, yOffset: number, n: number): number;
  /** out[e] = partial[partialOffset + e] + c last[lastOffset + e] for e < n. */
  addScaled(partial: Float64Array, partialOffset: number, c: number, last: Float64Array, lastOffset: number, out: Float64Array, n: number): void;
  /** params -= lr grads in place; whether all stayed finite, or null when the vectors are not its own. */
  sgdStep(params: Float64Array, grads: Float64Array, lr: number): boolean | null;
  /** optimizers.ts's momentum step (b = mu b + g; w -= lr b), the same bits; null when a vector is not its own. */
  momentumStep(params: Float64Array, grads: Float64Array, buffer: Float64Array, lr: number, mu: number): boolean | null;
  /** optimizers.ts's Adam step with this step's bias corrections, the same bits; null when a vector is not its own. */
  adamStep(params: Float64Array, grads: Float64Array, m: Float64Array, s: Float64Array, lr: number,
    beta1: number, beta2: number, epsilon: number, correction1: number, correction2: number): boolean | null;
}

let accelerated: AcceleratedKernels | null = null;

/** The float32 kernels of this thread: the installed module's, else the JavaScript reference (same bits, slower). */
export function float32Kernels(): Float32Kernels {
  return accelerated?.float32 ?? jsFloat32Kernels;
}

/** Installs (or, with null, removes) the accelerated kernels for this thread. */
export function installAcceleratedKernels(kernels: AcceleratedKernels | null): void {
  accelerated = kernels;
}

/** The installed accelerated kernels, or null: the JavaScript loops. */
export function acceleratedKernels(): AcceleratedKernels | null {
  return accelerated;
}

/** Whether a layer of fanIn x fanOut weights takes the large-layer path (and so the accelerated kernels). */
export function isLargeLayer(fanIn: number, fanOut: number): boolean {
  return fanIn * fanOut > SMALL_LAYER_WEIGHTS;
}

/** Whether dense layers of these widths over `inputs` inputs have one large layer (a Network's buffers then live in the kernels' memory; 'auto' precision picks float32). */
export function hasLargeLayer(inputs: number, layers: readonly { units: number }[]): boolean {
  let fanIn = inputs;
  for (const layer of layers) {
    if (isLargeLayer(fanIn, layer.units)) return true;
    fanIn = layer.units;
  }
  return false;
}

/** A zeroed vector of `length`, in the accelerated kernels' memory when they are installed. */
export function kernelVector(length: number): Float64Array {
  return accelerated === null ? new Float64Array(length) : accelerated.allocate(length);
}

/** Rows at least this many before backpropagate uses the accelerated kernel (it transposes W first). */
const ACCELERATED_BACKPROP_ROWS = 4;

/**
 * Per-caller kernel state. Scratch of the large-layer kernels: for one input unit i, the rows
 * with a non-zero input (offsets r * fanOut) and those inputs. And whether the caller keeps its
 * buffers in the accelerated kernels' memory (kernelVector), which sends its small layers to them
 * too; callers with ordinary arrays (small networks: T1, T3) keep the JavaScript loops, which
 * beat copying their few numbers across.
 */
export class NonZeroRows {
  inKernelMemory = false;
  offsets = new Int32Array(0);
  values = new Float64Array(0);
  /** Grows to hold `rows` rows; never shrinks. */
  ensure(rows: number): void {
    if (rows <= this.offsets.length) return;
    this.offsets = new Int32Array(rows);
    this.values = new Float64Array(rows);
  }
}

/** Layers with at most this many weights use `denseSmall`; larger ones stream W and skip zero inputs. */
export const SMALL_LAYER_WEIGHTS = 4096;

/**
 * z = input W + b for `rows` rows of `input` starting at `inputOffset` (W row-major
 * fanIn x fanOut). Every z_j starts at b_j and adds input_i w_ij for i ascending, so callers
 * agree to the bit. Eight rows per pass over W (then four, then one): one load of w_ij and one
 * trip of the loop serve eight sums, which the short (2- to 8-long) dot products of playground
 * nets need (eight rows are about 6% faster on the T4 grid than four; sixteen would not fit in
 * the registers).
 */
function denseSmall(
  input: Float64Array, inputOffset: number, rows: number, fanIn: number, fanOut: number,
  W: Float64Array, b: Float64Array, z: Float64Array,
): void {
  let r = 0;
  for (; r + 8 <= rows; r += 8) {
    const i0 = inputOffset + r * fanIn;
    const z0 = r * fanOut;
    for (let j = 0; j < fanOut; j++) {
      const bj = b[j];
      let s0 = bj;
      let s1 = bj;
      let s2 = bj;
      let s3 = bj;
      let s4 = bj;
      let s5 = bj;
      let s6 = bj;
      let s7 = bj;
      for (let i = 0, w = j, x = i0; i < fanIn; i++, w += fanOut, x++) {
        const wij = W[w];
        s0 += input[x] * wij;
        s1 += input[x + fanIn] * wij;
        s2 += input[x + 2 * fanIn] * wij;
        s3 += input[x + 3 * fanIn] * wij;
        s4 += input[x + 4 * fanIn] * wij;
        s5 += input[x + 5 * fanIn] * wij;
        s6 += input[x + 6 * fanIn] * wij;
        s7 += input[x + 7 * fanIn] * wij;
      }
      z[z0 + j] = s0;
      z[z0 + fanOut + j] = s1;
      z[z0 + 2 * fanOut + j] = s2;
      z[z0 + 3 * fanOut + j] = s3;
      z[z0 + 4 * fanOut + j] = s4;
      z[z0 + 5 * fanOut + j] = s5;
      z[z0 + 6 * fanOut + j] = s6;
      z[z0 + 7 * fanOut + j] = s7;
    }
  }
  for (; r + 4 <= rows; r += 4) {
    const i0 = inputOffset + r * fanIn;
    const i1 = i0 + fanIn;
    const i2 = i1 + fanIn;
    const i3 = i2 + fanIn;
    const z0 = r * fanOut;
    for (let j = 0; j < fanOut; j++) {
      const bj = b[j];
      let s0 = bj;
      let s1 = bj;
      let s2 = bj;
      let s3 = bj;
      for (let i = 0, w = j; i < fanIn; i++, w += fanOut) {
        const wij = W[w];
        s0 += input[i0 + i] * wij;
        s1 += input[i1 + i] * wij;
        s2 += input[i2 + i] * wij;
        s3 += input[i3 + i] * wij;
      }
      z[z0 + j] = s0;
      z[z0 + fanOut + j] = s1;
      z[z0 + 2 * fanOut + j] = s2;
      z[z0 + 3 * fanOut + j] = s3;
    }
  }
  for (; r < rows; r++) {
    const io = inputOffset + r * fanIn;
    const zo = r * fanOut;
    for (let j = 0; j < fanOut; j++) {
      let s = b[j];
      for (let i = 0, w = j; i < fanIn; i++, w += fanOut) s += input[io + i] * W[w];
      z[zo + j] = s;
    }
  }
}

/** z = input W + b for `rows` rows of `input` from offset `inputOffset`; `scratch` must hold `rows` rows. */
export function dense(
  input: Float64Array, inputOffset: number, rows: number, fanIn: number, fanOut: number,
  W: Float64Array, b: Float64Array, z: Float64Array, scratch: NonZeroRows,
): void {
  if (fanIn * fanOut <= SMALL_LAYER_WEIGHTS) {
    if (scratch.inKernelMemory && accelerated !== null) accelerated.denseSmall(input, inputOffset, rows, fanIn, fanOut, W, b, z);
    else denseSmall(input, inputOffset, rows, fanIn, fanOut, W, b, z);
  }
  else if (accelerated !== null) accelerated.denseLarge(input, inputOffset, rows, fanIn, fanOut, W, b, z);
  else denseLarge(input, inputOffset, rows, fanIn, fanOut, W, b, z, scratch.offsets, scratch.values);
}

/**
 * dL/db_j = (1/rows) sum_r delta[r,j] and dL/dw_ij = (1/rows) sum_r input[r,i] delta[r,j], rows
 * ascending, into gB and gW; `scratch` must hold `rows` rows.
 */
export function weightGradients(
  input: Float64Array, inputOffset: number, rows: number, fanIn: number, fanOut: number,
  delta: Float64Array, gW: Float64Array, gB: Float64Array, scratch: NonZeroRows,
): void {
  if (accelerated !== null && fanIn * fanOut > SMALL_LAYER_WEIGHTS) {
    accelerated.weightGradientsLarge(input, inputOffset, rows, fanIn, fanOut, delta, gW, gB);
    return;
  }
  const invRows = 1 / rows;
  for (let j = 0; j < fanOut; j++) {
    let s = 0;
    for (let r = 0, d = j; r < rows; r++, d += fanOut) s += delta[d];
    gB[j] = s * invRows;
  }
  if (fanIn * fanOut > SMALL_LAYER_WEIGHTS) {
    weightGradLarge(input, inputOffset, rows, fanIn, fanOut, delta, invRows, gW, scratch.offsets, scratch.values);
    return;
  }
  // each dL/dw_ij summed over the batch in a register
  for (let i = 0; i < fanIn; i++) {
    const wo = i * fanOut;
    for (let j = 0; j < fanOut; j++) {
      let s = 0;
      for (let r = 0, ia = inputOffset + i, d = j; r < rows; r++, ia += fanIn, d += fanOut) s += input[ia] * delta[d];
      gW[wo + j] = s * invRows;
    }
  }
}

/**
 * out[r,i] = sum_j w_ij delta[r,j] (j ascending, contiguous in W's row i and in delta's row r):
 * the sum of the delta rule before the factor f'(z_i). With `reluZ` (the z of a ReLU layer below),
 * entries where z <= 0 (or NaN) are set to 0 without summing, since f' = 0 there makes the result
 * 0 anyway (multiplyByDerivative would give the same). `inKernelMemory`: the arrays live in the
 * accelerated kernels' memory, so a small layer goes there too (a large one always does).
 */
export function backpropagate(
  W: Float64Array, fanIn: number, fanOut: number, delta: Float64Array, rows: number, out: Float64Array,
  reluZ: Float64Array | null = null, inKernelMemory = false,
): void {
  if (accelerated !== null && rows >= ACCELERATED_BACKPROP_ROWS && (inKernelMemory || fanIn * fanOut > SMALL_LAYER_WEIGHTS)) {
    accelerated.backpropagate(W, fanIn, fanOut, delta, rows, out, reluZ);
    return;
  }
  for (let r = 0, dOff = 0, bo = 0; r < rows; r++, dOff += fanOut, bo += fanIn) {
    for (let i = 0, wo = 0; i < fanIn; i++, wo += fanOut) {
      if (reluZ !== null && !(reluZ[bo + i] > 0)) {
        out[bo + i] = 0;
      } else {
        let s = 0;
        for (let j = 0; j < fanOut; j++) s += W[wo + j] * delta[dOff + j];
        out[bo + i] = s;
      }
    }
  }
}

/**
 * The rows whose input i is non-zero, for the large-layer kernels: their offsets into a
 * rows x fanOut buffer go to `offsets` and their values to `values`, in row order; returns how many.
 */
function gatherNonZeroRows(
  input: Float64Array, inputOffset: number, rows: number, fanIn: number, fanOut: number, i: number,
  offsets: Int32Array, values: Float64Array,
): number {
  let m = 0;
  for (let r = 0, ia = inputOffset + i; r < rows; r++, ia += fanIn) {
    const ai = input[ia];
    if (ai !== 0) {
      offsets[m] = r * fanOut;
      values[m] = ai;
      m++;
    }
  }
  return m;
}

/**
 * z = input W + b for a layer too large for the register kernel (784 x 128 for MNIST).
 * Input unit i outer, batch rows inner: z[r,:] += x[r,i] W[i,:]. Each row of W is read once
 * per batch (784 x 128 doubles are 800 KB, 25 times L1) while z (rows x fanOut, 32 KB for
 * MNIST's batch of 32) stays in or near L1, and every inner loop is contiguous. Zero inputs (blank
 * pixels, about 80% of MNIST; dead ReLUs) add nothing and are skipped: for each i the rows with
 * a non-zero input are gathered first, then taken four at a time, so one load of w_ij serves
 * four rows. Every z[r,j] is still b_j plus x[r,i] w_ij for i ascending, the same to the bit as
 * a plain row-by-row loop (zeros are skipped, never multiplied, so an infinite weight behind a
 * blank pixel changes nothing either).
 */
function denseLarge(
  input: Float64Array, inputOffset: number, rows: number, fanIn: number, fanOut: number,
  W: Float64Array, b: Float64Array, z: Float64Array, offsets: Int32Array, values: Float64Array,
): void {
  for (let r = 0, zo = 0; r < rows; r++, zo += fanOut) {
    for (let j = 0; j < fanOut; j++) z[zo + j] = b[j];
  }
  for (let i = 0, wo = 0; i < fanIn; i++, wo += fanOut) {
    const m = gatherNonZeroRows(input, inputOffset, rows, fanIn, fanOut, i, offsets, values);
    let k = 0;
    for (; k + 4 <= m; k += 4) {
      const z0 = offsets[k];
      const z1 = offsets[k + 1];
      const z2 = offsets[k + 2];
      const z3 = offsets[k + 3];
      const a0 = values[k];
      const a1 = values[k + 1];
      const a2 = values[k + 2];
      const a3 = values[k + 3];
      for (let j = 0; j < fanOut; j++) {
        const w = W[wo + j];
        z[z0 + j] += a0 * w;
        z[z1 + j] += a1 * w;
        z[z2 + j] += a2 * w;
        z[z3 + j] += a3 * w;
      }
    }
    for (; k < m; k++) {
      const zo = offsets[k];
      const a = values[k];
      for (let j = 0; j < fanOut; j++) z[zo + j] += a * W[wo + j];
    }
  }
}

/**
 * dL/dW = (1/rows) sum_r x[r,:]^T delta[r,:] for a large layer, one row of dL/dW at a time
 * while it is in cache: gW[i,:] = (sum over rows r with x[r,i] != 0, ascending, of
 * x[r,i] delta[r,:]) / rows. As in denseLarge, the non-zero rows of input column i are gathered
 * and taken four at a time (one load and store of gW[i,j] per four products, added in row
 * order); the sums are the same to the bit as one row at a time. A column that is zero in every
 * row gets a zero gradient.
 */
function weightGradLarge(
  input: Float64Array, inputOffset: number, rows: number, fanIn: number, fanOut: number,
  delta: Float64Array, invRows: number, gW: Float64Array, offsets: Int32Array, values: Float64Array,
): void {
  for (let i = 0, wo = 0; i < fanIn; i++, wo += fanOut) {
    const m = gatherNonZeroRows(input, inputOffset, rows, fanIn, fanOut, i, offsets, values);
    if (m === 0) {
      gW.fill(0, wo, wo + fanOut);
      continue;
    }
    // the first product initializes the sum, so no separate clearing pass
    let k = 0;
    if (m >= 4) {
      const d0 = offsets[0];
      const d1 = offsets[1];
      const d2 = offsets[2];
      const d3 = offsets[3];
      const a0 = values[0];
      const a1 = values[1];
      const a2 = values[2];
      const a3 = values[3];
      for (let j = 0; j < fanOut; j++) {
        gW[wo + j] = a0 * delta[d0 + j] + a1 * delta[d1 + j] + a2 * delta[d2 + j] + a3 * delta[d3 + j];
      }
      k = 4;
    } else {
      const d0 = offsets[0];
      const a0 = values[0];
      for (let j = 0; j < fanOut; j++) gW[wo + j] = a0 * delta[d0 + j];
      k = 1;
    }
    for (; k + 4 <= m; k += 4) {
      const d0 = offsets[k];
      const d1 = offsets[k + 1];
      const d2 = offsets[k + 2];
      const d3 = offsets[k + 3];
      const a0 = values[k];
      const a1 = values[k + 1];
      const a2 = values[k + 2];
      const a3 = values[k + 3];
      for (let j = 0; j < fanOut; j++) {
        gW[wo + j] = gW[wo + j] + a0 * delta[d0 + j] + a1 * delta[d1 + j] + a2 * delta[d2 + j] + a3 * delta[d3 + j];
      }
    }
    for (; k < m; k++) {
      const d0 = offsets[k];
      const a0 = values[k];
      for (let j = 0; j < fanOut; j++) gW[wo + j] += a0 * delta[d0 + j];
    }
    for (let j = 0; j < fanOut; j++) gW[wo + j] *= invRows;
  }
}
