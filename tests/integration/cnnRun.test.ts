// A CNN through the app's own path: runs.start trains a conv net on MNIST digits in the training
// worker, feature visualization opens it (without first-layer weight pictures, which a conv net's
// dense layer does not have) and optimizes an input through the conv layers, and models.export
// writes an ONNX file that onnxruntime-web runs on image input to the engine's outputs.
import * as ort from 'onnxruntime-web';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppServices, type AppServices } from '../../src/main/services/app';
import type { AnalysisJobStatus } from '../../src/shared/api/analysisDto';
import type { CheckpointData, RunSummary } from '../../src/shared/api/dto';
import type { ChannelsReport, FeatureVisArtifact, FeatureVisContext, RepresentationArtifact } from '../../src/shared/api/featureVisDto';
import type { ExportedFile } from '../../src/shared/api/trackingDto';
import type { RunHistograms } from '../../src/shared/api/contract';
import { defaultFeatureVisSettings } from '../../src/shared/analysis/featurevis/featureVisDefaults';
import { readModel } from '../../src/shared/model';
import { Network } from '../../src/shared/nn/network';
import type { LandscapeData } from '../../src/shared/api/landscapeDto';
import { buildDataset } from '../../src/shared/data/build';
import { networkSpecOf, TrainSpecSchema } from '../../src/shared/training/trainSpec';
import { nodeDataSources } from '../../src/main/data/mnist';
import { call, FINAL, tempDir, waitForStatus } from './helpers';

ort.env.wasm.numThreads = 1;

const cnnSpec = (convActivation: 'relu' | 'tanh', epochs = 4) => ({
  dataset: { kind: 'builtin', name: 'mnist', samples: 400, testFraction: 0.25, seed: 3 },
  imageLayers: [{ kind: 'conv', filters: 3, kernel: 5, stride: 2, activation: convActivation }, { kind: 'maxpool', size: 2 }],
  layers: [{ units: 10, activation: 'softmax' }],
  loss: 'softmax-ce', optimizer: { kind: 'adam' }, learningRate: 0.01, batchSize: 25, epochs,
});

let services: AppServices;
let remove: () => void;
let run: RunSummary;

beforeAll(async () => {
  const temp = tempDir();
  remove = temp.remove;
  services = createAppServices({ dataDir: temp.dir, mode: 'browser', maxJobs: 1 });
  const started = await call<RunSummary>(services, 'runs.start', { spec: cnnSpec('relu') });
  expect(started.architecture).toBe('784-conv3@5×5-maxpool2-10');
  run = await waitForStatus(services, started.id, ['completed', 'failed']);
}, 60_000);

afterAll(async () => {
  await services?.close();
  remove?.();
});

describe('a CNN run in the app', () => {
  it('trains in the worker to completion', () => {
    expect(run.status).toBe('completed');
  });

  it('opens in feature visualization and optimizes a class through the conv layers', async () => {
    const context = await call<FeatureVisContext>(services, 'featureVis.context', { runId: run.id });
    expect(context.layout.kind).toBe('image');
    expect(context.weightImages).toBeNull();
    const started = await call<AnalysisJobStatus>(services, 'featureVis.start', {
      runId: run.id, objective: { kind: 'class', class: 3 }, settings: { steps: 20, starts: 1, count: 1 },
    });
    const done = await services.analysis.whenSettled(started.jobId);
    expect(done.error).toBeNull();
    const artifact = await call<FeatureVisArtifact>(services, 'featureVis.get', { id: done.artifactId });
    expect(artifact.report.starts[0].inputs[0]).toHaveLength(784);
  }, 60_000);

  it('describes its conv and pool layers, and gives one digit\'s filters, maps and outputs (the Channels view)', async () => {
    const context = await call<FeatureVisContext>(services, 'featureVis.context', { runId: run.id });
    expect(context.imageLayers).toEqual([
      { index: 0, label: 'Conv 1 · 3@5×5 relu', kind: 'conv', output: [3, 12, 12] },
      { index: 1, label: 'Max pool 1 · 2×2', kind: 'maxpool', output: [3, 6, 6] },
    ]);
    const report = await call<ChannelsReport>(services, 'featureVis.channels', { runId: run.id, split: 'test', row: 7 });
    expect(report.row).toBe(7);
    expect(report.rows).toBe(100);
    expect(report.input).toHaveLength(784);
    expect(report.label).toBeGreaterThanOrEqual(0);
    const [conv, pool] = report.layers;
    expect(conv.filters).toMatchObject({ inChannels: 1, kernelH: 5, kernelW: 5 });
    expect(conv.filters!.values).toHaveLength(3 * 25);
    expect(conv.maps).toHaveLength(3 * 12 * 12);
    expect(pool.filters).toBeNull();
    // each pooled value is the largest of its 2x2 window in the conv map
    expect(pool.maps[0]).toBeCloseTo(Math.max(conv.maps[0], conv.maps[1], conv.maps[12], conv.maps[13]), 4);
    expect(report.outputs.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
    expect(report.predicted).toBe(report.outputs.indexOf(Math.max(...report.outputs)));
    // the model's own forward pass gives the same outputs
    const checkpoint = await call<CheckpointData>(services, 'runs.checkpoint', { id: run.id });
    const json = await call<ExportedFile>(services, 'models.export', { model: { runId: run.id }, format: 'json' });
    const model = readModel(JSON.parse(json.data));
    expect(Array.from(model.params)).toEqual(checkpoint.params);
    const expected = new Network(model.spec, model.params).predict(Float64Array.from(report.input), 1);
    report.outputs.forEach((p, k) => expect(p).toBeCloseTo(expected[k], 4));
  });

  it('refuses a row past the split and a channel that is not there, in words', async () => {
    await expect(call(services, 'featureVis.channels', { runId: run.id, split: 'test', row: 100 })).rejects.toThrow('row: the test split has rows 0..99, got 100');
    await expect(call(services, 'featureVis.start', { runId: run.id, objective: { kind: 'channel', imageLayer: 0, channel: 3 } }))
      .rejects.toThrow('objective.channel: Conv 1 · 3@5×5 relu has 3 channels (0..2), got 3');
  });

  it('visualizes a channel of the conv layer with the digits that excite it most', async () => {
    const started = await call<AnalysisJobStatus>(services, 'featureVis.start', {
      runId: run.id, objective: { kind: 'channel', imageLayer: 0, channel: 1 }, settings: { ...defaultFeatureVisSettings({ kind: 'image', width: 28, height: 28 }, 'channel'), steps: 200, starts: 1 },
      examples: { split: 'test', k: 5 }, evolution: false,
    });
    const done = await services.analysis.whenSettled(started.jobId);
    expect(done.error).toBeNull();
    const artifact = await call<FeatureVisArtifact>(services, 'featureVis.get', { id: done.artifactId });
    expect(artifact.label).toBe('Conv 1, channel 2');
    const top = artifact.report.examples.top.map((e) => e.activation);
    expect(top).toHaveLength(5);
    expect(top).toEqual([...top].sort((a, b) => b - a));
    // the optimized input excites the channel more than its most exciting digit
    expect(artifact.report.starts[0].values[0]).toBeGreaterThan(top[0]);
  }, 60_000);

  it('keeps histograms of every layer at every checkpoint, conv and pool layers included', async () => {
    const histograms = await call<RunHistograms>(services, 'runs.histograms', { id: run.id });
    const checkpoints = await call<{ id: number }[]>(services, 'runs.checkpoints', { id: run.id });
    expect(histograms.checkpoints.map((c) => c.id)).toEqual(checkpoints.map((c) => c.id));
    const last = histograms.checkpoints[histograms.checkpoints.length - 1];
    expect(last.layers.map((l) => l.layer)).toEqual(['Conv 1', 'Max pool 1', 'Output']);
    expect(last.layers[0].weights!.count).toBe(3 * 25);
    expect(last.layers[1].weights).toBeNull();
    // activations of the first 256 training rows: 3 maps of 12x12 per row at the conv layer
    expect(last.layers[0].activations.count).toBe(256 * 3 * 12 * 12);
    expect(last.layers[2].gradients!.counts.reduce((a, b) => a + b, 0)).toBe(3 * 6 * 6 * 10);
  });

  it('lays out a conv layer\'s maps, flattened, on their principal components at each checkpoint', async () => {
    const started = await call<AnalysisJobStatus>(services, 'representations.start', { runId: run.id, layer: 0, imageLayer: 0, split: 'test', maxPoints: 60 });
    const done = await services.analysis.whenSettled(started.jobId);
    expect(done.error).toBeNull();
    const artifact = await call<RepresentationArtifact>(services, 'representations.get', { id: done.artifactId });
    expect(artifact.label).toBe('Conv 1 · 3@5×5 relu (432 values), test data');
    expect(artifact.report).toMatchObject({ kind: 'pca', dims: 2, imageLayer: 0, layerLabel: 'Conv 1 · 3@5×5 relu', units: 432 });
    expect(artifact.report.frames[0].coordinates).toHaveLength(120);
    await expect(call(services, 'representations.start', { runId: run.id, layer: 0, imageLayer: 2 })).rejects.toThrow('imageLayer: this network has image layers 0..1, got 2');
  }, 60_000);

  it('computes its loss landscape in the analysis worker, with the trained network\'s loss at the centre', async () => {
    const checkpoint = await call<CheckpointData>(services, 'runs.checkpoint', { id: run.id });
    const job = await call<AnalysisJobStatus>(services, 'landscape.compute', { runId: run.id, settings: { mode: 'surface', resolution: 5 } });
    const done = await services.analysis.whenSettled(job.jobId);
    expect(done.error).toBeNull();
    const landscape = await call<LandscapeData>(services, 'landscape.get', { id: done.artifactId });
    // the same digits the run trained on, and the network at its stored parameters
    const data = buildDataset(TrainSpecSchema.parse(cnnSpec('relu')).dataset, nodeDataSources);
    const trained = new Network(networkSpecOf(TrainSpecSchema.parse(cnnSpec('relu')), 784), Float64Array.from(checkpoint.params));
    expect(landscape.rows).toBe(300);
    expect(landscape.centerLoss).toBe(trained.loss(data.train.x, data.train.y, data.train.n));
    expect(landscape.loss).toHaveLength(25);
    expect(landscape.loss[12]).toBe(landscape.centerLoss);
    expect(landscape.loss.map(Number).every(Number.isFinite)).toBe(true);
  }, 60_000);

  it('refuses to interpolate to a CNN whose conv layers differ only in their activation', async () => {
    const other = await call<RunSummary>(services, 'runs.start', { spec: cnnSpec('tanh', 1) });
    expect(other.architecture).toBe(run.architecture);
    await waitForStatus(services, other.id, FINAL);
    const result = await services.router.call('landscape.compute', {
      runId: run.id, settings: { mode: 'interpolation', endpoints: 'runToRun', otherRunId: other.id },
    });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toMatch(/different network.*same architecture/);
  }, 60_000);

  it('exports ONNX that onnxruntime-web runs on [N, 1, 28, 28] to the engine\'s outputs', async () => {
    const checkpoint = await call<CheckpointData>(services, 'runs.checkpoint', { id: run.id });
    const json = await call<ExportedFile>(services, 'models.export', { model: { runId: run.id }, format: 'json' });
    const model = readModel(JSON.parse(json.data));
    expect(Array.from(model.params)).toEqual(checkpoint.params);
    const onnx = await call<ExportedFile>(services, 'models.export', { model: { runId: run.id }, format: 'onnx' });
    const session = await ort.InferenceSession.create(new Uint8Array(Buffer.from(onnx.data, 'base64')));
    const x = Float64Array.from({ length: 3 * 784 }, (_, k) => ((k * 37) % 101) / 100);
    const result = await session.run({ input: new ort.Tensor('float32', Float32Array.from(x), [3, 1, 28, 28]) });
    await session.release();
    const expected = new Network(model.spec, model.params).predict(x, 3);
    const actual = result.output.data as Float32Array;
    expect(actual.length).toBe(30);
    for (let k = 0; k < 30; k++) expect(Math.abs(actual[k] - expected[k])).toBeLessThan(1e-5);
  });
});
