/**
 * Principal component analysis of n points in `dim` dimensions, used both for the optimizer's
 * path through parameter space (n checkpoints, dim = all parameters) and for hidden
 * representations (n data rows, dim = units of a layer).
 *
 * The points are centred on their mean, X (n x dim). The principal directions are the top
 * eigenvectors of X^T X; when dim > n they come from the n x n Gram matrix instead
 * (G = X X^T = U L U^T gives X^T X v = l v for v = X^T u / sqrt(l)), so a path of 100
 * checkpoints of a 100,000-parameter net costs a 100 x 100 eigenproblem, not a 100,000-wide one.
 * Explained variance ratio of component k: l_k / trace(X^T X), the sum over all components being 1.
 *
 * Eigenvalues come out accurate to about eps * l_1 (rounding in X^T X or in the Gram matrix), so
 * a component is kept only when l_k > RELATIVE_FLOOR * l_1; below that its eigenvector is noise
 * (for rank-1 data the Gram branch returned d2 = 0 or +-d1). The kept directions are
 * re-orthogonalized (Gram–Schmidt, twice) and the rest completed by unit vectors orthogonal to
 * them, with explained ratio 0, so the axes are always unit and mutually orthogonal and
 * `rank` says how many of them carry variance (for a path, rank 1 means it is a line).
 */
import { mulberry32 } from '../nn/rng';
import { symmetricEigen } from './symmetricEigen';
import { dot, norm } from './vectors';

export interface PcaResult {
  /** The mean point, subtracted before the analysis. */
  mean: Float64Array;
  /** Unit principal directions, most variance first; each `dim` long, mutually orthogonal. */
  components: Float64Array[];
  /** Fraction of the total variance along each component (l_k / trace); 0 for a completing axis. */
  explainedVarianceRatio: Float64Array;
  /**
   * How many of the components carry variance (<= k); the rest complete the orthonormal basis.
   * 0 when all points coincide, 1 when they lie on a line.
   */
  rank: number;
  /** n x k row-major: (point_i - mean) . component_k. */
  coordinates: Float64Array;
}

/** Eigenvalues below this fraction of the largest are rounding noise (see the file comment). */
const RELATIVE_FLOOR = 1e-10;
/** Centred variance below this fraction of the points' squared size is the rounding of the mean: the points coincide. */
const COINCIDENT = 1e-24;

/** The top `k` principal components of `points` (each an array of the same length). */
export function pca(points: readonly ArrayLike<number>[], k = 2): PcaResult {
  const n = points.length;
  if (n < 1) throw new Error('pca: expected at least one point');
  const dim = points[0].length;
  if (!(Number.isInteger(k) && k >= 1 && k <= dim)) throw new Error(`pca: expected 1 <= k <= ${dim} components, got ${k}`);
  const mean = new Float64Array(dim);
  for (const p of points) {
    if (p.length !== dim) throw new Error(`pca: points must all have ${dim} coordinates, got one with ${p.length}`);
    for (let d = 0; d < dim; d++) mean[d] += p[d];
  }
  for (let d = 0; d < dim; d++) mean[d] /= n;
  const centred = points.map((p) => Float64Array.from({ length: dim }, (_, d) => p[d] - mean[d]));
  let total = 0;
  for (const c of centred) total += dot(c, c);
  let size = 0;
  for (const p of points) for (let d = 0; d < dim; d++) size += p[d] * p[d];

  const { values, vectors } = Math.min(n, dim) > EXACT_LIMIT ? subspaceEigen(centred, k) : dim <= n ? covarianceEigen(centred, dim) : gramEigen(centred);
  const components: Float64Array[] = [];
  const ratios = new Float64Array(k);
  const floor = Math.max(values[0] * RELATIVE_FLOOR, size * COINCIDENT);
  for (let c = 0; c < k && c < values.length && values[c] > floor; c++) {
    if (!addOrthonormal(components, vectors[c].slice())) break;
    ratios[c] = values[c] / total;
  }
  const rank = components.length;
  completeOrthonormal(components, k, dim);
  for (const component of components) fixSign(component);

  const coordinates = new Float64Array(n * k);
  centred.forEach((c, i) => components.forEach((component, j) => { coordinates[i * k + j] = dot(c, component); }));
  return { mean, components, explainedVarianceRatio: ratios, rank, coordinates };
}

/**
 * Above this many points and dimensions both, the exact routes cost n·min(n, dim)² and then a
 * min(n, dim)-sized eigenproblem: half a minute for 500 conv maps of 4,608 values, minutes for
 * 1,000. Subspace iteration finds the top few directions instead (subspaceEigen).
 */
const EXACT_LIMIT = 400;
/** Directions iterated beside the k asked for (they speed up convergence), and the iterations. */
const EXTRA_DIRECTIONS = 2;
const SUBSPACE_ITERATIONS = 30;

/**
 * The top k eigenpairs of X^T X by subspace iteration (Q <- orth(X^T X Q), from a seeded random
 * start, so the same points give the same axes) with a Rayleigh–Ritz step on the last Q: cost
 * about 2·iterations·n·dim·(k + 2). Each iteration shrinks the error of direction j by
 * (l_{k+3} / l_j)²; for a picture of where the data lies, 30 iterations are plenty.
 */
function subspaceEigen(centred: Float64Array[], k: number): { values: Float64Array; vectors: Float64Array[] } {
  const n = centred.length;
  const dim = centred[0].length;
  const width = Math.min(k + EXTRA_DIRECTIONS, dim, n);
  const rng = mulberry32(0x5eed);
  let basis = orthonormalBlock(Array.from({ length: width }, () => Float64Array.from({ length: dim }, () => rng() - 0.5)), dim);
  const projected = Array.from({ length: width }, () => new Float64Array(n));
  const project = (): void => {
    basis.forEach((q, j) => { for (let i = 0; i < n; i++) projected[j][i] = dot(centred[i], q); });
  };
  for (let iteration = 0; iteration < SUBSPACE_ITERATIONS; iteration++) {
    project();
    const next = projected.map((z) => {
      const q = new Float64Array(dim);
      for (let i = 0; i < n; i++) {
        const zi = z[i];
        if (zi === 0) continue;
        const row = centred[i];
        for (let d = 0; d < dim; d++) q[d] += zi * row[d];
      }
      return q;
    });
    basis = orthonormalBlock(next, dim);
  }
  // Rayleigh–Ritz: the eigenproblem of Q^T X^T X Q = (XQ)^T (XQ), width x width
  project();
  const m = basis.length;
  const small = new Float64Array(m * m);
  for (let a = 0; a < m; a++) for (let b = 0; b < m; b++) small[a * m + b] = dot(projected[a], projected[b]);
  const { values, vectors: us } = symmetricEigen(small, m);
  const vectors = us.map((u) => {
    const v = new Float64Array(dim);
    basis.forEach((q, j) => { for (let d = 0; d < dim; d++) v[d] += u[j] * q[d]; });
    return v;
  });
  return { values, vectors };
}

/** Gram–Schmidt of a block of vectors; a vector in the span of those before it is dropped. */
function orthonormalBlock(block: Float64Array[], dim: number): Float64Array[] {
  const basis: Float64Array[] = [];
  for (const v of block) addOrthonormal(basis, v);
  return basis.length > 0 ? basis : [Float64Array.from({ length: dim }, (_, d) => (d === 0 ? 1 : 0))];
}

/** Eigenvectors of X^T X (dim x dim), accumulated row by row: cost n dim^2. */
function covarianceEigen(centred: Float64Array[], dim: number): { values: Float64Array; vectors: Float64Array[] } {
  const scatter = new Float64Array(dim * dim);
  for (const c of centred) {
    for (let i = 0; i < dim; i++) {
      const ci = c[i];
      if (ci === 0) continue;
      for (let j = i; j < dim; j++) scatter[i * dim + j] += ci * c[j];
    }
  }
  for (let i = 0; i < dim; i++) for (let j = 0; j < i; j++) scatter[i * dim + j] = scatter[j * dim + i];
  return symmetricEigen(scatter, dim);
}

/** Eigenvectors of X^T X through the Gram matrix X X^T (n x n): cost n^2 dim. */
function gramEigen(centred: Float64Array[]): { values: Float64Array; vectors: Float64Array[] } {
  const n = centred.length;
  const dim = centred[0].length;
  const gram = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      const g = dot(centred[i], centred[j]);
      gram[i * n + j] = g;
      gram[j * n + i] = g;
    }
  }
  const { values, vectors: us } = symmetricEigen(gram, n);
  const vectors = us.map((u) => {
    const v = new Float64Array(dim);
    for (let i = 0; i < n; i++) {
      const ui = u[i];
      const row = centred[i];
      for (let d = 0; d < dim; d++) v[d] += ui * row[d];
    }
    // X^T u has length sqrt(l); dividing by the computed norm instead keeps it a unit vector to rounding
    const length = norm(v);
    if (length > 0) for (let d = 0; d < dim; d++) v[d] /= length;
    return v;
  });
  return { values, vectors };
}

/**
 * Fills `basis` up to k orthonormal vectors from e_0, e_1, ..., so that a path along a line
 * still gets a second axis to draw.
 */
function completeOrthonormal(basis: Float64Array[], k: number, dim: number): void {
  for (let e = 0; basis.length < k && e < dim; e++) {
    const v = new Float64Array(dim);
    v[e] = 1;
    addOrthonormal(basis, v);
  }
}

/**
 * Appends v to the orthonormal `basis` after removing its components along the basis
 * (Gram–Schmidt, twice, for orthogonality to rounding) and normalizing it; returns false, and
 * leaves the basis alone, when less than 1e-6 of v's length is left (v lies in their span).
 */
function addOrthonormal(basis: Float64Array[], v: Float64Array): boolean {
  const before = norm(v);
  for (let pass = 0; pass < 2; pass++) {
    for (const b of basis) {
      const projection = dot(v, b);
      for (let d = 0; d < v.length; d++) v[d] -= projection * b[d];
    }
  }
  const length = norm(v);
  if (!(length > 1e-6 * before)) return false;
  for (let d = 0; d < v.length; d++) v[d] /= length;
  basis.push(v);
  return true;
}

/** Eigenvectors are defined up to sign; make the largest-magnitude entry positive so results are reproducible. */
function fixSign(v: Float64Array): void {
  let largest = 0;
  for (let d = 1; d < v.length; d++) if (Math.abs(v[d]) > Math.abs(v[largest])) largest = d;
  if (v[largest] < 0) for (let d = 0; d < v.length; d++) v[d] = -v[d];
}
