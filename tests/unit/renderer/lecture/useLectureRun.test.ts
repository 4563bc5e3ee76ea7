import { beforeEach, describe, expect, it } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { nextTick } from 'vue';
import type { RunSummary } from '../../../../src/shared/api/dto';
import { TrainSpecSchema } from '../../../../src/shared/training/trainSpec';
import { setApi } from '../../../../src/renderer/src/api';
import { universalCurveSpec } from '../../../../src/renderer/src/lecture/experiments';
import { useLectureRun } from '../../../../src/renderer/src/lecture/useLectureRun';
import { fakeApi, type FakeApi } from '../fakeApi';

const spec = universalCurveSpec('sine', 2, 'tanh');
const summary = (id: number, over: Partial<RunSummary> = {}): RunSummary => ({
  id, experimentId: 1, name: spec.name!, status: 'queued', dataset: 'sine', architecture: '1-2-1', seed: 1,
  createdAt: id, startedAt: null, finishedAt: null, step: 0, epoch: 0, error: null, lastMetrics: {}, ...over,
});
// 1-2-1: W1 (2), b1 (2), W2 (2), b2 (1)
const PARAMS = [0.1, 0.2, 0, 0, 1, -1, 0.5];

let fake: FakeApi;
beforeEach(() => {
  fake = fakeApi({
    'runs.start': () => summary(5),
    'runs.get': ({ id }) => ({ ...summary(id, { status: 'completed' }), uid: 'run-uid', spec: TrainSpecSchema.parse(spec), tags: [], notes: '', archived: false }),
    'runs.list': () => [summary(9, { status: 'completed' })],
    'runs.metrics': () => [],
    'runs.checkpoint': ({ id }) => ({ id: 1, runId: id, step: 10, epoch: 10, createdAt: 0, params: PARAMS }),
  });
  setApi(fake.api);
  setActivePinia(createPinia());
});

describe('a lecture view run', () => {
  it('starts a stored run through runs.start and follows its live parameters', async () => {
    const run = useLectureRun();
    await run.start(spec);
    expect(fake.calls.find((c) => c.method === 'runs.start')?.request).toEqual({ spec });
    expect(run.runId.value).toBe(5);
    expect(run.network.value).toEqual({ inputs: 1, layers: spec.layers, loss: 'mse' });
    fake.emit('run.progress', { runId: 4, status: 'running', step: 1, epoch: 1, points: [], params: [9] });
    expect(run.params.value).toBeNull();
    fake.emit('run.progress', { runId: 5, status: 'running', step: 1, epoch: 1, points: [], params: PARAMS });
    expect(run.params.value).toEqual(PARAMS);
  });

  it('reopens a stored run with its spec and latest checkpoint', async () => {
    const run = useLectureRun();
    await run.open(9);
    await nextTick();
    expect(run.runId.value).toBe(9);
    expect(run.network.value?.layers).toEqual(spec.layers);
    expect(run.params.value).toEqual(PARAMS);
  });

  it('says why a run could not start', async () => {
    fake = fakeApi({ 'runs.start': () => { throw new Error('the queue is full'); } });
    setApi(fake.api);
    setActivePinia(createPinia());
    const run = useLectureRun();
    await run.start(spec);
    expect(run.error.value).toBe('the queue is full');
    expect(run.runId.value).toBeNull();
  });
});
