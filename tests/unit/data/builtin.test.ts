import { describe, expect, it } from 'vitest';
import { buildDataset, BUILTIN_DATASETS, listBuiltinDatasets, type Dataset } from '../../../src/shared/data';
import { mulberry32 } from '../../../src/shared/nn/rng';

const generatedNames = BUILTIN_DATASETS.filter((n) => n !== 'mnist');

function classCounts(data: Dataset): number[] {
  const { y, n } = data.train;
  const k = data.outputDim;
  if (k === 1) {
    let ones = 0;
    for (let r = 0; r < n; r++) ones += y[r];
    return [n - ones, ones];
  }
  const counts = new Array<number>(k).fill(0);
  for (let r = 0; r < n; r++) for (let c = 0; c < k; c++) counts[c] += y[r * k + c];
  return counts;
}

describe('built-in datasets', () => {
  it.each(generatedNames)('builds %s identically from the same seed and differently from another', (name) => {
    const a = buildDataset({ kind: 'builtin', name, noise: 0.2, seed: 7, testFraction: 0.25 });
    const b = buildDataset({ kind: 'builtin', name, noise: 0.2, seed: 7, testFraction: 0.25 });
    expect(a.train.x).toEqual(b.train.x);
    expect(a.test.y).toEqual(b.test.y);
    const c = buildDataset({ kind: 'builtin', name, noise: 0.2, seed: 8, testFraction: 0.25 });
    expect(Array.from(c.train.x).concat(Array.from(c.train.y))).not.toEqual(Array.from(a.train.x).concat(Array.from(a.train.y)));
  });

  it.each(generatedNames)('gives %s arrays of the shape listBuiltinDatasets announces', (name) => {
    const info = listBuiltinDatasets().find((d) => d.name === name)!;
    const data = buildDataset({ kind: 'builtin', name });
    expect(data.inputDim).toBe(info.inputDim);
    expect(data.outputDim).toBe(info.outputDim);
    expect(data.task).toBe(info.task);
    expect(data.train.x.length).toBe(data.train.n * data.inputDim);
    expect(data.train.y.length).toBe(data.train.n * data.outputDim);
    expect(data.inputNames).toHaveLength(data.inputDim);
    expect(data.outputNames).toHaveLength(data.outputDim);
    for (const v of data.train.x) expect(Number.isFinite(v)).toBe(true);
  });

  it('lists every built-in name once, with a label and a one-line description', () => {
    const list = listBuiltinDatasets();
    expect(list.map((d) => d.name)).toEqual([...BUILTIN_DATASETS]);
    for (const d of list) {
      expect(d.label.length).toBeGreaterThan(0);
      expect(d.description).not.toContain('\n');
    }
  });

  it.each(['circle', 'gauss', 'spiral', 'moons'] as const)('splits the binary set %s evenly between classes 0 and 1', (name) => {
    expect(classCounts(buildDataset({ kind: 'builtin', name, samples: 400 }))).toEqual([200, 200]);
  });

  it('gives the multi-class sets k one-hot classes of equal size', () => {
    for (const name of ['spiral-multi', 'blobs'] as const) {
      const data = buildDataset({ kind: 'builtin', name, samples: 300, classes: 5 });
      expect(data.classes).toBe(5);
      expect(classCounts(data)).toEqual([60, 60, 60, 60, 60]);
      for (let r = 0; r < data.train.n; r++) {
        expect(data.train.y.subarray(r * 5, r * 5 + 5).reduce((s, v) => s + v, 0)).toBe(1);
      }
    }
  });

  it("draws the spiral exactly as TASKS.md T1 does: points from one mulberry32 stream, then Fisher-Yates from the same stream", () => {
    const rng = mulberry32(1);
    const points: [number, number, number][] = [];
    for (const c of [0, 1]) {
      for (let i = 0; i < 250; i++) {
        const r = (i / 250) * 5;
        const t = ((1.75 * i) / 250) * 2 * Math.PI + c * Math.PI;
        const x = Math.fround(r * Math.sin(t) + (2 * rng() - 1) * 0.1);
        const y = Math.fround(r * Math.cos(t) + (2 * rng() - 1) * 0.1);
        points.push([x, y, c === 0 ? 1 : 0]);
      }
    }
    for (let i = points.length - 1; i >= 1; i--) {
      const j = Math.floor(rng() * (i + 1));
      [points[i], points[j]] = [points[j], points[i]];
    }
    const data = buildDataset({ kind: 'builtin', name: 'spiral', samples: 500, noise: 0.1, seed: 1 });
    expect(Array.from(data.train.x)).toEqual(points.flatMap(([x, y]) => [x, y]));
    expect(Array.from(data.train.y)).toEqual(points.map(([, , label]) => label));
  });

  it('keeps the logic gates in truth-table order with 0/1 targets', () => {
    const xor = buildDataset({ kind: 'builtin', name: 'xor-gate' });
    expect(Array.from(xor.train.x)).toEqual([0, 0, 0, 1, 1, 0, 1, 1]);
    expect(Array.from(xor.train.y)).toEqual([0, 1, 1, 0]);
    expect(Array.from(buildDataset({ kind: 'builtin', name: 'and' }).train.y)).toEqual([0, 0, 0, 1]);
    expect(Array.from(buildDataset({ kind: 'builtin', name: 'or' }).train.y)).toEqual([0, 1, 1, 1]);
    expect(Array.from(buildDataset({ kind: 'builtin', name: 'nand' }).train.y)).toEqual([1, 1, 1, 0]);
  });

  it('samples the 1-D functions on an even grid over [-1, 1] without noise', () => {
    const sine = buildDataset({ kind: 'builtin', name: 'sine', samples: 5 });
    const pairs = Array.from({ length: 5 }, (_, r) => [sine.train.x[r], sine.train.y[r]]).sort((p, q) => p[0] - q[0]);
    expect(pairs.map((p) => p[0])).toEqual([-1, -0.5, 0, 0.5, 1]);
    for (const [x, y] of pairs) expect(y).toBeCloseTo(Math.sin(Math.PI * x), 6);
    const step = buildDataset({ kind: 'builtin', name: 'step-fn', samples: 4 });
    for (let r = 0; r < 4; r++) expect(step.train.y[r]).toBe(step.train.x[r] < 0 ? 0 : 1);
  });

  it('labels the plane regression (x1 + x2) / 10 when there is no noise', () => {
    const data = buildDataset({ kind: 'builtin', name: 'plane', samples: 50 });
    for (let r = 0; r < 50; r++) expect(data.train.y[r]).toBeCloseTo((data.train.x[2 * r] + data.train.x[2 * r + 1]) / 10, 12);
  });

  it('moves points further from the clean set the larger the noise', () => {
    const spread = (noise: number) => {
      const d = buildDataset({ kind: 'builtin', name: 'spiral', samples: 200, noise, seed: 3 });
      const clean = buildDataset({ kind: 'builtin', name: 'spiral', samples: 200, noise: 0, seed: 3 });
      let s = 0;
      for (let k = 0; k < d.train.x.length; k++) s += Math.abs(d.train.x[k] - clean.train.x[k]);
      return s;
    };
    expect(spread(0.05)).toBeGreaterThan(0);
    expect(spread(0.5)).toBeGreaterThan(spread(0.05));
  });

  it('refuses mnist without a source of digits, saying who can load them', () => {
    expect(() => buildDataset({ kind: 'builtin', name: 'mnist' })).toThrow(/only the main process can load/);
  });
});
