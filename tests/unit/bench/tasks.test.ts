import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { landscapeOurs, trainOurs } from '../../../bench/ours';
import { gridLosses } from '../../../bench/landscape';
import { agrees, CHECKS, landscapeDirections, T1_SPEC, T2_SPEC, T3_SPEC, T4_GRID, taskData } from '../../../bench/tasks';
import { nodeDataSources } from '../../../src/main/data/mnist';
import { instantiateWasmKernels, kernelsWasmPath } from '../../../src/main/data/wasmKernels';
import { installAcceleratedKernels } from '../../../src/shared/nn/kernels';
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

describe('bench tasks on the WebAssembly kernels: the same numbers to the bit', () => {
  const t4Losses = () => {
    const data = taskData(T1_SPEC);
    const net = initialNetwork(T1_SPEC, data.inputDim);
    const [d1, d2] = landscapeDirections(net.params.length);
    return Array.from(gridLosses(net, data.train, net.params.slice(), d1, d2, T4_GRID.steps));
  };
  const js = { t2: trainOurs(T2_SPEC, taskData(T2_SPEC, nodeDataSources), 30_000), t4: t4Losses() };
  beforeAll(() => installAcceleratedKernels(instantiateWasmKernels(readFileSync(kernelsWasmPath()))));
  afterAll(() => installAcceleratedKernels(null));

  it('T2 mnist-mlp ends at loss 0.398699 with accuracy 0.8941, as on the JavaScript kernels', () => {
    const result = trainOurs(T2_SPEC, taskData(T2_SPEC, nodeDataSources), 30_000);
    expect(agrees(result.extra.initialLoss, CHECKS.T2.initialLoss)).toBe(true);
    expect(agrees(result.loss, CHECKS.T2.loss)).toBe(true);
    expect(result.acc).toBe(CHECKS.T2.acc);
    expect(result.loss).toBe(js.t2.loss);
  });

  it('T4 landscape-grid gives every one of its 1681 losses as on the JavaScript kernels', () => {
    const losses = t4Losses();
    expect(losses).toEqual(js.t4);
    expect(agrees(losses.reduce((sum, v) => sum + v, 0), CHECKS.T4.sum)).toBe(true);
  });
});
