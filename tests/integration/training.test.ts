import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CheckpointData, CheckpointInfo, MetricSeries, RunSummary } from '../../src/shared/api/dto';
import { createAppServices, type AppServices } from '../../src/main/services/app';
import { call, divergingSpec, endlessSpec, FINAL, tempDir, waitForProgress, waitForStatus, xorSpec } from './helpers';

describe('training host', () => {
  let temp: ReturnType<typeof tempDir>;
  let services: AppServices;

  beforeEach(() => {
    temp = tempDir();
    services = createAppServices({ dataDir: temp.dir, mode: 'browser', maxJobs: 2 });
  });
  afterEach(async () => {
    await services.close();
    temp.remove();
  });

  it('trains a run to completion, streaming progress and storing metrics and checkpoints', async () => {
    const progressSeen: number[] = [];
    services.bus.subscribe((event, payload) => {
      if (event === 'run.progress') progressSeen.push((payload as { step: number }).step);
    });
    const started = await call<RunSummary>(services, 'runs.start', { spec: xorSpec() });
    expect(started.status).toBe('running');

    const done = await waitForStatus(services, started.id, FINAL);
    expect(done.status).toBe('completed');
    expect(done.step).toBe(2000);
    expect(done.epoch).toBe(2000);
    expect(done.architecture).toBe('2-2-1');
    expect(done.lastMetrics.train_acc).toBe(1);
    expect(progressSeen.length).toBeGreaterThan(0);

    const metrics = await call<MetricSeries[]>(services, 'runs.metrics', { id: started.id, names: ['train_loss'] });
    expect(metrics).toHaveLength(1);
    const loss = metrics[0].value;
    expect(loss[loss.length - 1]).toBeLessThan(loss[0]);
    expect(metrics[0].step[metrics[0].step.length - 1]).toBe(2000);

    const checkpoints = await call<CheckpointInfo[]>(services, 'runs.checkpoints', { id: started.id });
    // checkpointEvery 0: steps 16, 32, 64, then every ceil(2000 / 30) = 67 steps, and the first and last (checkpointPlan.ts)
    const steps = checkpoints.map((c) => c.step);
    expect(steps.slice(0, 5)).toEqual([0, 16, 32, 64, 67]);
    expect(steps.at(-1)).toBe(2000);
    expect(steps).toHaveLength(34);
    const last = await call<CheckpointData>(services, 'runs.checkpoint', { id: started.id });
    expect(last.step).toBe(2000);
    expect(last.params).toHaveLength(9);
  });

  it('checkpoints every checkpointEvery epochs', async () => {
    const run = await call<RunSummary>(services, 'runs.start', { spec: xorSpec({ epochs: 30, checkpointEvery: 10 }) });
    await waitForStatus(services, run.id, FINAL);
    const checkpoints = await call<CheckpointInfo[]>(services, 'runs.checkpoints', { id: run.id });
    expect(checkpoints.map((c) => c.epoch)).toEqual([0, 10, 20, 30]);
  });

  it('sends the live parameters of a small network with its progress', async () => {
    const run = await call<RunSummary>(services, 'runs.start', { spec: endlessSpec() });
    const progress = await waitForProgress(services, run.id, (e) => e.params !== undefined);
    expect(progress.params).toHaveLength(9);
    await call(services, 'runs.stop', { id: run.id });
  });

  it('pauses, steps one batch or one epoch, and resumes a run', async () => {
    const run = await call<RunSummary>(services, 'runs.start', { spec: endlessSpec() });
    await waitForProgress(services, run.id, (e) => e.step > 0);

    const paused = await call<RunSummary>(services, 'runs.pause', { id: run.id });
    expect(paused.status).toBe('paused');

    const afterBatch = await call<RunSummary>(services, 'runs.step', { id: run.id, unit: 'batch' });
    expect(afterBatch.status).toBe('paused');
    expect(afterBatch.step).toBe(paused.step + 1);

    // full batch: one epoch is one step
    const afterEpoch = await call<RunSummary>(services, 'runs.step', { id: run.id, unit: 'epoch' });
    expect(afterEpoch.step).toBe(afterBatch.step + 1);
    expect(afterEpoch.epoch).toBe(afterBatch.epoch + 1);

    const resumed = await call<RunSummary>(services, 'runs.resume', { id: run.id });
    expect(resumed.status).toBe('running');
    const moving = await waitForProgress(services, run.id, (e) => e.step > afterEpoch.step);
    expect(moving.status).toBe('running');

    const stopped = await call<RunSummary>(services, 'runs.stop', { id: run.id });
    expect(stopped.status).toBe('stopped');
  });

  it('changes the learning rate of a running run', async () => {
    const run = await call<RunSummary>(services, 'runs.start', { spec: endlessSpec() });
    await waitForProgress(services, run.id, (e) => e.step > 0);
    await call(services, 'runs.setLearningRate', { id: run.id, learningRate: 0.25 });
    await waitForProgress(services, run.id, (e) => e.points.some((p) => p.name === 'lr' && p.value.includes(0.25)));
    await call(services, 'runs.stop', { id: run.id });
    expect(services.store.runs.get(run.id)!.lastMetrics.lr).toBe(0.25);
  });

  it('stops a run, keeping its metrics and a last checkpoint', async () => {
    const run = await call<RunSummary>(services, 'runs.start', { spec: endlessSpec() });
    await waitForProgress(services, run.id, (e) => e.step > 0);
    const stopped = await call<RunSummary>(services, 'runs.stop', { id: run.id });
    expect(stopped.status).toBe('stopped');
    expect(stopped.finishedAt).not.toBeNull();
    const checkpoints = await call<CheckpointInfo[]>(services, 'runs.checkpoints', { id: run.id });
    // the first, the early automatic ones (steps 16, 32, 64, ...: checkpointPlan.ts) and the last, where it stopped
    expect(checkpoints[0].step).toBe(0);
    expect(checkpoints.at(-1)!.step).toBe(stopped.step);
    const again = await call<RunSummary>(services, 'runs.stop', { id: run.id });
    expect(again.status).toBe('stopped');
  });

  it('refuses, storing nothing, a spec that does not fit the data (instead of a run that then fails)', async () => {
    const spec = xorSpec({ layers: [{ units: 2, activation: 'sigmoid' }, { units: 3, activation: 'sigmoid' }] });
    const result = await services.router.call('runs.start', { spec });
    if (result.ok) throw new Error('expected a bad request');
    expect(result.error.code).toBe('bad-request');
    expect(result.error.message).toContain('output layer has 3 units');
    expect(await call<RunSummary[]>(services, 'runs.list', {})).toEqual([]);
  });

  it('marks a run diverged with the step at which the loss stopped being finite', async () => {
    const run = await call<RunSummary>(services, 'runs.start', { spec: divergingSpec() });
    const diverged = await waitForStatus(services, run.id, FINAL);
    expect(diverged.status).toBe('diverged');
    const match = /^loss became (NaN|Infinity) at step (\d+)$/.exec(diverged.error ?? '');
    expect(match, diverged.error ?? 'no error').not.toBeNull();
    expect(Number(match![2])).toBe(diverged.step);
  });

  it('refuses to pause a finished run or delete an active one', async () => {
    const run = await call<RunSummary>(services, 'runs.start', { spec: endlessSpec() });
    const deleting = await services.router.call('runs.delete', { id: run.id });
    expect(deleting.ok || deleting.error.code).toBe('conflict');
    await call(services, 'runs.stop', { id: run.id });
    const pausing = await services.router.call('runs.pause', { id: run.id });
    expect(pausing.ok || pausing.error.code).toBe('conflict');
    await call(services, 'runs.delete', { id: run.id });
    const gone = await services.router.call('runs.get', { id: run.id });
    expect(gone.ok || gone.error.code).toBe('not-found');
  });
});

describe('training host with one slot', () => {
  it('queues runs beyond maxJobs and starts the next when one ends', async () => {
    const temp = tempDir();
    const services = createAppServices({ dataDir: temp.dir, mode: 'browser', maxJobs: 1 });
    try {
      const first = await call<RunSummary>(services, 'runs.start', { spec: endlessSpec() });
      const second = await call<RunSummary>(services, 'runs.start', { spec: xorSpec({ epochs: 50 }) });
      expect(first.status).toBe('running');
      expect(second.status).toBe('queued');

      const stopped = await call<RunSummary>(services, 'runs.stop', { id: first.id });
      expect(stopped.status).toBe('stopped');
      const finished = await waitForStatus(services, second.id, FINAL);
      expect(finished.status).toBe('completed');
    } finally {
      await services.close();
      temp.remove();
    }
  });

  it('stops a queued run without ever starting it', async () => {
    const temp = tempDir();
    const services = createAppServices({ dataDir: temp.dir, mode: 'browser', maxJobs: 1 });
    try {
      const first = await call<RunSummary>(services, 'runs.start', { spec: endlessSpec() });
      const second = await call<RunSummary>(services, 'runs.start', { spec: endlessSpec() });
      const stopped = await call<RunSummary>(services, 'runs.stop', { id: second.id });
      expect(stopped.status).toBe('stopped');
      expect(stopped.startedAt).toBeNull();
      await call(services, 'runs.stop', { id: first.id });
    } finally {
      await services.close();
      temp.remove();
    }
  });
});

describe('training host with a broken worker', () => {
  for (const [what, fixture, expected] of [
    ['throws', 'throwing.worker.mjs', 'the worker broke on purpose'],
    ['dies', 'dying.worker.mjs', 'exited unexpectedly (exit code 3)'],
  ] as const) {
    it(`marks the run failed and carries on when the worker ${what}`, async () => {
      const temp = tempDir();
      const services = createAppServices({
        dataDir: temp.dir, mode: 'browser', maxJobs: 1, workerEntry: { file: new URL(`./fixtures/${fixture}`, import.meta.url), argv: [] },
      });
      try {
        const first = await call<RunSummary>(services, 'runs.start', { spec: xorSpec() });
        const second = await call<RunSummary>(services, 'runs.start', { spec: xorSpec() });
        const failed = await waitForStatus(services, first.id, FINAL);
        expect(failed.status).toBe('failed');
        expect(failed.error).toContain(expected);
        // the host took the next run from the queue
        expect((await waitForStatus(services, second.id, FINAL)).status).toBe('failed');
        const info = await call<{ version: string }>(services, 'app.info');
        expect(info.version).toMatch(/\d+\.\d+\.\d+/);
      } finally {
        await services.close();
        temp.remove();
      }
    });
  }
});
