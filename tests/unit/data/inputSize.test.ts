import { describe, expect, it } from 'vitest';
import { buildDataset, BUILTIN_DATASETS, inputSize, listBuiltinDatasets, type FeatureName } from '../../../src/shared/data';
import { nodeDataSources } from '../../../src/main/data/mnist';

describe('inputSize: a network’s input count from the dataset spec alone', () => {
  it.each(BUILTIN_DATASETS)('is the input width buildDataset gives %s', (name) => {
    const spec = { kind: 'builtin' as const, name, samples: 20 };
    expect(inputSize(spec)).toBe(buildDataset(spec, nodeDataSources).inputDim);
  });

  it('counts derived features, not the raw coordinates', () => {
    const spec = { kind: 'builtin' as const, name: 'circle' as const, features: ['x1', 'x2', 'x1^2', 'sin x2'] satisfies FeatureName[] };
    expect(inputSize(spec)).toBe(4);
    expect(buildDataset(spec).inputDim).toBe(4);
  });

  it('counts an imported table’s input columns', () => {
    const spec = {
      kind: 'inline' as const, task: 'regression' as const, inputNames: ['a', 'b', 'c'], outputNames: ['y'],
      inputs: [[1, 2, 3], [4, 5, 6]], targets: [[1], [2]],
    };
    expect(inputSize(spec)).toBe(3);
    expect(buildDataset(spec).inputDim).toBe(3);
  });

  it('is what datasets.list announces for every built-in set', () => {
    const listed = listBuiltinDatasets();
    for (const name of BUILTIN_DATASETS) expect(inputSize({ kind: 'builtin', name })).toBe(listed.find((d) => d.name === name)?.inputDim);
  });
});
