/**
 * A run started paused at its initialization and stepped through the services, as the
 * Playground's Step does: each step is one optimizer update, recorded and stored like any run's.
 */
import { describe, expect, it } from 'vitest';
import type { MetricSeries, RunSummary } from '../../src/shared/api/dto';
import { call, servicesPerTest, waitForProgress, waitForStatus, xorSpec } from './helpers';

describe('a run started paused', () => {
  const ctx = servicesPerTest();

  it('waits at step 0 with its initial losses, then steps exactly one update per call', async () => {
    const { services } = ctx;
    const run = await call<RunSummary>(services, 'runs.start', { spec: xorSpec(), pace: { startPaused: true } });
    // a step sent before the worker has reported its first pause still waits for its own
    const first = await call<RunSummary>(services, 'runs.step', { id: run.id, unit: 'batch' });
    expect(first).toMatchObject({ status: 'paused', step: 1 });
    const second = await call<RunSummary>(services, 'runs.step', { id: run.id, unit: 'batch' });
    const third = await call<RunSummary>(services, 'runs.step', { id: run.id, unit: 'epoch' });
    expect([second.step, third.step]).toEqual([2, 3]);

    const [trainLoss] = await call<MetricSeries[]>(services, 'runs.metrics', { id: run.id, names: ['train_loss'] });
    // the initialization's loss, then the loss after each step: no step was skipped or doubled
    expect(trainLoss.step).toEqual([0, 1, 2, 3]);
    expect(new Set(trainLoss.value).size).toBe(4);
    expect(services.store.runs.get(run.id)).toMatchObject({ status: 'paused', step: 3 });

    await call(services, 'runs.resume', { id: run.id });
    const done = await waitForStatus(services, run.id, ['completed']);
    expect(done.step).toBe(2000);
  });

  it('reports paused at step 0 before any command, and is stored like any other run', async () => {
    const { services } = ctx;
    const run = await call<RunSummary>(services, 'runs.start', { spec: xorSpec(), pace: { startPaused: true } });
    const paused = await waitForStatus(services, run.id, ['paused']);
    expect(paused.step).toBe(0);
    expect(paused.lastMetrics.train_loss).toBeGreaterThan(0);
    const listed = await call<RunSummary[]>(services, 'runs.list');
    expect(listed.map((r) => r.id)).toContain(run.id);
    await call(services, 'runs.stop', { id: run.id });
    expect(services.store.runs.get(run.id)?.status).toBe('stopped');
  });

  it('trains at a set speed and takes a new speed while it runs', async () => {
    const { services } = ctx;
    const run = await call<RunSummary>(services, 'runs.start', { spec: xorSpec(), pace: { stepsPerSecond: 20 } });
    await waitForProgress(services, run.id, (e) => e.step >= 2);
    // paced, a 2,000-epoch XOR run is still far from done after its first steps (it would finish in well under a second unpaced)
    expect(services.store.runs.get(run.id)?.status).toBe('running');
    await call(services, 'runs.setSpeed', { id: run.id, stepsPerSecond: null });
    const done = await waitForStatus(services, run.id, ['completed']);
    expect(done.step).toBe(2000);
  });

  it('refuses a speed out of range, in words naming the field', async () => {
    const { services } = ctx;
    const result = await services.router.call('runs.start', { spec: xorSpec(), pace: { stepsPerSecond: 0 } });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.issues?.[0]?.path).toBe('pace.stepsPerSecond');
  });
});
