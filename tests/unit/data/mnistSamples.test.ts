/**
 * MNIST's "Samples" (issue #11, defect 5): a seeded subset of that many digits, the same set in
 * the preview's counts, the training data and every analysis that builds the data set again.
 */
import { describe, expect, it } from 'vitest';
import { nodeDataSources } from '../../../src/main/data/mnist';
import { buildDataset, previewSample } from '../../../src/shared/data/build';

const spec = (over: Record<string, unknown> = {}) => ({ kind: 'builtin' as const, name: 'mnist' as const, samples: 2000, testFraction: 0.2, seed: 7, ...over });
const rowsOf = (x: Float64Array, n: number, dim: number): string[] => Array.from({ length: n }, (_, r) => x.subarray(r * dim, (r + 1) * dim).join(','));

describe('MNIST samples', () => {
  it('trains on exactly the samples asked for, split by the test fraction', () => {
    const data = buildDataset(spec(), nodeDataSources);
    expect(data.train.n).toBe(1600);
    expect(data.test.n).toBe(400);
  });

  it('is the same subset every time for a seed, and another for another seed', () => {
    const a = buildDataset(spec(), nodeDataSources);
    const b = buildDataset(spec(), nodeDataSources);
    const c = buildDataset(spec({ seed: 8 }), nodeDataSources);
    expect(rowsOf(a.train.x, 20, 784)).toEqual(rowsOf(b.train.x, 20, 784));
    expect(rowsOf(a.train.x, 20, 784)).not.toEqual(rowsOf(c.train.x, 20, 784));
  });

  it('keeps all 10,000 digits when no samples are asked for', () => {
    const data = buildDataset(spec({ samples: undefined }), nodeDataSources);
    expect(data.train.n + data.test.n).toBe(10_000);
  });

  it('previews a few rows but counts the whole set as it trains', () => {
    const preview = previewSample(spec(), 300, nodeDataSources);
    expect(preview.totals).toEqual({ train: 1600, test: 400 });
    expect(preview.train.n + preview.test.n).toBe(300);
  });
});
