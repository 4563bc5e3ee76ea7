// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import type { DatasetInfo, RunSummary } from '../../../../src/shared/api/dto';
import { ApiError, setApi } from '../../../../src/renderer/src/api';
import PlaygroundView from '../../../../src/renderer/src/playground/PlaygroundView.vue';
import { useAppStore } from '../../../../src/renderer/src/app/appStore';
import { usePlaygroundStore } from '../../../../src/renderer/src/playground/playgroundStore';
import { fakeApi, type FakeApi } from '../fakeApi';

const datasets: DatasetInfo[] = [
  { name: 'xor-gate', label: 'XOR gate', task: 'classification', inputDim: 2, outputDim: 1, description: 'four corners' },
  { name: 'spiral-multi', label: 'Spirals', task: 'classification', inputDim: 2, outputDim: 3, description: '' },
  { name: 'sine', label: 'Sine', task: 'regression', inputDim: 1, outputDim: 1, description: '' },
];
const run: RunSummary = {
  id: 5, experimentId: 1, name: 'xor-gate 2-4-1', status: 'running', dataset: 'xor-gate', architecture: '2-4-1', seed: 1,
  createdAt: 0, startedAt: 0, finishedAt: null, step: 0, epoch: 0, error: null, lastMetrics: {}, lineage: null, lrChanges: [],
};

let fake: FakeApi;
let startAnswer: () => RunSummary;

function mountView() {
  // Charts need a canvas; their options are tested as pure functions instead.
  return mount(PlaygroundView, { global: { stubs: { LiveChart: true } }, attachTo: document.body });
}

const inputByLabel = (wrapper: ReturnType<typeof mountView>, label: string) => {
  const el = [...wrapper.element.querySelectorAll('label')].find((l) => l.textContent?.trim() === label);
  if (!el) throw new Error(`no label "${label}"`);
  return wrapper.find(`#${CSS.escape(el.getAttribute('for')!)}`);
};

beforeEach(async () => {
  startAnswer = () => run;
  fake = fakeApi({
    'app.info': () => ({ version: '0.1.0', mode: 'browser', dataDir: '/tmp/x', cores: 2, maxConcurrentJobs: 1 }),
    'datasets.list': () => datasets,
    'datasets.preview': () => ({ name: 'xor-gate', task: 'classification', inputNames: ['x1', 'x2'], outputNames: ['y'], train: { x: [], y: [] }, test: { x: [], y: [] }, totals: { train: 0, test: 0 } }),
    'runs.list': () => [],
    'runs.start': () => startAnswer(),
    'runs.pause': () => ({ ...run, status: 'paused' }),
  });
  setApi(fake.api);
  setActivePinia(createPinia());
  await useAppStore().load();
});

describe('the Playground', () => {
  it('labels every control so it can be found by name', () => {
    const wrapper = mountView();
    for (const label of ['Dataset', 'Hidden layer 1 units', 'Hidden layer 1 activation', 'Output units', 'Output activation', 'Loss', 'Optimizer', 'Learning rate', 'Batch size', 'Epochs', 'Seed']) {
      expect(inputByLabel(wrapper, label).exists(), label).toBe(true);
    }
    wrapper.unmount();
  });

  it('starts a run with the edited spec when Train is pressed', async () => {
    const wrapper = mountView();
    await inputByLabel(wrapper, 'Learning rate').setValue('0.1');
    await wrapper.findAll('button').find((b) => b.text() === 'Train')!.trigger('click');
    await flushPromises();
    const call = fake.calls.find((c) => c.method === 'runs.start')!;
    expect(call.request).toMatchObject({ spec: { dataset: { name: 'xor-gate' }, learningRate: 0.1, layers: [{ units: 4 }, { units: 1, activation: 'sigmoid' }] } });
    expect(usePlaygroundStore().runId).toBe(5);
    wrapper.unmount();
  });

  it('shows the API’s message next to the field it refused', async () => {
    startAnswer = () => {
      throw new ApiError('bad-request', 'invalid request', [{ path: 'spec.epochs', message: 'Epochs: this server allows fewer' }]);
    };
    const wrapper = mountView();
    await inputByLabel(wrapper, 'Epochs').setValue('5000');
    await wrapper.findAll('button').find((b) => b.text() === 'Train')!.trigger('click');
    await flushPromises();
    const input = inputByLabel(wrapper, 'Epochs');
    expect(input.attributes('aria-invalid')).toBe('true');
    expect(wrapper.find(`#${CSS.escape(input.attributes('aria-describedby')!)}`).text()).toBe('Epochs: this server allows fewer');
    await input.setValue('100');
    expect(input.attributes('aria-invalid')).toBeUndefined();
    wrapper.unmount();
  });

  it('adds and removes hidden layers before the output layer', async () => {
    const wrapper = mountView();
    await wrapper.findAll('button').find((b) => b.text().includes('Add hidden layer'))!.trigger('click');
    expect(usePlaygroundStore().spec.layers.map((l) => l.units)).toEqual([4, 4, 1]);
    await wrapper.find('button[aria-label="Remove hidden layer 1"]').trigger('click');
    expect(usePlaygroundStore().spec.layers.map((l) => l.units)).toEqual([4, 1]);
    wrapper.unmount();
  });

  it('fits the output layer and loss to a multi-class dataset', async () => {
    const wrapper = mountView();
    await inputByLabel(wrapper, 'Dataset').setValue('spiral-multi');
    const spec = usePlaygroundStore().spec;
    expect(spec.layers.at(-1)).toEqual({ units: 3, activation: 'softmax' });
    expect(spec.loss).toBe('softmax-ce');
    expect(inputByLabel(wrapper, 'Classes').exists()).toBe(true);
    wrapper.unmount();
  });

  it('enables Pause only while the run is running, and Step while it runs or is paused', async () => {
    const wrapper = mountView();
    const button = (name: string) => wrapper.findAll('button').find((b) => b.text() === name);
    await button('Train')!.trigger('click');
    await flushPromises();
    expect(button('Pause')!.attributes('disabled')).toBeUndefined();
    expect(button('Step')!.attributes('disabled')).toBeUndefined();
    expect(button('Train')!.attributes('disabled')).toBeDefined();
    await button('Pause')!.trigger('click');
    await flushPromises();
    expect(button('Resume')).toBeDefined();
    expect(button('Step')!.attributes('disabled')).toBeUndefined();
    wrapper.unmount();
  });
});
