/** Runs-table rows for the tracking tests, built from a few settings. */
import type { RunRow } from '../../../src/shared/api/trackingDto';

export function row(overrides: Partial<RunRow> & { testAcc?: number } = {}): RunRow {
  const { testAcc, ...rest } = overrides;
  return {
    id: 1, experimentId: 1, experimentName: 'Default', name: 'xor sigmoid', status: 'completed', dataset: 'xor',
    architecture: '2-4-1', seed: 1, createdAt: 0, startedAt: 0, finishedAt: 1000, durationMs: 1000, step: 100, epoch: 10,
    error: null, tags: ['baseline'], notes: '', archived: false, lr: 0.1, batch: 32, epochs: 10, optimizer: 'sgd',
    activation: 'relu', outputActivation: 'sigmoid', loss: 'bce', lineage: null, lrChanges: [],
    hyperparams: { learningRate: 0.1, 'optimizer.kind': 'sgd', 'layers.0.units': 4 },
    metrics: testAcc === undefined ? {} : { test_acc: { count: 10, last: testAcc, lastStep: 100, min: 0.5, max: testAcc, best: testAcc } },
    ...rest,
  };
}
