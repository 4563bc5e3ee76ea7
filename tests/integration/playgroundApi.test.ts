import { describe, expect, it } from 'vitest';
import type { CheckpointData, MetricSeries, RunSummary } from '../../src/shared/api/dto';
import { call, endlessSpec, FINAL, servicesPerTest, waitForProgress, waitForStatus, xorSpec } from './helpers';

describe('the Playground API', () => {
  const app = servicesPerTest();

  it('puts typed-in parameters into a paused run and announces them with fresh losses', async () => {
    const run = await call<RunSummary>(app.services, 'runs.start', { spec: endlessSpec() });
    await waitForProgress(app.services, run.id, (e) => e.step > 0);
    await call(app.services, 'runs.pause', { id: run.id });
    const params = [1, 2, 3, 4, 0.5, -0.5, 1.5, -1.5, 0.25];
    const announced = waitForProgress(app.services, run.id, (e) => e.params?.[0] === 1 && e.params?.[8] === 0.25);
    await call(app.services, 'runs.setParams', { id: run.id, params });
    expect((await announced).params).toEqual(params);
    const stopped = await call<RunSummary>(app.services, 'runs.stop', { id: run.id });
    expect(stopped.status).toBe('stopped');
  });

  it('refuses parameters of the wrong length or for a running run, naming what to change', async () => {
    const run = await call<RunSummary>(app.services, 'runs.start', { spec: endlessSpec() });
    await waitForProgress(app.services, run.id, (e) => e.step > 0);
    const running = await app.services.router.call('runs.setParams', { id: run.id, params: [1, 2, 3, 4, 5, 6, 7, 8, 9] });
    expect(running).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('pause it') } });
    await call(app.services, 'runs.pause', { id: run.id });
    const short = await app.services.router.call('runs.setParams', { id: run.id, params: [1, 2] });
    expect(short).toMatchObject({ ok: false, error: { code: 'bad-request', message: expect.stringContaining('has 9 parameters, got 2') } });
    const infinite = await app.services.router.call('runs.setParams', { id: run.id, params: [1, 2, Infinity] });
    expect(infinite).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    await call(app.services, 'runs.stop', { id: run.id });
  });

  it('changes the regularization of a running run', async () => {
    const run = await call<RunSummary>(app.services, 'runs.start', { spec: endlessSpec() });
    await waitForProgress(app.services, run.id, (e) => e.step > 0);
    const answer = await call<RunSummary>(app.services, 'runs.setRegularization', { id: run.id, regularization: { kind: 'l2', lambda: 0.01 } });
    expect(answer.id).toBe(run.id);
    await call(app.services, 'runs.stop', { id: run.id });
    const done = await app.services.router.call('runs.setRegularization', { id: run.id, regularization: { kind: 'l1', lambda: 0.1 } });
    expect(done).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });

  it('starts a run from weights edited before training', async () => {
    const params = [4, -4, 4, -4, -2, 6, 6, 6, -9];
    const run = await call<RunSummary>(app.services, 'runs.start', { spec: xorSpec({ epochs: 1 }), initialParams: params });
    await waitForStatus(app.services, run.id, FINAL);
    const losses = await call<MetricSeries[]>(app.services, 'runs.metrics', { id: run.id, names: ['train_loss'] });
    expect(losses[0].step[0]).toBe(0);
    const checkpoints = await call<{ id: number; step: number }[]>(app.services, 'runs.checkpoints', { id: run.id });
    const initial = await call<CheckpointData>(app.services, 'runs.checkpoint', { id: run.id, checkpointId: checkpoints[0].id });
    expect(initial.params).toEqual(params);
    const wrong = await app.services.router.call('runs.start', { spec: xorSpec(), initialParams: [1, 2, 3] });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'bad-request', message: expect.stringContaining('2-2-1 network has 9 parameters, got 3') } });
    const both = await app.services.router.call('runs.start', { spec: xorSpec(), initialParams: params, fromModel: { runId: run.id } });
    expect(both).toMatchObject({ ok: false, error: { code: 'bad-request', message: expect.stringContaining('either fromModel or initialParams') } });
  });
});
