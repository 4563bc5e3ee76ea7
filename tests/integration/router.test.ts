import { describe, expect, it } from 'vitest';
import type { DatasetInfo, ExperimentSummary } from '../../src/shared/api/dto';
import { call, servicesPerFile, xorSpec } from './helpers';

describe('router', () => {
  const lab = servicesPerFile();

  it('refuses an unknown method as a bad request', async () => {
    const result = await lab.services.router.call('runs.explode', {});
    expect(result).toEqual({ ok: false, error: { code: 'bad-request', message: 'unknown method: runs.explode' } });
  });

  it('does not take inherited object keys for methods', async () => {
    const result = await lab.services.router.call('constructor', {});
    expect(result.ok || result.error.code).toBe('bad-request');
  });

  it('names the offending fields of an invalid request', async () => {
    const spec = { ...xorSpec(), learningRate: -1, layers: [{ units: 0, activation: 'sigmoid' }] };
    const result = await lab.services.router.call('runs.start', { spec });
    if (result.ok) throw new Error('expected a bad request');
    expect(result.error.code).toBe('bad-request');
    const paths = result.error.issues!.map((i) => i.path);
    expect(paths).toContain('spec.learningRate');
    expect(paths).toContain('spec.layers[0].units');
    expect(result.error.message).toMatch(/spec\.learningRate/);
  });

  it('refuses a request that is not an object', async () => {
    const result = await lab.services.router.call('runs.get', 'one');
    expect(result.ok || result.error.code).toBe('bad-request');
  });

  it('answers not-found for a run that does not exist', async () => {
    const result = await lab.services.router.call('runs.get', { id: 999 });
    expect(result).toEqual({ ok: false, error: { code: 'not-found', message: 'run 999 does not exist' } });
  });

  it('answers not-found when starting a run in a missing experiment', async () => {
    const result = await lab.services.router.call('runs.start', { spec: xorSpec(), experimentId: 42 });
    expect(result.ok || result.error.code).toBe('not-found');
  });

  it('turns a dataset error into a bad request with its message', async () => {
    const spec = { kind: 'inline', task: 'regression', inputNames: ['x'], outputNames: ['y'], inputs: [[1], [2, 3]], targets: [[1], [2]] };
    const result = await lab.services.router.call('datasets.preview', { spec });
    expect(result.ok || result.error.code).toBe('bad-request');
  });

  it('creates and lists experiments and lists the built-in datasets', async () => {
    const created = await call<ExperimentSummary>(lab.services, 'experiments.create', { name: '  Gates  ' });
    expect(created.name).toBe('Gates');
    const all = await call<ExperimentSummary[]>(lab.services, 'experiments.list');
    expect(all.map((e) => e.name)).toEqual(['Default', 'Gates']);
    const datasets = await call<DatasetInfo[]>(lab.services, 'datasets.list');
    expect(datasets.find((d) => d.name === 'xor-gate')).toMatchObject({ inputDim: 2, outputDim: 1 });
  });
});
