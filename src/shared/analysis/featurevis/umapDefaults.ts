/**
 * UMAP's settings and their defaults, apart from umapEmbedding.ts so that the API's schema (and
 * with it the renderer) reads them without bundling umap-js, which runs in the analysis worker only.
 */
export interface UmapOptions {
  /** Neighbours of each point in the graph UMAP keeps (umap-learn's n_neighbors, default 15). */
  neighbors: number;
  /** How tightly points may pack in the picture (min_dist, default 0.1). */
  minDist: number;
  seed: number;
  /** Optimization epochs (umap-learn uses 200 for large data sets, 500 for small). */
  epochs: number;
}

export const UMAP_DEFAULTS: UmapOptions = { neighbors: 15, minDist: 0.1, seed: 1, epochs: 200 };

/** Points UMAP is run on at most: a fit of 2,000 points takes seconds, and every checkpoint is one fit. */
export const UMAP_MAX_POINTS = 3000;
