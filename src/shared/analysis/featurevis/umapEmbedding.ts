/**
 * UMAP (McInnes, Healy, Melville 2018) of a layer's hidden representation, beside PCA: with
 * `umap-js`, the maintained JavaScript port of umap-learn, seeded through the engine's mulberry32
 * so the same seed gives the same picture. A UMAP's axes mean nothing by themselves and each
 * fit lands rotated or mirrored at will, so for the slider over checkpoints each frame is scaled
 * to unit spread and turned (a rotation, mirrored when that fits better: 2-D orthogonal
 * Procrustes) onto the frame before it; the data then moves between frames instead of spinning.
 */
import { UMAP } from 'umap-js';
import { mulberry32 } from '../../nn/rng';
import type { UmapOptions } from './umapDefaults';

export { UMAP_DEFAULTS, type UmapOptions } from './umapDefaults';

/** rows x 2 coordinates of the rows of `points` (rows x dim, row-major); `onEpoch(done, total)` after every epoch. */
export function umapEmbedding(points: Float64Array, rows: number, dim: number, options: UmapOptions, onEpoch?: (done: number, total: number) => void): Float64Array {
  if (rows <= options.neighbors) {
    throw new Error(`UMAP needs more points than neighbours: ${rows} points with ${options.neighbors} neighbours; draw more points or choose fewer neighbours`);
  }
  const data = Array.from({ length: rows }, (_, r) => Array.from(points.subarray(r * dim, (r + 1) * dim)));
  const umap = new UMAP({ nComponents: 2, nNeighbors: options.neighbors, minDist: options.minDist, nEpochs: options.epochs, random: mulberry32(options.seed) });
  const total = umap.initializeFit(data);
  for (let e = 0; e < total; e++) {
    umap.step();
    onEpoch?.(e + 1, total);
  }
  const embedding = umap.getEmbedding();
  const out = new Float64Array(rows * 2);
  embedding.forEach(([x, y], r) => { out[2 * r] = x; out[2 * r + 1] = y; });
  return out;
}

/** Centres the rows x 2 points and scales them to a root-mean-square radius of 1, in place. */
export function standardize(points: Float64Array): void {
  const rows = points.length / 2;
  let mx = 0;
  let my = 0;
  for (let r = 0; r < rows; r++) { mx += points[2 * r]; my += points[2 * r + 1]; }
  mx /= rows;
  my /= rows;
  let squares = 0;
  for (let r = 0; r < rows; r++) {
    points[2 * r] -= mx;
    points[2 * r + 1] -= my;
    squares += points[2 * r] ** 2 + points[2 * r + 1] ** 2;
  }
  const scale = squares > 0 ? 1 / Math.sqrt(squares / rows) : 1;
  for (let k = 0; k < points.length; k++) points[k] *= scale;
}

/**
 * Turns the centred rows x 2 `points` onto the centred `target` (same rows) in place: the
 * rotation, or rotation after a mirror, that minimizes the summed squared distance. For a
 * rotation by t the cost falls as cos(t)·S + sin(t)·C grows (S = Σ a·b, C = Σ a×b), so t = atan2(C, S).
 */
export function alignTo(points: Float64Array, target: Float64Array): void {
  const fit = (mirror: boolean) => {
    let s = 0;
    let c = 0;
    for (let k = 0; k < points.length; k += 2) {
      const ax = points[k];
      const ay = mirror ? -points[k + 1] : points[k + 1];
      s += ax * target[k] + ay * target[k + 1];
      c += ax * target[k + 1] - ay * target[k];
    }
    return { angle: Math.atan2(c, s), score: Math.hypot(s, c) };
  };
  const plain = fit(false);
  const mirrored = fit(true);
  const mirror = mirrored.score > plain.score;
  const { angle } = mirror ? mirrored : plain;
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  for (let k = 0; k < points.length; k += 2) {
    const ax = points[k];
    const ay = mirror ? -points[k + 1] : points[k + 1];
    points[k] = cos * ax - sin * ay;
    points[k + 1] = sin * ax + cos * ay;
  }
}
