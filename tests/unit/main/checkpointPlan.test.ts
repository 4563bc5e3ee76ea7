import { describe, expect, it } from 'vitest';
import { AUTO_CHECKPOINT_BYTES, AUTO_CHECKPOINTS, CHECKPOINT_BUDGET_BYTES, CheckpointPlan, checkpointBytes, maxCheckpoints } from '../../../src/main/worker/checkpointPlan';

/** The steps of a run of `epochs` x `batches` at which the plan keeps a checkpoint (the loop adds the first and last). */
function keptSteps(plan: CheckpointPlan, epochs: number, batches: number): number[] {
  const kept: number[] = [];
  for (let step = 1; step < epochs * batches; step++) {
    if (plan.due({ step, epoch: Math.floor(step / batches), epochDone: step % batches === 0 })) kept.push(step);
  }
  return kept;
}

describe('checkpoint plan', () => {
  it('keeps every checkpointEvery epochs when the spec asks', () => {
    expect(keptSteps(new CheckpointPlan(10, 30 * 4, 9), 30, 4)).toEqual([40, 80]);
  });

  it('spreads about thirty checkpoints evenly over a run by default, after a few early ones', () => {
    const kept = keptSteps(new CheckpointPlan(0, 3000, 9), 3000, 1);
    expect(kept.slice(0, 4)).toEqual([16, 32, 64, 100]);
    const even = kept.filter((step) => step % 100 === 0);
    expect(even).toHaveLength(AUTO_CHECKPOINTS - 1);
    expect(kept.every((step) => step % 100 === 0 || step < 100)).toBe(true);
  });

  it('keeps early checkpoints for a run planned far longer than it will train', () => {
    const plan = new CheckpointPlan(0, 1_000_000 * 10, 100);
    expect(keptSteps(plan, 500, 10)).toEqual([16, 32, 64, 128, 256, 512, 1024, 2048, 4096]);
  });

  it('keeps fewer checkpoints of a large network so that a run stays within the byte budget', () => {
    const params = 200_000;
    const plan = new CheckpointPlan(0, 1000, params);
    const evenlySpaced = keptSteps(plan, 1000, 1).filter((step) => step % plan.autoEverySteps! === 0);
    expect((evenlySpaced.length + 1) * params * 8).toBeLessThanOrEqual(AUTO_CHECKPOINT_BYTES);
    expect(evenlySpaced.length).toBeGreaterThan(5);
  });
});

describe('checkpoint budget', () => {
  /** Checkpoints a run keeps, first and last included, when it trains `steps` steps of one batch. */
  const keptInAll = (plan: CheckpointPlan, steps: number): number => keptSteps(plan, steps, 1).length + 2;

  it('keeps at most max(2, budget / checkpoint size) checkpoints, first and last included', () => {
    for (const params of [9, 5_000, 100_000, 500_000, 1_048_576, 1_050_000, 4_200_000]) {
      for (const steps of [10, 300, 3000]) {
        const kept = keptInAll(new CheckpointPlan(0, steps, params), steps);
        expect(kept).toBeLessThanOrEqual(maxCheckpoints(params));
        expect(kept * checkpointBytes(params)).toBeLessThanOrEqual(Math.max(CHECKPOINT_BUDGET_BYTES, 2 * checkpointBytes(params)));
      }
    }
    expect(maxCheckpoints(1_050_000)).toBe(2);
    expect(maxCheckpoints(4_200_000)).toBe(2);
    expect(maxCheckpoints(500_000)).toBe(4);
  });

  it('keeps nothing between first and last for a network of a million parameters, however long the run', () => {
    expect(keptSteps(new CheckpointPlan(0, 300, 1_050_000), 300, 1)).toEqual([]);
    expect(keptSteps(new CheckpointPlan(0, 10_000_000, 1_050_000), 5000, 1)).toEqual([]);
  });

  it('widens checkpointEvery to fit the budget', () => {
    const plan = new CheckpointPlan(1, 100, 500_000);
    expect(keptSteps(plan, 100, 1)).toEqual([50]);
    expect(plan.everyEpochs).toBe(50);
  });
});
