import { describe, expect, it } from 'vitest';
import { buildDataset, DataError, previewDataset, type MnistDigits } from '../../../src/shared/data';

const rowsOf = (x: Float64Array, dim: number) => Array.from({ length: x.length / dim }, (_, r) => Array.from(x.subarray(r * dim, (r + 1) * dim)));

describe('splits, features and edited points', () => {
  it('holds out round(n * testFraction) rows and keeps every row exactly once', () => {
    const all = buildDataset({ kind: 'builtin', name: 'circle', samples: 101, seed: 4 });
    const split = buildDataset({ kind: 'builtin', name: 'circle', samples: 101, seed: 4, testFraction: 0.3 });
    expect(split.test.n).toBe(30);
    expect(split.train.n).toBe(71);
    const key = (row: number[]) => row.join(',');
    const together = [...rowsOf(split.train.x, 2), ...rowsOf(split.test.x, 2)].map(key).sort();
    expect(together).toEqual(rowsOf(all.train.x, 2).map(key).sort());
  });

  it('maps points to the chosen feature columns in the order given', () => {
    const raw = buildDataset({ kind: 'builtin', name: 'gauss', samples: 20, seed: 2 });
    const mapped = buildDataset({ kind: 'builtin', name: 'gauss', samples: 20, seed: 2, features: ['x1*x2', 'x1^2', 'x2^2', 'sin x1', 'sin x2', 'x2', 'x1'] });
    expect(mapped.inputDim).toBe(7);
    expect(mapped.inputNames).toEqual(['x1*x2', 'x1^2', 'x2^2', 'sin x1', 'sin x2', 'x2', 'x1']);
    for (let r = 0; r < 20; r++) {
      const [x1, x2] = [raw.train.x[2 * r], raw.train.x[2 * r + 1]];
      expect(Array.from(mapped.train.x.subarray(7 * r, 7 * r + 7))).toEqual([x1 * x2, x1 * x1, x2 * x2, Math.sin(x1), Math.sin(x2), x2, x1]);
    }
  });

  it('refuses an x2 feature on a 1-D set and any feature on the energy table', () => {
    expect(() => buildDataset({ kind: 'builtin', name: 'sine', features: ['x1', 'x2'] })).toThrow(/feature 'x2' needs x2/);
    expect(() => buildDataset({ kind: 'builtin', name: 'sine', features: ['x1', 'x1^2', 'sin x1'] })).not.toThrow();
    expect(() => buildDataset({ kind: 'builtin', name: 'energy', features: ['x1'] })).toThrow(/'energy' has its own input columns \(outdoor temperature, people\)/);
  });

  it('appends extra points to the training split and drops removed ones by position', () => {
    const base = buildDataset({ kind: 'builtin', name: 'xor', samples: 10, seed: 5 });
    const edited = buildDataset({
      kind: 'builtin', name: 'xor', samples: 10, seed: 5,
      removedPoints: [0, 3], extraPoints: [{ x: [9, 9], y: [1] }],
    });
    expect(edited.train.n).toBe(9);
    const baseRows = rowsOf(base.train.x, 2);
    expect(rowsOf(edited.train.x, 2)).toEqual([...baseRows.filter((_, i) => i !== 0 && i !== 3), [9, 9]]);
    expect(edited.train.y[8]).toBe(1);
  });

  it('says which extra point has the wrong size and which removed index is out of range', () => {
    expect(() => buildDataset({ kind: 'builtin', name: 'xor', samples: 10, extraPoints: [{ x: [1], y: [1] }] })).toThrow(DataError);
    expect(() => buildDataset({ kind: 'builtin', name: 'xor', samples: 10, extraPoints: [{ x: [1], y: [1] }] })).toThrow(/extraPoints\[0\] has 1 inputs/);
    expect(() => buildDataset({ kind: 'builtin', name: 'xor', samples: 10, removedPoints: [10] })).toThrow(/removedPoints: 10 is past the last training point \(9\)/);
  });

  it('reports an invalid spec as a DataError naming the field', () => {
    expect(() => buildDataset({ kind: 'builtin', name: 'xor', noise: 3 })).toThrow(/dataset\.noise/);
  });

  it('previews at most maxPoints rows, split in proportion, in raw coordinates', () => {
    const preview = previewDataset({ kind: 'builtin', name: 'spiral', samples: 1000, testFraction: 0.2, features: ['x1^2', 'x2^2', 'x1*x2'] }, 100);
    expect(preview.train.x).toHaveLength(80);
    expect(preview.test.x).toHaveLength(20);
    expect(preview.inputNames).toEqual(['x1', 'x2']);
    expect(preview.train.x[0]).toHaveLength(2);
  });

  it('builds mnist from injected digits, shuffled by the seed, with one-hot targets', () => {
    const images = new Float32Array(6 * 784);
    for (let i = 0; i < 6; i++) images[i * 784] = i / 10;
    const digits: MnistDigits = { images, labels: Uint8Array.from([0, 0, 1, 1, 2, 9]), count: 6 };
    const data = buildDataset({ kind: 'builtin', name: 'mnist', seed: 4 }, { mnist: () => digits });
    expect(data.inputDim).toBe(784);
    expect(data.outputDim).toBe(10);
    const firstPixels = Array.from({ length: 6 }, (_, r) => data.train.x[r * 784]);
    expect([...firstPixels].sort()).toEqual([0, 0.1, 0.2, 0.3, 0.4, 0.5].map(Math.fround));
    const labelOf = (r: number) => data.train.y.subarray(r * 10, r * 10 + 10).indexOf(1);
    for (let r = 0; r < 6; r++) expect(labelOf(r)).toBe(digits.labels[Math.round(firstPixels[r] * 10)]);
  });
});
