// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { flushPromises } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import type { RunSummary } from '../../../../src/shared/api/dto';
import { setApi } from '../../../../src/renderer/src/api';
import { useAppStore } from '../../../../src/renderer/src/app/appStore';
import { usePlaygroundStore } from '../../../../src/renderer/src/playground/playgroundStore';
import { fakeApi, type FakeApi } from '../fakeApi';

const base: RunSummary = {
  id: 7, experimentId: 1, name: 'xor-gate 2-4-1', status: 'running', dataset: 'xor-gate', architecture: '2-4-1', seed: 1,
  createdAt: 0, startedAt: 0, finishedAt: null, step: 0, epoch: 0, error: null, lastMetrics: {},
};
let fake: FakeApi;
let step: number;

beforeEach(async () => {
  step = 0;
  fake = fakeApi({
    'app.info': () => ({ version: '0.1.0', mode: 'browser', dataDir: '/tmp/x', cores: 2, maxConcurrentJobs: 1 }),
    'datasets.list': () => [],
    'runs.list': () => [],
    'runs.start': () => ({ ...base }),
    // each answer comes a little later than the one before would if the calls overlapped
    'runs.step': async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      step += 1;
      return { ...base, status: 'paused', step };
    },
    'runs.setSpeed': () => ({ ...base }),
  });
  setApi(fake.api);
  setActivePinia(createPinia());
  await useAppStore().load();
});

const methods = () => fake.calls.map((c) => c.method).filter((m) => m.startsWith('runs.'));

describe('the Playground’s run controls', () => {
  it('steps from no run by starting one paused at its initialization, and three quick presses are three steps in order', async () => {
    const pg = usePlaygroundStore();
    await Promise.all([pg.step(), pg.step(), pg.step()]);
    await flushPromises();
    expect(methods()).toEqual(['runs.start', 'runs.step', 'runs.step', 'runs.step']);
    expect(fake.calls[fake.calls.findIndex((c) => c.method === 'runs.start')].request).toMatchObject({ pace: { startPaused: true, stepsPerSecond: null } });
    expect(pg.run?.step).toBe(3);
  });

  it('starts no run while the form has a problem, and says why', async () => {
    const pg = usePlaygroundStore();
    pg.spec.learningRate = -1;
    await pg.train();
    await pg.step();
    expect(methods()).toEqual([]);
    expect(pg.trainBlockers).toEqual(['Learning rate must be greater than 0']);
  });

  it('sends a new speed to the active run, and the chosen one with the next start', async () => {
    const pg = usePlaygroundStore();
    pg.stepsPerSecond = 10;
    await pg.train();
    expect(fake.calls.find((c) => c.method === 'runs.start')!.request).toMatchObject({ pace: { startPaused: false, stepsPerSecond: 10 } });
    pg.stepsPerSecond = null;
    await flushPromises();
    expect(fake.calls.find((c) => c.method === 'runs.setSpeed')!.request).toEqual({ id: 7, stepsPerSecond: null });
  });
});
