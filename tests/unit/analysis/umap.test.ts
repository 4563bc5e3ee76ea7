/**
 * UMAP beside PCA: seeded (the same seed, the same picture), frames turned onto each other
 * (a rotated or mirrored copy comes back exactly), and the representation report's UMAP frames
 * with progress and refusals in words.
 */
import { describe, expect, it } from 'vitest';
import { alignTo, standardize, umapEmbedding, UMAP_DEFAULTS } from '../../../src/shared/analysis/featurevis/umapEmbedding';
import { representationReport, type RepresentationJobRequest } from '../../../src/shared/analysis/featurevis/representationReport';
import { Network } from '../../../src/shared/nn/network';
import { mulberry32 } from '../../../src/shared/nn/rng';
import type { Dataset } from '../../../src/shared/data/spec';

/** 120 points in 5 dimensions: three blobs. */
function blobs(seed: number): Float64Array {
  const rng = mulberry32(seed);
  const points = new Float64Array(120 * 5);
  for (let r = 0; r < 120; r++) for (let d = 0; d < 5; d++) points[r * 5 + d] = (r % 3 === d % 3 ? 4 : 0) + rng() * 0.5;
  return points;
}

const options = { ...UMAP_DEFAULTS, neighbors: 8, epochs: 60 };

describe('umapEmbedding', () => {
  it('gives the same picture for the same seed and another for another seed', () => {
    const x = blobs(1);
    const a = umapEmbedding(x, 120, 5, options);
    const b = umapEmbedding(x, 120, 5, options);
    const c = umapEmbedding(x, 120, 5, { ...options, seed: 2 });
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(Array.from(a)).not.toEqual(Array.from(c));
    expect(a).toHaveLength(240);
  });

  it("keeps the blobs apart: each point's nearest neighbour in the picture is of its own blob", () => {
    const y = umapEmbedding(blobs(3), 120, 5, options);
    let same = 0;
    for (let r = 0; r < 120; r++) {
      let best = -1;
      let bestDistance = Infinity;
      for (let s = 0; s < 120; s++) {
        if (s === r) continue;
        const d = (y[2 * r] - y[2 * s]) ** 2 + (y[2 * r + 1] - y[2 * s + 1]) ** 2;
        if (d < bestDistance) { bestDistance = d; best = s; }
      }
      if (best % 3 === r % 3) same++;
    }
    expect(same).toBeGreaterThanOrEqual(118);
  });

  it('reports every epoch and refuses fewer points than neighbours in words', () => {
    const seen: number[] = [];
    umapEmbedding(blobs(1), 120, 5, options, (done, total) => { if (done === total) seen.push(total); });
    expect(seen).toEqual([60]);
    expect(() => umapEmbedding(blobs(1).subarray(0, 40), 8, 5, options)).toThrow('UMAP needs more points than neighbours: 8 points with 8 neighbours');
  });
});

describe('frames turned onto each other', () => {
  it('standardizes to centre 0 and unit spread, and turns a rotated or mirrored copy back onto the original', () => {
    const base = Float64Array.from({ length: 40 }, (_, k) => Math.sin(k * 1.7) * (k % 2 ? 2 : 1) + k * 0.01);
    standardize(base);
    let cx = 0;
    let spread = 0;
    for (let k = 0; k < base.length; k += 2) { cx += base[k]; spread += base[k] ** 2 + base[k + 1] ** 2; }
    expect(cx).toBeCloseTo(0, 12);
    expect(spread / 20).toBeCloseTo(1, 12);
    for (const mirror of [false, true]) {
      const t = 2.1;
      const moved = new Float64Array(base.length);
      for (let k = 0; k < base.length; k += 2) {
        const y = mirror ? -base[k + 1] : base[k + 1];
        moved[k] = Math.cos(t) * base[k] - Math.sin(t) * y;
        moved[k + 1] = Math.sin(t) * base[k] + Math.cos(t) * y;
      }
      alignTo(moved, base);
      moved.forEach((v, k) => expect(v).toBeCloseTo(base[k], 10));
    }
  });
});

describe('a UMAP representation report', () => {
  it('lays out a hidden layer at each checkpoint, frames aligned, with progress over all fits', () => {
    const spec = { inputs: 5, layers: [{ units: 6, activation: 'tanh' as const }, { units: 3, activation: 'softmax' as const }], loss: 'softmax-ce' as const };
    const x = blobs(5);
    const y = new Float64Array(120 * 3);
    for (let r = 0; r < 120; r++) y[r * 3 + (r % 3)] = 1;
    const split = { x, y, n: 120 };
    const data: Dataset = { name: 'blobs', task: 'classification', inputDim: 5, outputDim: 3, inputNames: [], outputNames: ['a', 'b', 'c'], classes: 3, train: split, test: split };
    const net = new Network(spec);
    const rng = mulberry32(7);
    const checkpoints = [0, 1].map((id) => ({ id: id + 1, step: id * 10, epoch: id, params: Float64Array.from(net.params, () => rng() - 0.5) }));
    const progress: [number, number][] = [];
    const report = representationReport(data, {
      dataset: { kind: 'builtin', name: 'spiral' } as RepresentationJobRequest['dataset'], spec, layer: 0, split: 'test', maxPoints: 120, preActivation: false, checkpoints,
      method: 'umap', umap: options,
    }, { onProgress: (done, total) => progress.push([done, total]) });
    expect(report.kind).toBe('umap');
    expect(report.umap).toEqual(options);
    expect(report.frames).toHaveLength(2);
    expect(report.frames[1].coordinates).toHaveLength(240);
    expect(report.frames[0].explained).toBeNull();
    expect(progress[progress.length - 1]).toEqual([120, 120]);
  });
});
