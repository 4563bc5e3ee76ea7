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
 * The loops work one example at a time on its patch matrix (im2col): row p = (oy, ox) holds the
 * K = C * kernelH * kernelW inputs that output position sees, in W's (c, ky, kx) order, with 0
 * for padding. Then every formula is a dense one with long contiguous inner loops:
 *   forward   z[o][p] = b_o + sum_k patch[p][k] W[o][k]
 *   weights   dW[o][k] += delta[o][p] patch[p][k]           (skipping delta = 0, as ReLU makes)
 *   delta     dPatch[p][k] = sum_o delta[o][p] W[o][k], added back to the inputs patch p came from.
 * The patch matrix of one example (OH*OW*K values: 14,400 for MNIST's first 5x5 layer) stays in
 * cache; it is rebuilt for the backward pass rather than kept for a whole batch.
 * Every sum runs in a fixed order (k ascending; examples, then positions, for the gradients), so
 * results are the same to the bit however often they are computed.
 */
import type { WindowGeometry } from './imageShapes';

/** A conv layer's sizes: input maps C x H x W, output maps O x OH x OW, its window, and its patch scratch. */
export interface ConvGeometry {
  inChannels: number;
  inHeight: number;
  inWidth: number;
  filters: number;
  outHeight: number;
  outWidth: number;
  window: WindowGeometry;
  /** Inputs one output position sees: C * kernelH * kernelW. */
  patchSize: number;
  /** One example's patch matrix, OH*OW rows of patchSize (im2col), and one patch's gradient. */
  patches: Float64Array;
  patchGradient: Float64Array;
}

/** The geometry of a conv layer from its planned input shape, filters and window. */
export function convGeometry(input: readonly [number, number, number], output: readonly [number, number, number], window: WindowGeometry): ConvGeometry {
  const [inChannels, inHeight, inWidth] = input;
  const [filters, outHeight, outWidth] = output;
  const patchSize = inChannels * window.kernelH * window.kernelW;
  return {
    inChannels, inHeight, inWidth, filters, outHeight, outWidth, window, patchSize,
    patches: new Float64Array(outHeight * outWidth * patchSize),
    patchGradient: new Float64Array(patchSize),
  };
}

/** Fills g.patches with the patch matrix of the example at `x0` in `input` (zeros for padding). */
function im2col(input: Float64Array, x0: number, g: ConvGeometry): void {
  const { inChannels: C, inHeight: H, inWidth: W, outHeight: OH, outWidth: OW, patches } = g;
  const { kernelH: KH, kernelW: KW, strideH: SH, strideW: SW, padTop: PT, padLeft: PL } = g.window;
  let k = 0;
  for (let oy = 0; oy < OH; oy++) {
    for (let ox = 0; ox < OW; ox++) {
      const left = ox * SW - PL;
      for (let c = 0; c < C; c++) {
        for (let ky = 0; ky < KH; ky++) {
          const iy = oy * SH + ky - PT;
          if (iy < 0 || iy >= H) {
            patches.fill(0, k, k + KW);
            k += KW;
            continue;
          }
          const rowStart = x0 + (c * H + iy) * W;
          for (let kx = 0; kx < KW; kx++, k++) {
            const ix = left + kx;
            patches[k] = ix >= 0 && ix < W ? input[rowStart + ix] : 0;
          }
        }
      }
    }
  }
}

/** z = conv(input) + b for `rows` rows of `input` from `inputOffset`; z is rows x O*OH*OW. */
export function convForward(
  input: Float64Array, inputOffset: number, rows: number, g: ConvGeometry,
  W: Float64Array, b: Float64Array, z: Float64Array,
): void {
  const { filters: O, patchSize: K, patches } = g;
  const plane = g.outHeight * g.outWidth;
  const inSize = g.inChannels * g.inHeight * g.inWidth;
  for (let r = 0; r < rows; r++) {
    im2col(input, inputOffset + r * inSize, g);
    const z0 = r * O * plane;
    for (let p = 0; p < plane; p++) {
      const pk = p * K;
      let o = 0;
      // four filters per pass over the patch: four independent sums, one load of each input
      for (; o + 4 <= O; o += 4) {
        const k0 = o * K;
        const k1 = k0 + K;
        const k2 = k1 + K;
        const k3 = k2 + K;
        let s0 = b[o];
        let s1 = b[o + 1];
        let s2 = b[o + 2];
        let s3 = b[o + 3];
        for (let k = 0; k < K; k++) {
          const v = patches[pk + k];
          s0 += v * W[k0 + k];
          s1 += v * W[k1 + k];
          s2 += v * W[k2 + k];
          s3 += v * W[k3 + k];
        }
        const zo = z0 + o * plane + p;
        z[zo] = s0;
        z[zo + plane] = s1;
        z[zo + 2 * plane] = s2;
        z[zo + 3 * plane] = s3;
      }
      for (; o < O; o++) {
        const ok = o * K;
        let s = b[o];
        for (let k = 0; k < K; k++) s += patches[pk + k] * W[ok + k];
        z[z0 + o * plane + p] = s;
      }
    }
  }
}

/**
 * dL/dW[o][k] = mean over the batch of sum_p delta[o][p] patch[p][k],
 * dL/db[o] = mean over the batch of sum_p delta[o][p].
 */
export function convWeightGradients(
  input: Float64Array, inputOffset: number, rows: number, g: ConvGeometry,
  delta: Float64Array, gW: Float64Array, gB: Float64Array,
): void {
  const { filters: O, patchSize: K, patches } = g;
  const plane = g.outHeight * g.outWidth;
  const inSize = g.inChannels * g.inHeight * g.inWidth;
  const invRows = 1 / rows;
  gW.fill(0);
  gB.fill(0);
  for (let r = 0; r < rows; r++) {
    im2col(input, inputOffset + r * inSize, g);
    const d0 = r * O * plane;
    for (let o = 0; o < O; o++) {
      const ok = o * K;
      const dO = d0 + o * plane;
      let sb = 0;
      for (let p = 0; p < plane; p++) {
        const d = delta[dO + p];
        if (d === 0) continue;
        sb += d;
        const pk = p * K;
        for (let k = 0; k < K; k++) gW[ok + k] += d * patches[pk + k];
      }
      gB[o] += sb;
    }
  }
  for (let k = 0; k < gW.length; k++) gW[k] *= invRows;
  for (let o = 0; o < O; o++) gB[o] *= invRows;
}

/**
 * out = dL/d(input) before the layer below's f': each position's patch gradient
 * sum_o delta[o][p] W[o][k] added back to the inputs (c, iy, ix) its patch came from; padding's
 * share is dropped. `out` is rows x C*H*W and is overwritten.
 */
export function convBackpropagate(W: Float64Array, g: ConvGeometry, delta: Float64Array, rows: number, out: Float64Array): void {
  const { inChannels: C, inHeight: H, inWidth: Wd, filters: O, outHeight: OH, outWidth: OW, patchSize: K, patchGradient } = g;
  const { kernelH: KH, kernelW: KW, strideH: SH, strideW: SW, padTop: PT, padLeft: PL } = g.window;
  const inSize = C * H * Wd;
  const plane = OH * OW;
  out.fill(0, 0, rows * inSize);
  for (let r = 0; r < rows; r++) {
    const x0 = r * inSize;
    const d0 = r * O * plane;
    for (let oy = 0; oy < OH; oy++) {
      for (let ox = 0; ox < OW; ox++) {
        const p = oy * OW + ox;
        patchGradient.fill(0);
        let any = false;
        for (let o = 0; o < O; o++) {
          const d = delta[d0 + o * plane + p];
          if (d === 0) continue;
          any = true;
          const ok = o * K;
          for (let k = 0; k < K; k++) patchGradient[k] += d * W[ok + k];
        }
        if (!any) continue;
        const left = ox * SW - PL;
        let k = 0;
        for (let c = 0; c < C; c++) {
          for (let ky = 0; ky < KH; ky++) {
            const iy = oy * SH + ky - PT;
            if (iy < 0 || iy >= H) {
              k += KW;
              continue;
            }
            const rowStart = x0 + (c * H + iy) * Wd;
            for (let kx = 0; kx < KW; kx++, k++) {
              const ix = left + kx;
              if (ix >= 0 && ix < Wd) out[rowStart + ix] += patchGradient[k];
            }
          }
        }
      }
    }
  }
}
