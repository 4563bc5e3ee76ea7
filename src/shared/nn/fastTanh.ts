/**
 * tanh without calls into V8's C++ Math.tanh / Math.exp, which cost 20-45 ns each on a 2-core
 * Xeon and dominate the forward pass of a small tanh network. Cephes' tanh (relative error
 * at most 4e-16 from Math.tanh, measured over [-25, 25]):
 *   |x| < 0.625:   x + x^3 P(x^2) / Q(x^2)
 *   |x| < 19.5:    1 - 2 / (exp(2|x|) + 1), with fdlibm's exp written out in JavaScript
 *   otherwise:     1 (tanh(19.5) is 1 to double precision)
 * with the sign of x; NaN gives NaN.
 */
const LN2_HI = 6.93147180369123816490e-1;
const LN2_LO = 1.90821492927058770002e-10;
const INV_LN2 = 1.44269504088896338700;
const MAX_K = 64;
/** 2^k for k in 0..MAX_K: exp(2|x|) with |x| < 19.5 needs k <= 57. */
const POW2 = Float64Array.from({ length: MAX_K + 1 }, (_, k) => 2 ** k);

export function tanhInPlace(z: Float64Array, a: Float64Array, n: number): void {
  for (let k = 0; k < n; k++) {
    const x = z[k];
    const ax = Math.abs(x);
    let t: number;
    if (ax < 0.625) {
      const s = x * x;
      t = x + (x * s * ((-9.64399179425052238628e-1 * s - 9.92877231001918586564e1) * s - 1.61468768441708447952e3))
        / (((s + 1.12811678491632931402e2) * s + 2.23548839060100448583e3) * s + 4.84406305325125486048e3);
    } else if (ax < 19.5) {
      t = 1 - 2 / (expPositive(2 * ax) + 1);
      if (x < 0) t = -t;
    } else if (ax >= 19.5) {
      t = x < 0 ? -1 : 1;
    } else {
      // NaN stays NaN, so a diverged run is still seen as diverged
      t = x;
    }
    a[k] = t;
  }
}

/**
 * e^x for 0 <= x < 40, as fdlibm's __ieee754_exp: x = k ln2 + r with |r| <= ln2/2 (ln2 split
 * in two so k*LN2_HI is exact), e^r from a degree-5 minimax polynomial in r^2, times 2^k.
 * Error below 1 ulp.
 */
export function expPositive(x: number): number {
  // k = round(x / ln2) as trunc(x/ln2 + 1/2), a few ns cheaper per call than Math.round in
  // V8's optimized code. For x/ln2 >= 1/2 (tanh calls this with x >= 1.25) rounding the sum
  // never crosses an integer and truncation is floor, so k is Math.round's. Below, only x/ln2
  // just under 1/2 can round up to k = 1, still a valid reduction (|r| <= ln2/2 + 1 ulp).
  const k = (x * INV_LN2 + 0.5) | 0;
  const hi = x - k * LN2_HI;
  const lo = k * LN2_LO;
  const r = hi - lo;
  const t = r * r;
  const c = r - t * (1.66666666666666019037e-1 + t * (-2.77777777770155933842e-3 + t * (6.61375632143793436117e-5
    + t * (-1.65339022054652515390e-6 + t * 4.13813679705723846039e-8))));
  return (1 - (lo - (r * c) / (2 - c) - hi)) * POW2[k];
}
