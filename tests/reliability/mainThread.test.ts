// Issue #10, item 12: heavy calls must not stall main's event loop. Real services run
// models.evaluate of a 784-512-10 network on all 10,000 MNIST rows, datasets.preview of MNIST and
// models.import of an 8.6 MB model file, while app.info is asked every 5 ms (open loop: a probe's
// latency counts from when it was due, so a stall shows in every probe it delays). Only the
// outcomes are asserted — every probe answered, every heavy result equal to the main-thread
// computation; the latencies are printed (p99 and the worst), never asserted.
import { describe, expect, it } from 'vitest';
import type { ImportedModel, ImportedModelDetail, ModelEvaluation } from '../../src/shared/api/trackingDto';
import type { DatasetPreview } from '../../src/shared/data/spec';
import { buildDataset, previewDataset } from '../../src/shared/data/build';
import { evaluateModel, readModel, readModelText, writeModel } from '../../src/shared/model';
import { mulberry32 } from '../../src/shared/nn/rng';
import type { NetworkSpec } from '../../src/shared/nn/spec';
import { nodeDataSources } from '../../src/main/data/mnist';
import { resolveModel } from '../../src/main/services/modelSource';
import type { AppServices } from '../../src/main/services/app';
import { call, FINAL, servicesPerTest, waitForStatus, xorSpec } from '../integration/helpers';

const PROBE_EVERY_MS = 5;

/** A 784-512-10 softmax network with small random weights, as a model file's text (about 8.6 MB). */
function bigModelText(seed: number, name: string): string {
  const spec: NetworkSpec = { inputs: 784, layers: [{ units: 512, activation: 'relu' }, { units: 10, activation: 'softmax' }], loss: 'softmax-ce' };
  const rng = mulberry32(seed);
  const params = Float64Array.from({ length: 784 * 512 + 512 + 512 * 10 + 10 }, () => (rng() - 0.5) * 0.1);
  return JSON.stringify(writeModel({ spec, params }, { name }));
}

/**
 * Asks app.info every PROBE_EVERY_MS until `work` settles; each latency runs from the moment
 * the probe was due to its answer. Spins on setImmediate (no timers), so main is never idle
 * longer than a stall makes it.
 */
async function probeWhile<T>(services: AppServices, work: Promise<T>): Promise<{ value: T; latencies: number[]; failures: number }> {
  let finished = false;
  const settled = work.finally(() => { finished = true; });
  const latencies: number[] = [];
  let failures = 0;
  let due = performance.now();
  while (!finished) {
    await new Promise<void>((resolve) => setImmediate(resolve));
    while (performance.now() >= due) {
      const result = await services.router.call('app.info', {});
      if (!result.ok) failures++;
      latencies.push(performance.now() - due);
      due += PROBE_EVERY_MS;
    }
  }
  return { value: await settled, latencies, failures };
}

const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];

describe('heavy calls and a trivial one', () => {
  const app = servicesPerTest();

  it('answers app.info throughout an MNIST evaluation, an MNIST preview and an 8.6 MB import, with the results main would compute', async () => {
    const { services } = app;
    const textA = bigModelText(1, 'big-a');
    const textB = bigModelText(2, 'big-b');
    const mnist = { kind: 'builtin' as const, name: 'mnist' as const };

    const began = performance.now();
    const { value, latencies, failures } = await probeWhile(services, (async () => {
      const imported = await call<ImportedModel>(services, 'models.import', { text: textA });
      const [evaluation, preview, second] = await Promise.all([
        call<ModelEvaluation>(services, 'models.evaluate', { model: { modelId: imported.id }, dataset: mnist, split: 'all' }),
        call<DatasetPreview>(services, 'datasets.preview', { spec: mnist, maxPoints: 1500 }),
        call<ImportedModel>(services, 'models.import', { text: textB, name: 'renamed' }),
      ]);
      return { imported, evaluation, preview, second };
    })());
    const elapsed = performance.now() - began;

    const sorted = [...latencies].sort((a, b) => a - b);
    console.info(`app.info during heavy calls: ${latencies.length} probes over ${elapsed.toFixed(0)} ms, `
      + `p50 ${percentile(sorted, 0.5).toFixed(1)} ms, p99 ${percentile(sorted, 0.99).toFixed(1)} ms, worst ${sorted[sorted.length - 1].toFixed(1)} ms`);
    expect(failures).toBe(0);
    expect(latencies.length).toBeGreaterThan(0);

    // the same numbers main would have computed itself
    const { imported, evaluation, preview, second } = value;
    expect(imported).toMatchObject({ name: 'big-a', architecture: '784-512-10', inputs: 784, loss: 'softmax-ce' });
    const data = buildDataset(mnist, nodeDataSources);
    expect(evaluation).toEqual(evaluateModel(readModelText(textA), data, 'all', 100));
    expect(evaluation.rows).toBe(10_000);
    expect(preview).toEqual(previewDataset(mnist, 1500, nodeDataSources));
    expect(preview.train.x.length + preview.test.x.length).toBe(1500);
    expect(second).toMatchObject({ name: 'renamed', architecture: '784-512-10' });
    const stored = await call<ImportedModelDetail>(services, 'models.get', { id: second.id });
    const b = readModelText(textB);
    expect(stored.model).toEqual(JSON.parse(JSON.stringify(writeModel(b, { ...b.meta, name: 'renamed' }))));
    expect(readModel(stored.model).params).toEqual(b.params);
  }, 180_000);

  it('evaluates a run checkpoint in a worker as main would, and reports a model-file or data mistake as a bad request', async () => {
    const { services } = app;
    const run = await call<{ id: number }>(services, 'runs.start', { spec: xorSpec({ epochs: 50 }) });
    await waitForStatus(services, run.id, FINAL);
    const evaluation = await call<ModelEvaluation>(services, 'models.evaluate', { model: { runId: run.id }, dataset: { kind: 'builtin', name: 'xor-gate' }, maxPredictions: 4 });
    const model = resolveModel(services.store, { runId: run.id });
    expect(evaluation).toEqual(evaluateModel(model, buildDataset({ kind: 'builtin', name: 'xor-gate' }), evaluation.split, 4));

    const notJson = await services.router.call('models.import', { text: '{"format":' });
    expect(notJson).toMatchObject({ ok: false, error: { code: 'bad-request', message: expect.stringMatching(/^model file: not valid JSON/) } });
    const wrongShape = await services.router.call('models.evaluate', { model: { runId: run.id }, dataset: { kind: 'builtin', name: 'mnist' } });
    expect(wrongShape).toMatchObject({ ok: false, error: { code: 'bad-request', message: expect.stringMatching(/the model maps 2 inputs to 1 outputs but/) } });
  }, 120_000);
});
