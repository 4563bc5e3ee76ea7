/**
 * The convolution layer's three loops, on NCHW batches flattened row by row (one row = one
 * example's C x H x W maps) and weights in ONNX's order W[o][c][ky][kx] (o = filter, c = input
 * channel), at W[((o * C + c) * kernelH + ky) * kernelW + kx]; one bias per filter.
 *
 * A conv layer is a dense layer whose unit j = (o, oy, ox) sees only the window of inputs
 * i = (c, oy*sh + ky - padTop, ox*sw + kx - padLeft) and whose weight w_ij = W[o][c][ky][kx] is
 * the same for every position (oy, ox): shared weights. The lecture's rules then read:
 *   forward   z_j = b_o + sum_i w_ij a_i: the cross-correlation of the input with each filter
 *             (no kernel flip: what ONNX Conv and torch's conv2d compute);
 *   weights   dL/dw = sum over every pair (i, j) that shares w of a_i delta_j: the weight's one
 *             gradient is the sum of the dense rule over all positions, i.e. the correlation of
 *             the input with the delta maps (mean over the batch, as for dense layers);
 *   delta     delta_i = f'(z_i) sum_j w_ij delta_j, summing over the units j whose window holds i:
 *             the delta maps correlated with the 180°-rotated kernel (a "full" convolution,
 *             the transposed convolution), then times f'. backpropagate computes the sum.
 * Zero padding contributes inputs of 0, so the loops only visit positions inside the image:
 * convGeometry's ranges give, for each kernel offset, the outputs whose input falls inside.
 * Every sum runs over c, ky, kx ascending (and the batch, then oy, ox, for the gradients), so
 * results are the same to the bit however often they are computed.
 */
import type { WindowGeometry } from './imageShapes';

/** A conv layer's sizes: input maps C x H x W, output maps O x OH x OW, its window, and validRange per kernel offset. */
export interface ConvGeometry {
  inChannels: number;
  inHeight: number;
  inWidth: number;
  filters: number;
  outHeight: number;
  outWidth: number;
  window: WindowGeometry;
  /** For kernel row ky: the output rows [rowFirst[ky], rowLast[ky]] whose input row is inside the image. */
  rowFirst: Int32Array;
  rowLast: Int32Array;
  /** The same for kernel column kx and output columns. */
  colFirst: Int32Array;
  colLast: Int32Array;
}

/**
 * Outputs o in [first, last] whose input o * stride + k - pad lies in [0, n): for kernel offset
 * k, the rest read padding. Empty when first > last.
 */
function validRanges(kernel: number, stride: number, pad: number, n: number, out: number): [Int32Array, Int32Array] {
  const first = new Int32Array(kernel);
  const last = new Int32Array(kernel);
  for (let k = 0; k < kernel; k++) {
    first[k] = Math.max(0, Math.ceil((pad - k) / stride));
    last[k] = Math.min(out - 1, Math.floor((n - 1 + pad - k) / stride));
  }
  return [first, last];
}

/** The geometry of a conv layer from its planned input shape, filters and window. */
export function convGeometry(input: readonly [number, number, number], output: readonly [number, number, number], window: WindowGeometry): ConvGeometry {
  const [inChannels, inHeight, inWidth] = input;
  const [filters, outHeight, outWidth] = output;
  const [rowFirst, rowLast] = validRanges(window.kernelH, window.strideH, window.padTop, inHeight, outHeight);
  const [colFirst, colLast] = validRanges(window.kernelW, window.strideW, window.padLeft, inWidth, outWidth);
  return { inChannels, inHeight, inWidth, filters, outHeight, outWidth, window, rowFirst, rowLast, colFirst, colLast };
}

/** z = conv(input) + b for `rows` rows of `input` from `inputOffset`; z is rows x O*OH*OW. */
export function convForward(
  input: Float64Array, inputOffset: number, rows: number, g: ConvGeometry,
  W: Float64Array, b: Float64Array, z: Float64Array,
): void {
  const { inChannels: C, inHeight: H, inWidth: Wd, filters: O, outHeight: OH, outWidth: OW } = g;
  const { kernelH: KH, kernelW: KW, strideH: SH, strideW: SW, padTop: PT, padLeft: PL } = g.window;
  const inSize = C * H * Wd;
  const plane = OH * OW;
  for (let r = 0; r < rows; r++) {
    const x0 = inputOffset + r * inSize;
    const z0 = r * O * plane;
    for (let o = 0; o < O; o++) {
      const zo = z0 + o * plane;
      z.fill(b[o], zo, zo + plane);
      for (let c = 0; c < C; c++) {
        const xc = x0 + c * H * Wd;
        const wc = (o * C + c) * KH * KW;
        for (let ky = 0; ky < KH; ky++) {
          const oy0 = g.rowFirst[ky];
          const oy1 = g.rowLast[ky];
          for (let kx = 0; kx < KW; kx++) {
            const ox0 = g.colFirst[kx];
            const ox1 = g.colLast[kx];
            const w = W[wc + ky * KW + kx];
            for (let oy = oy0; oy <= oy1; oy++) {
              const xRow = xc + (oy * SH + ky - PT) * Wd + kx - PL;
              const zRow = zo + oy * OW;
              for (let ox = ox0; ox <= ox1; ox++) z[zRow + ox] += w * input[xRow + ox * SW];
            }
          }
        }
      }
    }
  }
}

/**
 * dL/dW[o][c][ky][kx] = mean over the batch of sum_{oy,ox} delta[o][oy][ox] x[c][oy*sh+ky-pt][ox*sw+kx-pl],
 * dL/db[o] = mean over the batch of sum_{oy,ox} delta[o][oy][ox].
 */
export function convWeightGradients(
  input: Float64Array, inputOffset: number, rows: number, g: ConvGeometry,
  delta: Float64Array, gW: Float64Array, gB: Float64Array,
): void {
  const { inChannels: C, inHeight: H, inWidth: Wd, filters: O, outHeight: OH, outWidth: OW } = g;
  const { kernelH: KH, kernelW: KW, strideH: SH, strideW: SW, padTop: PT, padLeft: PL } = g.window;
  const inSize = C * H * Wd;
  const plane = OH * OW;
  const invRows = 1 / rows;
  for (let o = 0; o < O; o++) {
    let sb = 0;
    for (let r = 0; r < rows; r++) {
      const d0 = (r * O + o) * plane;
      for (let p = 0; p < plane; p++) sb += delta[d0 + p];
    }
    gB[o] = sb * invRows;
    for (let c = 0; c < C; c++) {
      for (let ky = 0; ky < KH; ky++) {
        const oy0 = g.rowFirst[ky];
        const oy1 = g.rowLast[ky];
        for (let kx = 0; kx < KW; kx++) {
          const ox0 = g.colFirst[kx];
          const ox1 = g.colLast[kx];
          let s = 0;
          for (let r = 0; r < rows; r++) {
            const xc = inputOffset + r * inSize + c * H * Wd;
            const d0 = (r * O + o) * plane;
            for (let oy = oy0; oy <= oy1; oy++) {
              const xRow = xc + (oy * SH + ky - PT) * Wd + kx - PL;
              const dRow = d0 + oy * OW;
              for (let ox = ox0; ox <= ox1; ox++) s += delta[dRow + ox] * input[xRow + ox * SW];
            }
          }
          gW[((o * C + c) * KH + ky) * KW + kx] = s * invRows;
        }
      }
    }
  }
}

/**
 * out = dL/d(input) before the layer below's f': out[c][iy][ix] = sum over (o, ky, kx) of
 * W[o][c][ky][kx] delta[o][oy][ox] for the outputs whose window holds (iy, ix). `out` is
 * rows x C*H*W and is overwritten.
 */
export function convBackpropagate(W: Float64Array, g: ConvGeometry, delta: Float64Array, rows: number, out: Float64Array): void {
  const { inChannels: C, inHeight: H, inWidth: Wd, filters: O, outHeight: OH, outWidth: OW } = g;
  const { kernelH: KH, kernelW: KW, strideH: SH, strideW: SW, padTop: PT, padLeft: PL } = g.window;
  const inSize = C * H * Wd;
  const plane = OH * OW;
  out.fill(0, 0, rows * inSize);
  for (let r = 0; r < rows; r++) {
    for (let o = 0; o < O; o++) {
      const d0 = (r * O + o) * plane;
      for (let c = 0; c < C; c++) {
        const xc = r * inSize + c * H * Wd;
        const wc = (o * C + c) * KH * KW;
        for (let ky = 0; ky < KH; ky++) {
          const oy0 = g.rowFirst[ky];
          const oy1 = g.rowLast[ky];
          for (let kx = 0; kx < KW; kx++) {
            const ox0 = g.colFirst[kx];
            const ox1 = g.colLast[kx];
            const w = W[wc + ky * KW + kx];
            for (let oy = oy0; oy <= oy1; oy++) {
              const xRow = xc + (oy * SH + ky - PT) * Wd + kx - PL;
              const dRow = d0 + oy * OW;
              for (let ox = ox0; ox <= ox1; ox++) out[xRow + ox * SW] += w * delta[dRow + ox];
            }
          }
        }
      }
    }
  }
}
