import { describe, expect, it } from 'vitest';
import { EvaluationClock, evaluationDue, planRecording } from '../../../src/main/worker/recordingPlan';

/**
 * Replays a run against a simulated clock: each step takes `stepMs`, each evaluation `evalMs`.
 * Returns the times (ms since the start) at which the run was evaluated.
 */
function simulate(opts: { epochs: number; batchesPerEpoch: number; stepMs: number; evalMs?: number; untilMs: number }): number[] {
  const plan = planRecording(opts.epochs, opts.batchesPerEpoch);
  let now = 0;
  const clock = new EvaluationClock(now);
  const times: number[] = [];
  for (let step = 1; now < opts.untilMs && step <= opts.epochs * opts.batchesPerEpoch; step++) {
    now += opts.stepMs;
    const epochDone = step % opts.batchesPerEpoch === 0;
    if (evaluationDue(plan, clock, { epochDone, epoch: step / opts.batchesPerEpoch }, now)) {
      now += opts.evalMs ?? 0;
      clock.evaluated(now, opts.evalMs ?? 0);
      times.push(now);
    }
  }
  return times;
}

describe('recording schedule', () => {
  it('gives a run planned for a million epochs about ten points a second from the start', () => {
    // the spirals in mini-batches of 16: 20 batches an epoch, a fraction of a millisecond each
    const times = simulate({ epochs: 1_000_000, batchesPerEpoch: 20, stepMs: 0.05, untilMs: 3000 });
    expect(times.filter((t) => t <= 1000).length).toBeGreaterThanOrEqual(9);
    expect(times.length).toBeGreaterThanOrEqual(27);
    expect(times.length).toBeLessThanOrEqual(33);
  });

  it('still evaluates every epoch of a short run, however fast it trains', () => {
    const times = simulate({ epochs: 500, batchesPerEpoch: 1, stepMs: 0.001, untilMs: 60_000 });
    expect(times).toHaveLength(500);
  });

  it('keeps an hour of training to a few thousand evaluations', () => {
    const times = simulate({ epochs: 1_000_000, batchesPerEpoch: 100, stepMs: 1, untilMs: 3_600_000 });
    // evaluations by epoch (every 1,000 epochs = 100,000 steps) are 36; the rest are timed
    expect(times.length).toBeGreaterThan(2000);
    expect(times.length).toBeLessThan(12_000);
    const lastMinute = times.filter((t) => t > 3_540_000).length;
    expect(lastMinute).toBeLessThan(600);
  });

  it('spaces out evaluations that are slow, so training keeps most of the time', () => {
    const times = simulate({ epochs: 20, batchesPerEpoch: 100_000, stepMs: 1, evalMs: 200, untilMs: 20_000 });
    const gaps = times.slice(1).map((t, i) => t - times[i]);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(800);
    expect(times.length).toBeGreaterThan(10);
  });
});
