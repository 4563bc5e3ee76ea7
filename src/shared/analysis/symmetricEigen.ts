/**
 * Eigen-decomposition of a small symmetric matrix by the cyclic Jacobi method (Golub & Van Loan,
 * "Matrix Computations", 8.5): each rotation in the (p, q) plane zeroes a_pq, with
 *   theta = (a_qq - a_pp) / (2 a_pq),  t = sign(theta) / (|theta| + sqrt(theta^2 + 1)),
 *   c = 1 / sqrt(t^2 + 1),  s = t c,
 * and the sweeps repeat until the off-diagonal mass is negligible. O(m^3) per sweep and a
 * handful of sweeps: exact to rounding, fine for the m <= a few hundred that PCA hands it.
 */

export interface SymmetricEigen {
  /** Eigenvalues, largest first. */
  values: Float64Array;
  /** Eigenvectors, unit length, in the order of `values`. */
  vectors: Float64Array[];
}

const MAX_SWEEPS = 100;

/** `matrix` is m x m row-major and symmetric; it is not modified. */
export function symmetricEigen(matrix: Float64Array, m: number): SymmetricEigen {
  const a = matrix.slice();
  // v holds the accumulated rotations; column k ends as eigenvector k
  const v = new Float64Array(m * m);
  for (let i = 0; i < m; i++) v[i * m + i] = 1;
  let scale = 0;
  for (let k = 0; k < a.length; k++) scale += a[k] * a[k];
  const tolerance = scale * 1e-32;
  for (let sweep = 0; sweep < MAX_SWEEPS; sweep++) {
    let off = 0;
    for (let p = 0; p < m; p++) for (let q = p + 1; q < m; q++) off += a[p * m + q] * a[p * m + q];
    if (off <= tolerance) break;
    for (let p = 0; p < m - 1; p++) {
      for (let q = p + 1; q < m; q++) {
        const apq = a[p * m + q];
        if (apq === 0) continue;
        const theta = (a[q * m + q] - a[p * m + p]) / (2 * apq);
        const t = (theta >= 0 ? 1 : -1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        rotate(a, v, m, p, q, c, s);
      }
    }
  }
  const order = Array.from({ length: m }, (_, k) => k).sort((i, j) => a[j * m + j] - a[i * m + i]);
  return {
    values: Float64Array.from(order, (k) => a[k * m + k]),
    vectors: order.map((k) => Float64Array.from({ length: m }, (_, i) => v[i * m + k])),
  };
}

/** A <- J^T A J and V <- V J for the rotation J in the (p, q) plane. */
function rotate(a: Float64Array, v: Float64Array, m: number, p: number, q: number, c: number, s: number): void {
  for (let k = 0; k < m; k++) {
    const akp = a[k * m + p];
    const akq = a[k * m + q];
    a[k * m + p] = c * akp - s * akq;
    a[k * m + q] = s * akp + c * akq;
  }
  for (let k = 0; k < m; k++) {
    const apk = a[p * m + k];
    const aqk = a[q * m + k];
    a[p * m + k] = c * apk - s * aqk;
    a[q * m + k] = s * apk + c * aqk;
  }
  for (let k = 0; k < m; k++) {
    const vkp = v[k * m + p];
    const vkq = v[k * m + q];
    v[k * m + p] = c * vkp - s * vkq;
    v[k * m + q] = s * vkp + c * vkq;
  }
}
