import { describe, expect, it } from 'vitest';
import { landscapeOurs, trainOurs } from '../../../bench/ours';
import { agrees, CHECKS, T1_SPEC, T2_SPEC, T3_SPEC, taskData } from '../../../bench/tasks';
import { nodeDataSources } from '../../../src/main/data/mnist';
import { initialNetwork } from '../../../src/shared/training/initialNetwork';

describe('bench tasks on our engine (bench/TASKS.md check values)', () => {
  it('T3 xor-tiny starts at loss 0.252072 and ends at 0.000300261 after 20,000 full-batch steps', () => {
    const result = trainOurs(T3_SPEC, taskData(T3_SPEC), T3_SPEC.epochs);
    expect(agrees(result.extra.initialLoss, CHECKS.T3.initialLoss)).toBe(true);
    expect(agrees(result.loss, CHECKS.T3.loss)).toBe(true);
  });

  it('T4 landscape-grid sums to 1594.20752 with its minimum 0.680219 at index 188 and T1 initial loss at the centre', () => {
    const { extra } = landscapeOurs(T1_SPEC, taskData(T1_SPEC));
    expect(agrees(extra.sum, CHECKS.T4.sum)).toBe(true);
    expect(agrees(extra.min, CHECKS.T4.min)).toBe(true);
    expect(extra.argmin).toBe(CHECKS.T4.argmin);
    expect(agrees(extra.centre, CHECKS.T4.centre)).toBe(true);
  });

  it('T1 playground starts at loss 0.849369085 and ends at 0.530905 with accuracy 0.696 after 200 epochs', () => {
    const data = taskData(T1_SPEC);
    const net = initialNetwork(T1_SPEC, data.inputDim);
    expect(agrees(net.loss(data.train.x, data.train.y, data.train.n), CHECKS.T1.initialLoss)).toBe(true);
    const result = trainOurs(T1_SPEC, data, T1_SPEC.epochs * data.train.n);
    expect(agrees(result.loss, CHECKS.T1.loss)).toBe(true);
    expect(result.acc).toBe(CHECKS.T1.acc);
  });

  it('T2 mnist-mlp starts at loss 2.352783 on the digit-major, seed-4-shuffled digits', () => {
    const data = taskData(T2_SPEC, nodeDataSources);
    expect(data.train.n).toBe(10_000);
    const net = initialNetwork(T2_SPEC, data.inputDim);
    expect(agrees(net.loss(data.train.x, data.train.y, data.train.n), CHECKS.T2.initialLoss)).toBe(true);
  });

  it('reads check values to the digits printed: within half a unit of the last place', () => {
    expect(agrees(0.5309052, 0.530905)).toBe(true);
    expect(agrees(0.530906, 0.530905)).toBe(false);
  });
});
