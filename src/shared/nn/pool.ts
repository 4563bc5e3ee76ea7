/**
 * Max and average pooling over NCHW batches (rows of C x H x W maps), channel by channel, with
 * no padding (a pool's window always lies inside the image: imageShapes.ts refuses the rest).
 * Pools have no parameters; backward only routes the delta down:
 *   max      the one input that was the window's maximum gets the output's delta (the first
 *            maximum in row-major order on ties; a NaN wins, as in torch), recorded in `argmax`;
 *   average  every input of the window gets delta / (kernelH * kernelW).
 * Overlapping windows (stride below the window) add their contributions.
 */
import type { WindowGeometry } from './imageShapes';

export interface PoolGeometry {
  channels: number;
  inHeight: number;
  inWidth: number;
  outHeight: number;
  outWidth: number;
  window: WindowGeometry;
}

/** out = max of each window; argmax[row * outSize + k] = the winning input's index within its row. */
export function maxPoolForward(input: Float64Array, inputOffset: number, rows: number, g: PoolGeometry, out: Float64Array, argmax: Int32Array): void {
  const { channels: C, inHeight: H, inWidth: W, outHeight: OH, outWidth: OW } = g;
  const { kernelH: KH, kernelW: KW, strideH: SH, strideW: SW } = g.window;
  const inSize = C * H * W;
  const outSize = C * OH * OW;
  for (let r = 0; r < rows; r++) {
    const x0 = inputOffset + r * inSize;
    let k = r * outSize;
    for (let c = 0; c < C; c++) {
      const xc = c * H * W;
      for (let oy = 0; oy < OH; oy++) {
        for (let ox = 0; ox < OW; ox++, k++) {
          const corner = xc + oy * SH * W + ox * SW;
          let best = corner;
          let max = input[x0 + corner];
          for (let ky = 0; ky < KH; ky++) {
            for (let kx = 0; kx < KW; kx++) {
              const i = corner + ky * W + kx;
              const v = input[x0 + i];
              if (v > max || (v !== v && max === max)) {
                max = v;
                best = i;
              }
            }
          }
          out[k] = max;
          argmax[k] = best;
        }
      }
    }
  }
}

/** dInput (rows x C*H*W, overwritten): each output's delta added to its window's maximum. */
export function maxPoolBackpropagate(delta: Float64Array, rows: number, g: PoolGeometry, argmax: Int32Array, dInput: Float64Array): void {
  const inSize = g.channels * g.inHeight * g.inWidth;
  const outSize = g.channels * g.outHeight * g.outWidth;
  dInput.fill(0, 0, rows * inSize);
  for (let r = 0; r < rows; r++) {
    const x0 = r * inSize;
    for (let k = r * outSize, end = k + outSize; k < end; k++) dInput[x0 + argmax[k]] += delta[k];
  }
}

/** out = mean of each window (kernelH * kernelW inputs, all inside the image). */
export function avgPoolForward(input: Float64Array, inputOffset: number, rows: number, g: PoolGeometry, out: Float64Array): void {
  const { channels: C, inHeight: H, inWidth: W, outHeight: OH, outWidth: OW } = g;
  const { kernelH: KH, kernelW: KW, strideH: SH, strideW: SW } = g.window;
  const inSize = C * H * W;
  const outSize = C * OH * OW;
  const inv = 1 / (KH * KW);
  for (let r = 0; r < rows; r++) {
    const x0 = inputOffset + r * inSize;
    let k = r * outSize;
    for (let c = 0; c < C; c++) {
      const xc = x0 + c * H * W;
      for (let oy = 0; oy < OH; oy++) {
        for (let ox = 0; ox < OW; ox++, k++) {
          const corner = xc + oy * SH * W + ox * SW;
          let s = 0;
          for (let ky = 0; ky < KH; ky++) {
            for (let kx = 0; kx < KW; kx++) s += input[corner + ky * W + kx];
          }
          out[k] = s * inv;
        }
      }
    }
  }
}

/** dInput (rows x C*H*W, overwritten): each output's delta / (kernelH * kernelW) added to its whole window. */
export function avgPoolBackpropagate(delta: Float64Array, rows: number, g: PoolGeometry, dInput: Float64Array): void {
  const { channels: C, inHeight: H, inWidth: W, outHeight: OH, outWidth: OW } = g;
  const { kernelH: KH, kernelW: KW, strideH: SH, strideW: SW } = g.window;
  const inSize = C * H * W;
  const outSize = C * OH * OW;
  const inv = 1 / (KH * KW);
  dInput.fill(0, 0, rows * inSize);
  for (let r = 0; r < rows; r++) {
    let k = r * outSize;
    for (let c = 0; c < C; c++) {
      const xc = r * inSize + c * H * W;
      for (let oy = 0; oy < OH; oy++) {
        for (let ox = 0; ox < OW; ox++, k++) {
          const corner = xc + oy * SH * W + ox * SW;
          const share = delta[k] * inv;
          for (let ky = 0; ky < KH; ky++) {
            for (let kx = 0; kx < KW; kx++) dInput[corner + ky * W + kx] += share;
          }
        }
      }
    }
  }
}
