/**
 * The PyTorch peer of `npm run bench` computes what we compute: same data, same initial
 * parameters, same order, so its float32 losses agree with our float64 check values to the
 * tolerance of a float32 path. Needs /usr/bin/python3 with torch; skipped with the reason
 * printed where it has none (CI does not install it).
 */
import { describe, expect, it } from 'vitest';
import { runTorch, torchUnavailable } from '../../../bench/peers/pytorch';
import { CHECKS, landscapeDirections, T1_SPEC, T3_SPEC, T4_GRID, taskData } from '../../../bench/tasks';
import { initialNetwork } from '../../../src/shared/training/initialNetwork';

const missing = torchUnavailable();
if (missing) console.log(`PyTorch peer tests skipped: ${missing}`);
const relClose = (a: number, b: number, tol: number) => Math.abs(a - b) <= tol * Math.abs(b);

describe.skipIf(missing !== null)('bench PyTorch peer (TASKS.md, float32)', () => {
  it('T3 xor-tiny reaches the check losses with 1 and 2 threads', () => {
    const data = taskData(T3_SPEC);
    const results = runTorch('train', T3_SPEC, data, initialNetwork(T3_SPEC, data.inputDim), T3_SPEC.epochs,
      [{ impl: 'pytorch-1t', threads: 1 }, { impl: 'pytorch-2t', threads: 2 }], 1);
    expect(results.map((r) => r.impl)).toEqual(['pytorch-1t', 'pytorch-2t']);
    for (const r of results) {
      expect(relClose(r.extra.initialLoss, CHECKS.T3.initialLoss, 1e-5)).toBe(true);
      expect(relClose(r.loss, CHECKS.T3.loss, 1e-3)).toBe(true);
      expect(r.throughput).toBeGreaterThan(0);
    }
  }, 60_000);

  it('T4 landscape-grid gives the check sum, minimum and centre as a loop and batched over points', () => {
    const data = taskData(T1_SPEC);
    const net = initialNetwork(T1_SPEC, data.inputDim);
    const results = runTorch('landscape', T1_SPEC, data, net, (T4_GRID.steps + 1) ** 2,
      [{ impl: 'loop', threads: 1, batched: false }, { impl: 'batched', threads: 1, batched: true }], 1,
      landscapeDirections(net.params.length));
    for (const r of results) {
      expect(relClose(r.extra.sum, CHECKS.T4.sum, 1e-5)).toBe(true);
      expect(relClose(r.extra.min, CHECKS.T4.min, 1e-5)).toBe(true);
      expect(r.extra.argmin).toBe(CHECKS.T4.argmin);
      expect(relClose(r.extra.centre, CHECKS.T4.centre, 1e-5)).toBe(true);
    }
  }, 60_000);
});
