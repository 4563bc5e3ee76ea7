import { describe, expect, it } from 'vitest';
import type { DatasetPreview } from '../../../../src/shared/api/dto';
import { buildDatasetOption, canPreview, classOf } from '../../../../src/renderer/src/playground/datasetOption';

const xorGate: DatasetPreview = {
  name: 'xor-gate', task: 'classification', inputNames: ['x1', 'x2'], outputNames: ['y'], classes: 2,
  train: { x: [[0, 0], [0, 1], [1, 0], [1, 1]], y: [[0], [1], [1], [0]] },
  test: { x: [], y: [] }, totals: { train: 4, test: 0 },
};

type Scatter = { name: string; type: string; data: number[][] };

describe('dataset preview options', () => {
  it('reads a class from a single 0/1 column or from one-hot rows', () => {
    expect(classOf([0.2])).toBe(0);
    expect(classOf([1])).toBe(1);
    expect(classOf([0, 0, 1])).toBe(2);
  });

  it('plots 2-D classification as one scatter per class', () => {
    const option = buildDatasetOption(xorGate)!;
    const series = option.series as Scatter[];
    expect(series.map((s) => s.name)).toEqual(['class 0', 'class 1']);
    expect(series[0].data).toEqual([[0, 0], [1, 1]]);
    expect(series[1].data).toEqual([[0, 1], [1, 0]]);
  });

  it('adds the test points of a class as a separate, hollow series under the same name', () => {
    const option = buildDatasetOption({ ...xorGate, test: { x: [[0.9, 0.1]], y: [[1]] } })!;
    const series = option.series as (Scatter & { itemStyle: { color: string } })[];
    expect(series.filter((s) => s.name === 'class 1')).toHaveLength(2);
    expect(series.find((s) => s.name === 'class 1' && s.itemStyle.color === 'transparent')?.data).toEqual([[0.9, 0.1]]);
  });

  it('plots 1-D regression as y against x', () => {
    const sine: DatasetPreview = {
      name: 'sine', task: 'regression', inputNames: ['x'], outputNames: ['y'],
      train: { x: [[0], [1]], y: [[0], [0.84]] }, test: { x: [], y: [] }, totals: { train: 2, test: 0 },
    };
    expect((buildDatasetOption(sine)!.series as Scatter[])[0].data).toEqual([[0, 0], [1, 0.84]]);
  });

  it('offers no plot for data with more than two inputs', () => {
    const energy = { task: 'regression' as const, inputNames: ['a', 'b', 'c'], outputNames: ['y'] };
    expect(canPreview(energy)).toBe(false);
    expect(buildDatasetOption({ ...xorGate, ...energy })).toBeNull();
  });
});
