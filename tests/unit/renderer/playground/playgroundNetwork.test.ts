// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { flushPromises } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import type { DatasetInfo, RunSummary } from '../../../../src/shared/api/dto';
import { buildDataset } from '../../../../src/shared/data/build';
import { Trainer } from '../../../../src/shared/training/trainer';
import { TrainSpecSchema } from '../../../../src/shared/training/trainSpec';
import { setApi } from '../../../../src/renderer/src/api';
import { useAppStore } from '../../../../src/renderer/src/app/appStore';
import { usePlaygroundStore } from '../../../../src/renderer/src/playground/playgroundStore';
import { usePlaygroundNetworkStore } from '../../../../src/renderer/src/playground/networkStore';
import { fakeApi, type FakeApi } from '../fakeApi';

const datasets: DatasetInfo[] = [
  { name: 'xor-gate', label: 'XOR gate', task: 'classification', inputDim: 2, outputDim: 1, description: '' },
  { name: 'circle', label: 'Circle', task: 'classification', inputDim: 2, outputDim: 1, description: '' },
];
const run: RunSummary = {
  id: 7, experimentId: 1, name: 'xor-gate 2-4-1', status: 'queued', dataset: 'xor-gate', architecture: '2-4-1', seed: 1,
  createdAt: 0, startedAt: null, finishedAt: null, step: 0, epoch: 0, error: null, lastMetrics: {}, lineage: null, lrChanges: [],
};

let fake: FakeApi;
beforeEach(async () => {
  fake = fakeApi({
    'app.info': () => ({ version: '0.1.0', mode: 'browser', dataDir: '/tmp/x', cores: 2, maxConcurrentJobs: 1 }),
    'datasets.list': () => datasets,
    'runs.list': () => [],
    'runs.start': () => run,
    'runs.get': () => { throw new Error('not stored'); },
  });
  setApi(fake.api);
  setActivePinia(createPinia());
  await useAppStore().load();
});

describe('the Playground’s network before training', () => {
  it('shows exactly the initialization the worker’s Trainer will draw', async () => {
    const pg = usePlaygroundStore();
    pg.setDataset('circle');
    pg.setFeatures(['x1^2', 'x2^2', 'x1*x2']);
    const network = usePlaygroundNetworkStore();
    await flushPromises();
    const spec = TrainSpecSchema.parse(JSON.parse(JSON.stringify(pg.spec)));
    const trainer = new Trainer(spec, buildDataset(spec.dataset));
    expect(network.shown?.net.inputs).toBe(3);
    expect(Array.from(network.shown!.net.params)).toEqual(Array.from(trainer.net.params));
    expect(network.shown?.source).toBe('init');
  });

  it('keeps a typed-in weight as a draft and starts the next run from it', async () => {
    const pg = usePlaygroundStore();
    const network = usePlaygroundNetworkStore();
    await flushPromises();
    await network.edit(2, 3.5);
    expect(network.shown?.source).toBe('draft');
    expect(network.shown?.net.params[2]).toBe(3.5);
    await pg.train();
    const call = fake.calls.find((c) => c.method === 'runs.start');
    expect((call?.request as { initialParams: number[] }).initialParams[2]).toBe(3.5);
    expect(pg.draftParams).toBeNull();
  });

  it('refuses a typed value that is not a number, saying what to type', async () => {
    const network = usePlaygroundNetworkStore();
    await flushPromises();
    await network.edit(0, Number.NaN);
    expect(network.editError).toMatch(/Type a number/);
    expect(network.shown?.source).toBe('init');
  });
});

describe('the parameter budget in the layer editor', () => {
  it('names the count and the limit as the units are typed, without drawing the network, and clears when it fits', async () => {
    const pg = usePlaygroundStore();
    const network = usePlaygroundNetworkStore();
    await flushPromises();
    expect(pg.issueFor('layers')).toBeUndefined();
    pg.spec.layers.splice(0, 1, ...Array.from({ length: 10 }, () => ({ units: 4096, activation: 'tanh' as const })));
    await flushPromises();
    expect(pg.issueFor('layers')).toMatch(/^a 2-4096-.*-4096-1 network has [\d,]+ parameters; the limit is 4,000,000/);
    expect(network.shown).toBeNull();
    expect(network.problem).toMatch(/the limit is 4,000,000/);
    pg.spec.layers.splice(0, 10, { units: 4, activation: 'tanh' });
    await flushPromises();
    expect(pg.issueFor('layers')).toBeUndefined();
    expect(network.shown).not.toBeNull();
  });
});
