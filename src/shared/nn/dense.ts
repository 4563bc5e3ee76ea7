/**
 * The dense layer kernel for small layers, shared by the engine's forward pass and the
 * landscape evaluator so both add in the same order and agree to the bit.
 */

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
export function denseSmall(
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
