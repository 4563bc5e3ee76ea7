/**
 * log(1 + e^-|v|), the stable part of the binary cross-entropy from the logit (losses.ts), without
 * V8's C++ Math.log and Math.exp (about 20 ns a row together: a third of a 2-8-8-1 landscape point).
 * fdlibm's algorithms, written out so that the WebAssembly kernel (assembly/kernels.ts, bceSum)
 * performs the same operations in the same order and gives the same bits:
 *   w = e^-|v|  x = k ln2 + r, |r| <= ln2/2, e^r from the degree-5 minimax polynomial in r^2, times 2^k
 *   log(1 + w)  m = 1 + w in (1, 2]; above sqrt(2) halved (j = 1); f = m - 1, s = f / (2 + f), the
 *               degree-14 minimax polynomial in s, plus j ln2
 * Each within 1 ulp; the result within 2.5e-16 relative of Math.log(1 + Math.exp(-|v|))
 * (tests/unit/nn/softplus.test.ts). From |v| >= 40 on, 1 + w rounds to 1: the value is 0, as there.
 */
import { ROUNDING_SHIFT } from './fastTanh';

const LN2_HI = 6.93147180369123816490e-1;
const LN2_LO = 1.90821492927058770002e-10;
const INV_LN2 = 1.44269504088896338700;
const SQRT2 = 1.41421356237309514547;
/** e^r's polynomial (fdlibm's P1..P5). */
const P1 = 1.66666666666666019037e-1;
const P2 = -2.77777777770155933842e-3;
const P3 = 6.61375632143793436117e-5;
const P4 = -1.65339022054652515390e-6;
const P5 = 4.13813679705723846039e-8;
/** log's polynomial (fdlibm's Lg1..Lg7). */
const LG1 = 6.666666666666735130e-1;
const LG2 = 3.999999999940941908e-1;
const LG3 = 2.857142874366239149e-1;
const LG4 = 2.222219843214978396e-1;
const LG5 = 1.818357216161805012e-1;
const LG6 = 1.531383769920937332e-1;
const LG7 = 1.479819860511658591e-1;
/** 2^-k for k in 0..MAX_K (|v| < 40 needs k <= 58). */
const MAX_K = 64;
const POW2_NEG = Float64Array.from({ length: MAX_K + 1 }, (_, k) => 2 ** -k);

export function softplusOfNegAbs(v: number): number {
  const ax = Math.abs(v);
  // NaN stays NaN
  if (!(ax < 40)) return ax >= 40 ? 0 : v;
  // e^-ax: k = round(ax / ln2) (ties to even, as the SIMD kernel rounds), x = -ax = -k ln2 + r
  const k = ax * INV_LN2 + ROUNDING_SHIFT - ROUNDING_SHIFT;
  const hi = k * LN2_HI - ax;
  const lo = k * LN2_LO;
  const r = hi + lo;
  const t = r * r;
  const c = r - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
  const w = (1 - (-lo - (r * c) / (2 - c) - hi)) * POW2_NEG[k];
  // log(1 + w)
  const m = 1 + w;
  const j = m > SQRT2 ? 1 : 0;
  const f = (j === 1 ? m * 0.5 : m) - 1;
  const s = f / (2 + f);
  const hfsq = 0.5 * f * f;
  const z = s * s;
  const z2 = z * z;
  const R = z * (LG1 + z2 * (LG3 + z2 * (LG5 + z2 * LG7))) + z2 * (LG2 + z2 * (LG4 + z2 * LG6));
  return j * LN2_HI - ((hfsq - (s * (hfsq + R) + j * LN2_LO)) - f);
}
