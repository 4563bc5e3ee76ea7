import * as ort from 'onnxruntime-web';
import { describe, expect, it } from 'vitest';
import type { CheckpointData, ExperimentSummary, RunSummary } from '../../src/shared/api/dto';
import type { ExportedFile, ImportedModel, ModelEvaluation, RunsTable, SweepProgress, SweepStarted, CompareSeries } from '../../src/shared/api/trackingDto';
import { readModel } from '../../src/shared/model';
import { Network } from '../../src/shared/nn/network';
import { call, FINAL, servicesPerTest, waitForStatus, xorSpec } from './helpers';

ort.env.wasm.numThreads = 1;

const LECTURE_MODEL = {
  format: 'backprop-lab.model', version: 1, inputs: 2,
  layers: [
    { units: 2, activation: 'sigmoid', weights: [[0.15, 0.25], [0.2, 0.3]], bias: [0.35, 0.35] },
    { units: 1, activation: 'sigmoid', weights: [[0.4], [0.45]], bias: [0.6] },
  ],
  loss: 'mse',
};

describe('experiment tracking through the API', () => {
  const app = servicesPerTest();

  const failure = async (method: string, request: unknown) => {
    const result = await app.services.router.call(method, request);
    if (result.ok) throw new Error(`${method} unexpectedly succeeded`);
    return result.error;
  };
  const train = async (overrides: Parameters<typeof xorSpec>[0] = {}): Promise<RunSummary> => {
    const run = await call<RunSummary>(app.services, 'runs.start', { spec: xorSpec({ epochs: 300, ...overrides }) });
    return waitForStatus(app.services, run.id, FINAL);
  };

  it('lists runs with config columns and metric summaries, filters, searches, sorts and archives them', async () => {
    const a = await train({ learningRate: 0.5, name: 'slow' });
    const b = await train({ learningRate: 2, name: 'fast', layers: [{ units: 3, activation: 'tanh' }, { units: 1, activation: 'sigmoid' }] });
    let table = await call<RunsTable>(app.services, 'runs.table', {});
    expect(table.rows.map((r) => r.id)).toEqual([b.id, a.id]);
    const fast = table.rows[0];
    expect(fast).toMatchObject({ lr: 2, activation: 'tanh', outputActivation: 'sigmoid', optimizer: 'sgd', loss: 'mse', epochs: 300, status: 'completed' });
    expect(fast.metrics.train_loss.count).toBeGreaterThan(0);
    expect(fast.durationMs).toBeGreaterThanOrEqual(0);
    expect(table.metricNames).toContain('train_loss');

    table = await call<RunsTable>(app.services, 'runs.table', { filter: 'lr < 1 and activation = sigmoid' });
    expect(table.rows.map((r) => r.id)).toEqual([a.id]);
    table = await call<RunsTable>(app.services, 'runs.table', { sort: { key: 'lr', direction: 'asc' } });
    expect(table.rows.map((r) => r.id)).toEqual([a.id, b.id]);

    await call(app.services, 'runs.rename', { id: a.id, name: 'renamed' });
    await call(app.services, 'runs.setTags', { ids: [a.id, b.id], tags: ['xor', 'week1'] });
    await call(app.services, 'runs.setTags', { ids: [b.id], tags: ['week1'], mode: 'remove' });
    await call(app.services, 'runs.setNotes', { id: b.id, notes: 'tanh hidden layer' });
    table = await call<RunsTable>(app.services, 'runs.table', { search: 'renamed week1' });
    expect(table.rows.map((r) => r.id)).toEqual([a.id]);
    table = await call<RunsTable>(app.services, 'runs.table', { filter: 'tag = xor and not tag = week1' });
    expect(table.rows.map((r) => [r.id, r.notes])).toEqual([[b.id, 'tanh hidden layer']]);

    await call(app.services, 'runs.archive', { ids: [a.id] });
    table = await call<RunsTable>(app.services, 'runs.table', {});
    expect(table.rows.map((r) => r.id)).toEqual([b.id]);
    table = await call<RunsTable>(app.services, 'runs.table', { includeArchived: true });
    expect(table.rows.find((r) => r.id === a.id)!.archived).toBe(true);

    const error = await failure('runs.table', { filter: 'lr < ' });
    expect(error).toMatchObject({ code: 'bad-request', message: "expected a value after '<' at column 6" });
  });

  it('deletes several runs only with confirmation, and none while one is active', async () => {
    const done = await train();
    const endless = await call<RunSummary>(app.services, 'runs.start', { spec: xorSpec({ epochs: 1_000_000 }) });
    expect((await failure('runs.deleteMany', { ids: [done.id] })).code).toBe('bad-request');
    const refused = await failure('runs.deleteMany', { ids: [done.id, endless.id], confirm: true });
    expect(refused.code).toBe('conflict');
    expect(app.services.store.runs.get(done.id)).toBeDefined();
    await call(app.services, 'runs.stop', { id: endless.id });
    expect(await call(app.services, 'runs.deleteMany', { ids: [done.id, endless.id], confirm: true })).toEqual({ deleted: 2 });
  });

  it('runs a run again with changes as a new run in the same experiment', async () => {
    const first = await train();
    const again = await call<RunSummary>(app.services, 'runs.rerun', { id: first.id, changes: { learningRate: 1, 'layers.0.units': 3 } });
    const done = await waitForStatus(app.services, again.id, FINAL);
    expect(done.architecture).toBe('2-3-1');
    const detail = await call<{ spec: { learningRate: number } }>(app.services, 'runs.get', { id: again.id });
    expect(detail.spec.learningRate).toBe(1);
    expect((await failure('runs.rerun', { id: first.id, changes: { learningRate: -1 } })).message).toMatch(/learningRate=-1: learningRate/);
  });

  it('returns compare series of several runs, at most maxPoints each', async () => {
    const a = await train();
    const b = await train({ seed: 2 });
    const series = await call<CompareSeries[]>(app.services, 'runs.series', { ids: [a.id, b.id], names: ['train_loss', 'nope'], maxPoints: 20 });
    expect(series.map((s) => [s.runId, s.name])).toEqual([[a.id, 'train_loss'], [b.id, 'train_loss']]);
    for (const s of series) {
      expect(s.step.length).toBeLessThanOrEqual(22);
      expect(s.total).toBeGreaterThan(20);
    }
  });

  it('exports a run\'s metrics as CSV and JSON', async () => {
    const run = await train();
    const csv = await call<ExportedFile>(app.services, 'runs.exportMetrics', { ids: [run.id], names: ['train_loss'] });
    const lines = csv.data.trim().split('\n');
    expect(lines[0]).toBe('run,series,step,epoch,time,value');
    expect(lines[1]).toMatch(new RegExp(`^${run.id},train_loss,0,0,\\d+,0\\.`));
    const json = await call<ExportedFile>(app.services, 'runs.exportMetrics', { ids: [run.id], format: 'json' });
    expect(JSON.parse(json.data).series.some((s: { series: string }) => s.series === 'train_acc')).toBe(true);
  });

  it('exports a trained run as a model file and as ONNX that predicts the same to 1e-5', async () => {
    const run = await train();
    const checkpoint = await call<CheckpointData>(app.services, 'runs.checkpoint', { id: run.id });
    const json = await call<ExportedFile>(app.services, 'models.export', { model: { runId: run.id }, format: 'json' });
    const model = readModel(JSON.parse(json.data));
    expect(Array.from(model.params)).toEqual(checkpoint.params);
    expect(model.meta.inputNames).toHaveLength(2);

    const onnx = await call<ExportedFile>(app.services, 'models.export', { model: { runId: run.id }, format: 'onnx' });
    expect(onnx).toMatchObject({ encoding: 'base64', filename: expect.stringMatching(/\.onnx$/) });
    const session = await ort.InferenceSession.create(new Uint8Array(Buffer.from(onnx.data, 'base64')));
    const x = Float64Array.from([0, 0, 0, 1, 1, 0, 1, 1]);
    const result = await session.run({ input: new ort.Tensor('float32', Float32Array.from(x), [4, 2]) });
    const expected = new Network(model.spec, model.params).predict(x, 4);
    const actual = result.output.data as Float32Array;
    for (let k = 0; k < 4; k++) expect(Math.abs(actual[k] - expected[k])).toBeLessThan(1e-5);
    await session.release();
  });

  it.each([
    ['not JSON', '{"format":', /model file: not valid JSON/],
    ['an unknown version', JSON.stringify({ ...LECTURE_MODEL, version: 9 }), /model file: version: version 9 is not supported/],
    ['wrong shapes', JSON.stringify({ ...LECTURE_MODEL, layers: [{ ...LECTURE_MODEL.layers[0], weights: [[0.1, 0.2]] }, LECTURE_MODEL.layers[1]] }), /layers\[0\]\.weights: expected 2 rows/],
    ['huge dimensions', JSON.stringify({ ...LECTURE_MODEL, inputs: 4096, layers: [{ units: 4096, activation: 'relu', weights: [], bias: [] }, { units: 4096, activation: 'relu', weights: [], bias: [] }] }), /layers: a 4096-4096-4096 network has 33,562,624 parameters; the limit is 4,000,000/],
    ['a NaN weight', JSON.stringify(LECTURE_MODEL).replace('0.15', 'NaN'), /not valid JSON/],
    ['a null weight', JSON.stringify(LECTURE_MODEL).replace('0.15', 'null'), /layers\[0\]\.weights\[0\]\[0\]: expected a finite number/],
  ])('refuses a model file with %s, saying why, and stores nothing', async (_what, text, message) => {
    const error = await failure('models.import', { text });
    expect(error.code).toBe('bad-request');
    expect(error.message).toMatch(message);
    expect(await call<ImportedModel[]>(app.services, 'models.list')).toEqual([]);
  });

  it('imports a model file, evaluates it and continues training from it', async () => {
    const imported = await call<ImportedModel>(app.services, 'models.import', { text: JSON.stringify(LECTURE_MODEL), name: 'lecture' });
    expect(imported).toMatchObject({ name: 'lecture', architecture: '2-2-1', inputs: 2 });
    expect((await call<ImportedModel[]>(app.services, 'models.list')).map((m) => m.id)).toEqual([imported.id]);

    const evaluation = await call<ModelEvaluation>(app.services, 'models.evaluate', { model: { modelId: imported.id }, dataset: { kind: 'builtin', name: 'xor-gate' }, maxPredictions: 4 });
    expect(evaluation.rows).toBe(4);
    expect(evaluation.accuracy).toBe(0.5);
    expect(evaluation.predictions).toHaveLength(4);
    const lecture = readModel(LECTURE_MODEL);
    const corners = Array.from(new Network(lecture.spec, lecture.params).predict(Float64Array.from([0, 0, 0, 1, 1, 0, 1, 1]), 4));
    for (const [p] of evaluation.predictions) expect(corners.some((c) => Math.abs(c - p) < 1e-12)).toBe(true);

    const started = await call<RunSummary>(app.services, 'runs.start', { spec: xorSpec({ epochs: 50 }), fromModel: { modelId: imported.id } });
    await waitForStatus(app.services, started.id, FINAL);
    const checkpoints = await call<{ id: number; step: number }[]>(app.services, 'runs.checkpoints', { id: started.id });
    const first = await call<CheckpointData>(app.services, 'runs.checkpoint', { id: started.id, checkpointId: checkpoints[0].id });
    expect(first.step).toBe(0);
    expect(first.params).toEqual(Array.from(readModel(LECTURE_MODEL).params));

    const mismatch = await failure('runs.start', { spec: xorSpec({ layers: [{ units: 3, activation: 'sigmoid' }, { units: 1, activation: 'sigmoid' }] }), fromModel: { modelId: imported.id } });
    expect(mismatch.message).toMatch(/layers\[0\] is 2 sigmoid units in the model but 3 sigmoid/);
  });

  it('queues a grid sweep as runs of a new experiment and reports overall progress', async () => {
    const sweep = {
      method: 'grid', name: 'rates',
      base: xorSpec({ epochs: 20 }),
      parameters: [{ path: 'learningRate', values: [0.5, 1] }, { path: 'layers.0.units', values: [2, 3] }],
    };
    const preview = await call<unknown[]>(app.services, 'sweeps.preview', { sweep });
    expect(preview).toHaveLength(4);
    const started = await call<SweepStarted>(app.services, 'sweeps.start', { sweep });
    expect(started.experiment.name).toBe('rates');
    expect(started.runs).toHaveLength(4);
    await Promise.all(started.runs.map((r) => waitForStatus(app.services, r.id, FINAL)));
    const progress = await call<SweepProgress>(app.services, 'sweeps.progress', { experimentId: started.experiment.id });
    expect(progress).toMatchObject({ total: 4, finished: 4, fraction: 1, byStatus: { completed: 4 } });
    const experiments = await call<ExperimentSummary[]>(app.services, 'experiments.list');
    expect(experiments.find((e) => e.id === started.experiment.id)!.runCount).toBe(4);
    const table = await call<RunsTable>(app.services, 'runs.table', { experimentId: started.experiment.id, filter: 'layers.0.units = 3' });
    expect(table.rows).toHaveLength(2);
  });
});
