/**
 * The kernel helper's choice of sharing work or not (src/main/data/kernelHelper.ts): it tries
 * both after a warm-up and again every few thousand jobs, and keeps whichever was faster.
 */
import { describe, expect, it } from 'vitest';
import { SharingChoice } from '../../../src/main/data/kernelHelper';

/** Runs `jobs` jobs, each taking `alone` ms on one thread and `shared` ms on two; returns how many were shared. */
function drive(choice: SharingChoice, jobs: number, alone: number, shared: number, clock = { now: 0 }): number {
  let count = 0;
  for (let k = 0; k < jobs; k++) {
    const share = choice.next(clock.now);
    if (share) count++;
    clock.now += share ? shared : alone;
  }
  return count;
}

describe('SharingChoice', () => {
  it('shares while two threads are faster, trials included', () => {
    const choice = new SharingChoice();
    const shared = drive(choice, 20_000, 0.02, 0.012);
    expect(choice.sharing).toBe(true);
    // only the alone halves of the trials ran on one thread
    expect(shared).toBeGreaterThan(19_000);
  });

  it('works alone once sharing is slower (no second core), and shares again when the core is back', () => {
    const choice = new SharingChoice();
    const clock = { now: 0 };
    drive(choice, 1_000, 0.02, 0.012, clock);
    expect(choice.sharing).toBe(true);
    const shared = drive(choice, 10_000, 0.02, 0.08, clock);
    expect(choice.sharing).toBe(false);
    expect(shared).toBeLessThan(2_000);
    drive(choice, 10_000, 0.02, 0.012, clock);
    expect(choice.sharing).toBe(true);
  });
});
