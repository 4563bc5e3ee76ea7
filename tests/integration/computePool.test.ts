// The compute pool against real worker threads: answers and the caller's mistakes come back as
// the errors the router maps, calls queue beyond maxWorkers, a dying worker fails only its call.
import { afterEach, describe, expect, it } from 'vitest';
import { ComputePool, rowsInSlices } from '../../src/main/services/compute';
import { ApiError } from '../../src/main/services/errors';
import { DataError } from '../../src/shared/data/errors';
import { previewDataset, previewOf } from '../../src/shared/data/build';

const pools: ComputePool[] = [];
const pool = (options?: ConstructorParameters<typeof ComputePool>[0]): ComputePool => {
  const made = new ComputePool(options);
  pools.push(made);
  return made;
};
afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close()));
});

describe('the compute pool', () => {
  it('previews in a worker what previewDataset gives on main, and keeps its one worker for the next calls', async () => {
    const compute = pool({ maxWorkers: 1 });
    const spec = { kind: 'builtin' as const, name: 'moons' as const, seed: 4 };
    const samples = await Promise.all([1, 2, 3].map(() => compute.run('previewDataset', { spec, maxPoints: 120 })));
    expect(compute.workers).toBe(1);
    for (const sample of samples) expect(await previewOf(sample, rowsInSlices)).toEqual(previewDataset(spec, 120));
  });

  it('reports a data mistake as a DataError and a bad model file as a bad request naming the file', async () => {
    const compute = pool();
    await expect(compute.run('importModel', { text: '[1,' })).rejects.toSatisfy((err: unknown) =>
      err instanceof ApiError && err.code === 'bad-request' && /^model file: not valid JSON/.test(err.message));
    await expect(compute.run('evaluateModel', {
      model: { kind: 'network', spec: { inputs: 3, layers: [{ units: 1, activation: 'sigmoid' }], loss: 'mse' }, params: new Float64Array(4) },
      dataset: { kind: 'builtin', name: 'xor-gate' }, split: 'all', maxPredictions: 1,
    })).rejects.toSatisfy((err: unknown) => err instanceof DataError && /maps 3 inputs to 1 outputs/.test((err as Error).message));
  });

  it('fails the call of a worker that dies, and fails calls still queued when closed', async () => {
    const dying = pool({ entry: { file: new URL('data:text/javascript,process.exit(3)'), argv: [] } });
    await expect(dying.run('importModel', { text: '{}' })).rejects.toThrow(/exited unexpectedly \(exit code 3\)/);
    const closing = pool({ maxWorkers: 1 });
    const first = closing.run('previewDataset', { spec: { kind: 'builtin', name: 'xor-gate' }, maxPoints: 4 });
    const queued = closing.run('previewDataset', { spec: { kind: 'builtin', name: 'xor-gate' }, maxPoints: 4 });
    const outcomes = Promise.allSettled([first, queued]);
    await closing.close();
    for (const outcome of await outcomes) expect(outcome).toMatchObject({ status: 'rejected', reason: { message: expect.stringMatching(/closed/) } });
    await expect(closing.run('importModel', { text: '{}' })).rejects.toThrow(/closed/);
  });
});
