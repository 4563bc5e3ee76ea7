/**
 * Start paused and steps per second in the training loop, on fake timers: the loop's waits, its
 * chunks and its clock all run on vitest's timers, so step counts per simulated second are exact.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { buildDataset } from '../../../src/shared/data/build';
import { Trainer } from '../../../src/shared/training/trainer';
import { TrainSpecSchema, type TrainSpecInput } from '../../../src/shared/training/trainSpec';
import type { TrainWorkerMessage } from '../../../src/shared/worker-protocol';
import { StepThrottle } from '../../../src/main/worker/stepThrottle';
import { TrainLoop } from '../../../src/main/worker/trainLoop';
import type { RunPace } from '../../../src/shared/training/pace';

describe('step throttle', () => {
  it('lets a step run at once, then one every 1000 / rate ms', () => {
    const t = new StepThrottle(4);
    expect(t.waitMs(0)).toBe(0);
    t.stepped(0);
    expect(t.waitMs(0)).toBe(250);
    expect(t.waitMs(100)).toBe(150);
    t.stepped(250);
    expect(t.waitMs(260)).toBe(240);
  });

  it('keeps its cadence when a step starts a little late, and restarts it after a long gap instead of bursting', () => {
    const t = new StepThrottle(10);
    t.stepped(0);
    t.stepped(130); // 30 ms late: the next is still due at 200
    expect(t.waitMs(130)).toBe(70);
    t.stepped(5000); // after a pause: the next is due 100 ms from now, not at once
    expect(t.waitMs(5000)).toBe(100);
  });

  it('never waits without a rate, and a faster rate shortens the wait at once', () => {
    const t = new StepThrottle(null);
    t.stepped(0);
    expect(t.waitMs(0)).toBe(0);
    t.setRate(1, 0);
    t.stepped(0);
    expect(t.waitMs(10)).toBe(990);
    t.setRate(100, 10);
    expect(t.waitMs(10)).toBe(10);
    expect(t.stepsPerSecond).toBe(100);
  });
});

const xor = (overrides: Partial<TrainSpecInput> = {}) => TrainSpecSchema.parse({
  dataset: { kind: 'builtin', name: 'xor-gate' },
  layers: [{ units: 2, activation: 'tanh' }, { units: 1, activation: 'sigmoid' }],
  loss: 'bce', optimizer: { kind: 'adam' }, learningRate: 0.05, epochs: 2000, ...overrides,
});

/** A loop over XOR whose posted messages are kept, started on the fake clock. */
function startLoop(pace: RunPace, overrides: Partial<TrainSpecInput> = {}) {
  const spec = xor(overrides);
  const trainer = new Trainer(spec, buildDataset(spec.dataset));
  const messages: TrainWorkerMessage[] = [];
  const loop = new TrainLoop(trainer, spec, (m) => messages.push(m), pace);
  const finished = loop.run();
  const of = <T extends TrainWorkerMessage['type']>(type: T) => messages.filter((m): m is Extract<TrainWorkerMessage, { type: T }> => m.type === type);
  const points = (name: string) => of('progress').flatMap((p) => p.metrics.filter((m) => m.name === name).flatMap((m) => Array.from(m.step)));
  return { trainer, loop, messages, finished, of, points };
}

describe('training loop pace', () => {
  beforeEach(() => { vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setImmediate', 'Date'] }); });
  afterEach(() => { vi.useRealTimers(); });

  it('starts paused at the initialization, with its losses recorded, and trains nothing until told', async () => {
    const run = startLoop({ startPaused: true, stepsPerSecond: null });
    await vi.advanceTimersByTimeAsync(5000);
    expect(run.trainer.step).toBe(0);
    expect(run.of('paused')).toEqual([{ type: 'paused', step: 0, epoch: 0 }]);
    expect(run.points('train_loss')).toEqual([0]);
    expect(run.of('checkpoint').map((c) => c.step)).toEqual([0]);
    run.loop.handle({ type: 'stop' });
    await run.finished;
  });

  it('steps exactly one optimizer update per step command, each paused with its own losses', async () => {
    const run = startLoop({ startPaused: true, stepsPerSecond: null });
    await vi.advanceTimersByTimeAsync(0);
    for (let i = 0; i < 3; i++) {
      run.loop.handle({ type: 'step', unit: 'batch' });
      await vi.advanceTimersByTimeAsync(0);
    }
    expect(run.trainer.step).toBe(3);
    expect(run.of('paused').map((p) => p.step)).toEqual([0, 1, 2, 3]);
    expect(run.points('train_loss')).toEqual([0, 1, 2, 3]);
    expect(run.points('batch_loss')).toEqual([1, 2, 3]);
    run.loop.handle({ type: 'stop' });
    await run.finished;
    expect(run.of('done')[0]).toMatchObject({ outcome: 'stopped', step: 3 });
  });

  it('takes the given number of steps per simulated second, and a new speed mid-run at once', async () => {
    const run = startLoop({ startPaused: false, stepsPerSecond: 10 });
    await vi.advanceTimersByTimeAsync(999);
    // steps at 0, 100, …, 900 ms
    expect(run.trainer.step).toBe(10);
    run.loop.handle({ type: 'setSpeed', stepsPerSecond: 2 });
    const before = run.trainer.step;
    await vi.advanceTimersByTimeAsync(1000);
    expect(run.trainer.step - before).toBe(2);
    // every paced step reached main before the wait that follows it
    expect(run.of('progress').at(-1)!.step).toBe(run.trainer.step);
    run.loop.handle({ type: 'setSpeed', stepsPerSecond: null });
    await vi.advanceTimersByTimeAsync(0);
    await run.finished;
    expect(run.of('done')[0]).toMatchObject({ outcome: 'completed', step: 2000 });
  });

  it('runs a requested step at once even at one step a second, and pauses a paced run', async () => {
    const run = startLoop({ startPaused: false, stepsPerSecond: 1 });
    await vi.advanceTimersByTimeAsync(10);
    expect(run.trainer.step).toBe(1);
    run.loop.handle({ type: 'step', unit: 'batch' });
    await vi.advanceTimersByTimeAsync(10);
    expect(run.trainer.step).toBe(2);
    expect(run.of('paused').map((p) => p.step)).toEqual([2]);
    await vi.advanceTimersByTimeAsync(5000);
    expect(run.trainer.step).toBe(2);
    run.loop.handle({ type: 'resume' });
    await vi.advanceTimersByTimeAsync(2500);
    expect(run.trainer.step).toBe(5);
    run.loop.handle({ type: 'stop' });
    await run.finished;
  });
});
