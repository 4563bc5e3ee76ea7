/**
 * tanh without calls into V8's C++ Math.tanh / Math.exp (20-45 ns each, more than the rest of a
 * small tanh layer), and with a single division, so that its SIMD twin (assembly/kernels.ts, tanh2)
 * is fast too: the landscape's forward passes are mostly tanh, and divisions were most of tanh.
 *   |x| < 19.5:  t = u / (u + 2) with u = expm1(2|x|), then the sign of x
 *   otherwise:   +-1 (tanh(19.5) is 1 to double precision); NaN gives NaN, -0 gives -0
 * expm1(y): y = k ln2 + r with |r| <= ln2/2 (ln2 split in two so k*LN2_HI is exact),
 * expm1(r) = r + r^2 q(r) with q the Taylor series to r^11/13! (truncation below 1e-17 relative,
 * evaluated in Estrin's order),
 * and expm1(y) = 2^k expm1(r) + (2^k - 1), exact for k = 0, so small x keep their relative
 * accuracy. Relative error at most 5.2e-16 (2.3 ulp) from Math.tanh, measured over [-25, 25]
 * (tests/unit/nn/fastTanh.test.ts). The WebAssembly kernel performs the same operations in the
 * same order, so both give the same bits.
 */
const LN2_HI = 6.93147180369123816490e-1;
const LN2_LO = 1.90821492927058770002e-10;
const INV_LN2 = 1.44269504088896338700;
/** 1/n! for n = 2..13, the Taylor coefficients of q(r) = (expm1(r) - r) / r^2. */
const C2 = 1 / 2;
const C3 = 1 / 6;
const C4 = 1 / 24;
const C5 = 1 / 120;
const C6 = 1 / 720;
const C7 = 1 / 5040;
const C8 = 1 / 40320;
const C9 = 1 / 362880;
const C10 = 1 / 3628800;
const C11 = 1 / 39916800;
const C12 = 1 / 479001600;
const C13 = 1 / 6227020800;
const MAX_K = 64;
/** 2^k for k in 0..MAX_K: 2|x| < 39 needs k <= 57. */
const POW2 = Float64Array.from({ length: MAX_K + 1 }, (_, k) => 2 ** k);

export function tanhInPlace(z: Float64Array, a: Float64Array, n: number): void {
  for (let k = 0; k < n; k++) a[k] = fastTanh(z[k]);
}

export function fastTanh(x: number): number {
  const ax = Math.abs(x);
  // NaN stays NaN, so a diverged run is still seen as diverged
  if (!(ax < 19.5)) return ax >= 19.5 ? (x < 0 ? -1 : 1) : x;
  const u = expm1Below39(ax + ax);
  const t = u / (u + 2);
  return x < 0 ? -t : x === 0 ? x : t;
}

/** 1.5 * 2^52: adding and subtracting it rounds a double below 2^51 to the nearest integer (ties to even). */
export const ROUNDING_SHIFT = 6755399441055744;

/**
 * e^y - 1 for 0 <= y < 39. k = round(y / ln2) by ROUNDING_SHIFT, as the SIMD kernel rounds
 * (it reads 2^k's exponent from the low bits of the shifted sum).
 */
export function expm1Below39(y: number): number {
  const k = y * INV_LN2 + ROUNDING_SHIFT - ROUNDING_SHIFT;
  const r = (y - k * LN2_HI) - k * LN2_LO;
  // Estrin's order: short chains of dependent operations, which the SIMD twin needs to be fast
  const r2 = r * r;
  const r4 = r2 * r2;
  const q03 = (C2 + C3 * r) + (C4 + C5 * r) * r2;
  const q47 = (C6 + C7 * r) + (C8 + C9 * r) * r2;
  const q8B = (C10 + C11 * r) + (C12 + C13 * r) * r2;
  const q = q03 + (q47 + q8B * r4) * r4;
  const e = r + r2 * q;
  const p = POW2[k];
  return p * e + (p - 1);
}
