// A CNN through the app's own path: runs.start trains a conv net on MNIST digits in the training
// worker, feature visualization opens it (without first-layer weight pictures, which a conv net's
// dense layer does not have) and optimizes an input through the conv layers, and models.export
// writes an ONNX file that onnxruntime-web runs on image input to the engine's outputs.
import * as ort from 'onnxruntime-web';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppServices, type AppServices } from '../../src/main/services/app';
import type { AnalysisJobStatus } from '../../src/shared/api/analysisDto';
import type { CheckpointData, RunSummary } from '../../src/shared/api/dto';
import type { FeatureVisArtifact, FeatureVisContext } from '../../src/shared/api/featureVisDto';
import type { ExportedFile } from '../../src/shared/api/trackingDto';
import { readModel } from '../../src/shared/model';
import { Network } from '../../src/shared/nn/network';
import { call, tempDir, waitForStatus } from './helpers';

ort.env.wasm.numThreads = 1;

let services: AppServices;
let remove: () => void;
let run: RunSummary;

beforeAll(async () => {
  const temp = tempDir();
  remove = temp.remove;
  services = createAppServices({ dataDir: temp.dir, mode: 'browser', maxJobs: 1 });
  const started = await call<RunSummary>(services, 'runs.start', {
    spec: {
      dataset: { kind: 'builtin', name: 'mnist', samples: 400, testFraction: 0.25, seed: 3 },
      imageLayers: [{ kind: 'conv', filters: 3, kernel: 5, stride: 2, activation: 'relu' }, { kind: 'maxpool', size: 2 }],
      layers: [{ units: 10, activation: 'softmax' }],
      loss: 'softmax-ce', optimizer: { kind: 'adam' }, learningRate: 0.01, batchSize: 25, epochs: 4,
    },
  });
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
