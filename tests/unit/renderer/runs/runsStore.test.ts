import { beforeEach, describe, expect, it } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import type { RunSummary } from '../../../../src/shared/api/dto';
import { setApi } from '../../../../src/renderer/src/api';
import { useRunsStore } from '../../../../src/renderer/src/runs/runsStore';
import { fakeApi, type FakeApi } from '../fakeApi';

const summary = (id: number, over: Partial<RunSummary> = {}): RunSummary => ({
  id, experimentId: 1, name: `run ${id}`, status: 'running', dataset: 'xor-gate', architecture: '2-4-1', seed: 1,
  createdAt: id * 1000, startedAt: id * 1000, finishedAt: null, step: 0, epoch: 0, error: null, lastMetrics: {}, lineage: null, lrChanges: [], ...over,
});

let fake: FakeApi;
beforeEach(() => {
  fake = fakeApi({
    'runs.list': () => [summary(1, { status: 'completed' }), summary(2)],
    'runs.metrics': () => [{ name: 'train_loss', step: [1, 2], epoch: [1, 2], value: [0.7, 0.6], time: [0, 0] }],
    'runs.start': () => summary(3, { status: 'queued' }),
    'runs.delete': () => ({ deleted: true }),
  });
  setApi(fake.api);
  setActivePinia(createPinia());
});

describe('the runs store', () => {
  it('lists runs newest first', async () => {
    const store = useRunsStore();
    await store.refresh();
    expect(store.runs.map((r) => r.id)).toEqual([2, 1]);
  });

  it('updates a run from status events', async () => {
    const store = useRunsStore();
    await store.refresh();
    fake.emit('run.status', { runId: 2, status: 'diverged', error: 'loss became NaN at step 9', step: 9, epoch: 1 });
    expect(store.byId(2)).toMatchObject({ status: 'diverged', error: 'loss became NaN at step 9', step: 9 });
    expect(store.byId(2)!.finishedAt).not.toBeNull();
  });

  it('appends progress points to the curves, bumps the version and keeps the last values', async () => {
    const store = useRunsStore();
    await store.refresh();
    fake.emit('run.progress', {
      runId: 2, status: 'running', step: 20, epoch: 20,
      points: [{ name: 'train_loss', step: [10, 20], epoch: [10, 20], value: [0.5, 0.25], time: [0, 0] }],
    });
    expect(store.metricsOf(2).get('train_loss')!.value).toEqual([0.5, 0.25]);
    expect(store.metricsVersion[2]).toBe(1);
    expect(store.byId(2)!.lastMetrics.train_loss).toBe(0.25);
    expect(store.byId(2)!.epoch).toBe(20);
  });

  it('loads stored curves once per run', async () => {
    const store = useRunsStore();
    await store.loadMetrics(1);
    await store.loadMetrics(1);
    expect(fake.calls.filter((c) => c.method === 'runs.metrics')).toHaveLength(1);
    expect(store.metricsOf(1).get('train_loss')!.value).toEqual([0.7, 0.6]);
  });

  it('adds a started run to the top of the list', async () => {
    const store = useRunsStore();
    await store.refresh();
    await store.start({} as never);
    expect(store.runs[0].id).toBe(3);
  });

  it('forgets a deleted run and its curves', async () => {
    const store = useRunsStore();
    await store.refresh();
    await store.loadMetrics(1);
    await store.remove(1);
    expect(store.byId(1)).toBeUndefined();
    expect(store.metricsOf(1).get('train_loss')).toBeUndefined();
  });

  it('reloads the list when an event names a run it does not know', async () => {
    const store = useRunsStore();
    await store.refresh();
    const before = fake.calls.filter((c) => c.method === 'runs.list').length;
    fake.emit('run.status', { runId: 99, status: 'running', error: null, step: 0, epoch: 0 });
    expect(fake.calls.filter((c) => c.method === 'runs.list').length).toBe(before + 1);
  });
});
