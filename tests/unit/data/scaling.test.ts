import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { applyScaling, buildDataset, ENERGY_ROWS, fitScaling, unscale } from '../../../src/shared/data';

describe('scaling', () => {
  it('min-max maps each column onto [0, 1] by (v - min) / (max - min)', () => {
    const values = Float64Array.from([2, 10, 4, 30, 6, 20]);
    const columns = fitScaling('min-max', values, 3, 2);
    expect(columns).toEqual([{ offset: 2, scale: 4 }, { offset: 10, scale: 20 }]);
    applyScaling(values, 2, columns);
    expect(Array.from(values)).toEqual([0, 0, 0.5, 1, 1, 0.5]);
  });

  it('standardize gives each column mean 0 and population variance 1', () => {
    const values = Float64Array.from([1, 2, 3, 4]);
    const [column] = fitScaling('standardize', values, 4, 1);
    expect(column.offset).toBe(2.5);
    expect(column.scale).toBeCloseTo(Math.sqrt(1.25), 15);
    applyScaling(values, 1, [column]);
    expect(values.reduce((s, v) => s + v, 0)).toBeCloseTo(0, 15);
    expect(values.reduce((s, v) => s + v * v, 0) / 4).toBeCloseTo(1, 15);
  });

  it('maps a constant column to 0 instead of dividing by zero', () => {
    const values = Float64Array.from([5, 5, 5]);
    for (const kind of ['min-max', 'standardize'] as const) {
      const copy = values.slice();
      applyScaling(copy, 1, fitScaling(kind, copy, 3, 1));
      expect(Array.from(copy)).toEqual([0, 0, 0]);
    }
  });

  it("scales the lecture's energy table min-max, so one row reads (0.4, 0.5) -> 0.27", () => {
    const data = buildDataset({ kind: 'builtin', name: 'energy' });
    expect(data.train.n).toBe(ENERGY_ROWS.length);
    const rows = Array.from({ length: data.train.n }, (_, r) => [data.train.x[2 * r], data.train.x[2 * r + 1], data.train.y[r]]);
    expect(rows.some(([t, p, e]) => Math.abs(t - 0.4) < 1e-12 && Math.abs(p - 0.5) < 1e-12 && Math.abs(e - 0.27) < 1e-12)).toBe(true);
    for (const v of [...data.train.x, ...data.train.y]) {
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThanOrEqual(1);
    }
    const energy = data.scaling!.outputs[0];
    expect(unscale(data.train.y[0], energy)).toBeCloseTo(ENERGY_ROWS[0][2], 12);
  });

  it('fits the scaling on the training rows only and applies it to the test rows', () => {
    const data = buildDataset({
      kind: 'inline', task: 'regression', inputNames: ['x'], outputNames: ['y'],
      inputs: [[0], [10], [20], [30]], targets: [[0], [1], [2], [3]], scaling: 'min-max', testFraction: 0.25, seed: 3,
    });
    const trainX = Array.from(data.train.x);
    expect(Math.min(...trainX)).toBe(0);
    expect(Math.max(...trainX)).toBe(1);
    const { offset, scale } = data.scaling!.inputs[0];
    expect(data.test.x[0] * scale + offset).toBeCloseTo([0, 10, 20, 30].find((v) => !trainX.includes((v - offset) / scale))!, 12);
  });
});

describe('the energy table', () => {
  it('holds the same raw rows and scaled columns as resources/examples/energy.csv', () => {
    const csv = readFileSync(new URL('../../../resources/examples/energy.csv', import.meta.url), 'utf8');
    const rows = csv.trim().split('\n').slice(1).map((line) => line.split(',').map(Number));
    expect(rows.map((r) => r.slice(0, 3))).toEqual(ENERGY_ROWS.map((r) => [...r]));
    const data = buildDataset({ kind: 'builtin', name: 'energy' });
    rows.forEach((r, i) => {
      expect(data.train.x[2 * i]).toBeCloseTo(r[3], 12);
      expect(data.train.x[2 * i + 1]).toBeCloseTo(r[4], 12);
      expect(data.train.y[i]).toBeCloseTo(r[5], 12);
    });
  });
});
