import { describe, expect, it } from 'vitest';
import { pca } from '../../../src/shared/analysis/pca';
import { symmetricEigen } from '../../../src/shared/analysis/symmetricEigen';
import { dot, norm } from '../../../src/shared/analysis/vectors';
import { mulberry32, normal } from '../../../src/shared/nn/rng';

function randomPoints(n: number, dim: number, seed: number, scales?: number[]): Float64Array[] {
  const rng = mulberry32(seed);
  return Array.from({ length: n }, () => Float64Array.from({ length: dim }, (_, d) => normal(rng) * (scales?.[d] ?? 1)));
}

describe('symmetricEigen', () => {
  it('decomposes a symmetric matrix: A v = l v, orthonormal vectors, values descending', () => {
    const m = 7;
    const rng = mulberry32(9);
    const a = new Float64Array(m * m);
    for (let i = 0; i < m; i++) for (let j = i; j < m; j++) { a[i * m + j] = normal(rng); a[j * m + i] = a[i * m + j]; }
    const { values, vectors } = symmetricEigen(a, m);
    for (let k = 1; k < m; k++) expect(values[k]).toBeLessThanOrEqual(values[k - 1]);
    vectors.forEach((v, k) => {
      for (let i = 0; i < m; i++) {
        let av = 0;
        for (let j = 0; j < m; j++) av += a[i * m + j] * v[j];
        expect(av).toBeCloseTo(values[k] * v[i], 12);
      }
      vectors.forEach((w, l) => expect(dot(v, w)).toBeCloseTo(k === l ? 1 : 0, 12));
    });
  });
});

describe('pca', () => {
  it('gives points on a line one component that explains 100% of the variance', () => {
    const direction = [3, -1, 2, 0.5];
    const points = [-2, -0.5, 0, 1, 4, 7].map((t) => Float64Array.from(direction, (d, i) => 10 * i + t * d));
    const { components, explainedVarianceRatio } = pca(points, 2);
    expect(explainedVarianceRatio[0]).toBeCloseTo(1, 12);
    expect(explainedVarianceRatio[1]).toBeCloseTo(0, 12);
    expect(Math.abs(dot(components[0], direction)) / norm(direction)).toBeCloseTo(1, 12);
    // the second axis is still a unit vector orthogonal to the first, so the plane can be drawn
    expect(norm(components[1])).toBeCloseTo(1, 12);
    expect(dot(components[0], components[1])).toBeCloseTo(0, 12);
  });

  /** Unit, mutually orthogonal axes (to rounding). */
  function expectOrthonormal(components: Float64Array[]): void {
    components.forEach((c, i) => {
      expect(norm(c)).toBeCloseTo(1, 14);
      for (let j = 0; j < i; j++) expect(Math.abs(dot(c, components[j]))).toBeLessThan(1e-14);
    });
  }

  it('keeps unit, orthogonal axes for rank-1 data with more dimensions than rows (Gram branch), the second with ratio 0', () => {
    // the case: rounding-level second eigenvalues of the Gram matrix used to become d2 (d1 . d2 was 0.84)
    const result = pca([[0, 0, 0, 0], [0.01, 0.02, 0.03, 0.04], [0.03, 0.06, 0.09, 0.12]], 2);
    expect(result.rank).toBe(1);
    expectOrthonormal(result.components);
    const direction = [1, 2, 3, 4].map((v) => v / Math.sqrt(30));
    expect(dot(result.components[0], direction)).toBeCloseTo(1, 14);
    expect(result.explainedVarianceRatio[0]).toBeCloseTo(1, 14);
    expect(result.explainedVarianceRatio[1]).toBe(0);
    for (let i = 0; i < 3; i++) expect(result.coordinates[2 * i + 1]).toBeCloseTo(0, 15);
  });

  it('keeps the axes orthonormal for rank-deficient data in both branches, ratio 0 beyond the rank', () => {
    const rng = mulberry32(21);
    for (const [n, dim, rank] of [[12, 5, 1], [12, 5, 2], [4, 30, 1], [6, 30, 2], [30, 400, 1]] as const) {
      const basis = randomPoints(rank, dim, n + dim);
      const points = Array.from({ length: n }, () => {
        const p = Float64Array.from({ length: dim }, () => 0.5);
        for (const b of basis) { const t = normal(rng); for (let d = 0; d < dim; d++) p[d] += t * b[d]; }
        return p;
      });
      const result = pca(points, 3);
      expect(result.rank).toBe(rank);
      expectOrthonormal(result.components);
      for (let c = rank; c < 3; c++) expect(result.explainedVarianceRatio[c]).toBe(0);
    }
  });

  it('gives coincident points rank 0 and still an orthonormal basis', () => {
    const p = [0.1, 0.7, -0.3, 0.2, 0.9];
    const result = pca([p, p, p], 2);
    expect(result.rank).toBe(0);
    expectOrthonormal(result.components);
    expect(Array.from(result.explainedVarianceRatio)).toEqual([0, 0]);
  });

  it('returns orthonormal components, coordinates that are the projections, and ratios that sum to at most 1', () => {
    const points = randomPoints(40, 5, 3, [5, 3, 1, 0.5, 0.2]);
    const { mean, components, explainedVarianceRatio, coordinates } = pca(points, 3);
    expect(explainedVarianceRatio[0]).toBeGreaterThan(explainedVarianceRatio[1]);
    expect(explainedVarianceRatio[1]).toBeGreaterThan(explainedVarianceRatio[2]);
    expect(explainedVarianceRatio.reduce((s, r) => s + r, 0)).toBeLessThanOrEqual(1);
    expect(pca(points, 5).explainedVarianceRatio.reduce((s, r) => s + r, 0)).toBeCloseTo(1, 12);
    components.forEach((c, k) => components.forEach((d, l) => expect(dot(c, d)).toBeCloseTo(k === l ? 1 : 0, 12)));
    points.forEach((p, i) => components.forEach((c, k) => {
      const projection = p.reduce((s, v, d) => s + (v - mean[d]) * c[d], 0);
      expect(coordinates[i * 3 + k]).toBeCloseTo(projection, 12);
    }));
  });

  it('finds the same components through the Gram matrix when there are fewer points than dimensions', () => {
    const wide = randomPoints(6, 30, 4);
    const viaGram = pca(wide, 2);
    // the same analysis through the 30 x 30 scatter matrix: the points padded to 30 copies each
    const viaScatter = pca([...wide, ...wide, ...wide, ...wide, ...wide], 2);
    for (let k = 0; k < 2; k++) {
      expect(viaGram.explainedVarianceRatio[k]).toBeCloseTo(viaScatter.explainedVarianceRatio[k], 10);
      expect(Math.abs(dot(viaGram.components[k], viaScatter.components[k]))).toBeCloseTo(1, 10);
    }
  });

  it('is reproducible, sign included', () => {
    const points = randomPoints(20, 4, 5);
    expect(pca(points, 2)).toEqual(pca(points.map((p) => p.slice()), 2));
  });
});

describe('pca of many points in many dimensions (subspace iteration)', () => {
  it('finds the two planted directions of 450 points in 500 dimensions, with their share of the variance', () => {
    const rng = mulberry32(21);
    const dim = 500;
    const unit = (v: Float64Array) => { const l = Math.hypot(...v); return v.map((x) => x / l); };
    const u1 = unit(Float64Array.from({ length: dim }, () => rng() - 0.5));
    const u2raw = Float64Array.from({ length: dim }, () => rng() - 0.5);
    const along = u2raw.reduce((s, x, d) => s + x * u1[d], 0);
    const u2 = unit(u2raw.map((x, d) => x - along * u1[d]));
    // coefficients exactly uncorrelated and centred (a circle's cosines and sines), so the planted axes are the sample's too
    const points = Array.from({ length: 450 }, (_, i) => {
      const a = 10 * Math.cos((2 * Math.PI * i) / 450);
      const b = 5 * Math.sin((2 * Math.PI * i) / 450);
      return Float64Array.from({ length: dim }, (_, d) => a * u1[d] + b * u2[d] + (rng() - 0.5) * 0.02);
    });
    const result = pca(points, 2);
    const cos = (v: Float64Array, u: Float64Array) => Math.abs(v.reduce((s, x, d) => s + x * u[d], 0));
    expect(cos(result.components[0], u1)).toBeGreaterThan(0.9999);
    expect(cos(result.components[1], u2)).toBeGreaterThan(0.9999);
    // variances 50 and 12.5 of the planted axes against the noise's 500 * 0.0004/12
    expect(result.explainedVarianceRatio[0] + result.explainedVarianceRatio[1]).toBeGreaterThan(0.999);
    expect(result.explainedVarianceRatio[0] / result.explainedVarianceRatio[1]).toBeCloseTo(4, 0);
    expect(result.rank).toBe(2);
    // the same points give the same axes
    expect(Array.from(pca(points, 2).coordinates)).toEqual(Array.from(result.coordinates));
  });
});
