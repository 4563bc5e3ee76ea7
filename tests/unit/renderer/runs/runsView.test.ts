// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import type { RunRow, RunsTable } from '../../../../src/shared/api/trackingDto';
import { ApiError, setApi } from '../../../../src/renderer/src/api';
import RunsView from '../../../../src/renderer/src/runs/RunsView.vue';
import { fakeApi, type FakeApi } from '../fakeApi';

const row = (id: number, lr: number): RunRow => ({
  id, experimentId: 1, experimentName: 'default', name: `run ${id}`, status: 'completed', dataset: 'xor-gate', architecture: '2-4-1', seed: 1,
  createdAt: id, startedAt: 0, finishedAt: 1000, durationMs: 1000, step: 10, epoch: 10, error: null, tags: id === 1 ? ['baseline'] : [], notes: '',
  archived: false, lr, batch: 0, epochs: 10, optimizer: 'adam', activation: 'tanh', outputActivation: 'sigmoid', loss: 'bce', lineage: null, lrChanges: [],
  hyperparams: { learningRate: lr, 'layers.0.units': 4 }, metrics: { train_loss: { count: 10, last: lr, lastStep: 10, min: lr / 2, max: 1, best: lr / 2 } },
});
const all = [row(1, 0.1), row(2, 0.01), row(3, 0.001)];

let fake: FakeApi;
let deleted: number[];

beforeEach(() => {
  deleted = [];
  fake = fakeApi({
    'experiments.list': () => [{ id: 1, name: 'default', createdAt: 0, runCount: 3 }],
    'models.list': () => [],
    'runs.list': () => [],
    'runs.table': (req): RunsTable => {
      if (req.filter === 'lr <') throw new ApiError('bad-request', 'expected a value after < at column 5');
      const rows = req.filter === 'lr < 0.05' ? all.filter((r) => r.lr < 0.05) : all;
      return { rows: rows.filter((r) => !deleted.includes(r.id)), total: 3 - deleted.length, metricNames: ['train_loss'], hyperparamKeys: ['learningRate'] };
    },
    'runs.deleteMany': (req) => {
      deleted.push(...req.ids);
      return { deleted: req.ids.length };
    },
  });
  setApi(fake.api);
  setActivePinia(createPinia());
  // the throttle's clock and timer only; flushPromises keeps its real setImmediate
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
});
afterEach(() => {
  vi.useRealTimers();
});

const mountView = async () => {
  const wrapper = mount(RunsView, { attachTo: document.body });
  await flushPromises();
  return wrapper;
};
/** The tracking store asks for the table at most every 400 ms (lib/throttle): let that time pass on the fake clock, then the answer arrive. */
const settle = async () => {
  await vi.advanceTimersByTimeAsync(400);
  await flushPromises();
};
const dataRows = (w: Awaited<ReturnType<typeof mountView>>) => w.findAll('tbody tr[data-run-id]');

describe('the Runs view', () => {
  it('lists every run with its key settings, metric and tags', async () => {
    const w = await mountView();
    expect(dataRows(w)).toHaveLength(3);
    expect(w.get('[data-testid="runs-count"]').text()).toBe('3 of 3 runs');
    expect(dataRows(w)[0].text()).toContain('#1 run 1');
    expect(dataRows(w)[0].text()).toContain('baseline');
    expect(w.get('thead').text()).toContain('train_loss');
    w.unmount();
  });

  it('filters with an expression and shows the parser message next to the box, keeping the last rows', async () => {
    const w = await mountView();
    const box = w.get('#runs-filter');
    await box.setValue('lr < 0.05');
    await settle();
    expect(dataRows(w)).toHaveLength(2);
    await box.setValue('lr <');
    await settle();
    expect(w.get('#runs-filter-error').text()).toBe('expected a value after < at column 5');
    expect(box.attributes('aria-invalid')).toBe('true');
    expect(dataRows(w)).toHaveLength(2);
    w.unmount();
  });

  it('deletes the ticked runs only after the second, confirming click', async () => {
    const w = await mountView();
    await dataRows(w)[1].get('input[type="checkbox"]').setValue(true);
    await dataRows(w)[2].get('input[type="checkbox"]').setValue(true);
    const bar = w.get('[role="toolbar"]');
    expect(bar.text()).toContain('2 selected');
    await bar.findAll('button').find((b) => b.text() === 'Delete 2…')!.trigger('click');
    expect(fake.calls.some((c) => c.method === 'runs.deleteMany')).toBe(false);
    await w.get('[role="toolbar"]').findAll('button').find((b) => b.text() === 'Delete')!.trigger('click');
    await flushPromises();
    expect(fake.calls.find((c) => c.method === 'runs.deleteMany')?.request).toEqual({ ids: [2, 3], confirm: true });
    expect(dataRows(w)).toHaveLength(1);
    w.unmount();
  });
});
