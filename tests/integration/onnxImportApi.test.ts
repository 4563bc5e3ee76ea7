/**
 * ONNX through the API: `models.import` of an ONNX file's bytes, the stored model computing what
 * the ONNX graph computes, `models.open` making it a run the analysis jobs read, and refusals
 * in words with nothing stored.
 */
import { describe, expect, it } from 'vitest';
import type { AnalysisJobStatus } from '../../src/shared/api/analysisDto';
import type { RunSummary } from '../../src/shared/api/dto';
import type { ImportedModel, ImportedModelDetail, ModelEvaluation } from '../../src/shared/api/trackingDto';
import { encodeOnnx, readModel } from '../../src/shared/model';
import { Network } from '../../src/shared/nn/network';
import { mulberry32 } from '../../src/shared/nn/rng';
import type { NetworkSpec } from '../../src/shared/nn/spec';
import { f32, intAttr, node, onnxModel } from '../unit/model/onnxGraphs';
import { call, servicesPerTest } from './helpers';

const base64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');

/** A 2-6-3 softmax classifier with fixed random weights, exported by the lab. */
function classifier(): { net: Network; bytes: Uint8Array } {
  const spec: NetworkSpec = { inputs: 2, layers: [{ units: 6, activation: 'tanh' }, { units: 3, activation: 'softmax' }], loss: 'softmax-ce' };
  const net = new Network(spec);
  const rng = mulberry32(4);
  for (let k = 0; k < net.params.length; k++) net.params[k] = Math.fround(rng() * 2 - 1);
  return { net, bytes: encodeOnnx(net) };
}

const blobs = { kind: 'builtin', name: 'blobs', samples: 200, noise: 0.05, testFraction: 0.2, seed: 1, classes: 3 };
const openSpec = (dataset: unknown) => ({
  dataset, layers: [{ units: 6, activation: 'tanh' }, { units: 3, activation: 'softmax' }], loss: 'softmax-ce', learningRate: 0.01, epochs: 1,
});

describe('ONNX files through models.import and models.open', () => {
  const app = servicesPerTest();
  const failure = async (method: string, request: unknown) => {
    const result = await app.services.router.call(method, request);
    if (result.ok) throw new Error(`${method} succeeded`);
    return result.error;
  };

  it('imports an ONNX file as the lab\'s model, the same network bit for bit', async () => {
    const { net, bytes } = classifier();
    const imported = await call<ImportedModel>(app.services, 'models.import', { onnx: base64(bytes), name: 'blobs net' });
    expect(imported).toMatchObject({ name: 'blobs net', architecture: '2-6-3', inputs: 2, loss: 'softmax-ce' });
    const { model } = await call<ImportedModelDetail>(app.services, 'models.get', { id: imported.id });
    const stored = readModel(model);
    expect(Buffer.from(stored.params.buffer).equals(Buffer.from(net.params.buffer))).toBe(true);
    const evaluation = await call<ModelEvaluation>(app.services, 'models.evaluate', { model: { modelId: imported.id }, dataset: blobs, maxPredictions: 3 });
    expect(evaluation.rows).toBe(200);
  });

  it('opens an imported model as a run on a data set that fits, which the analysis jobs read', async () => {
    const imported = await call<ImportedModel>(app.services, 'models.import', { onnx: base64(classifier().bytes) });
    const run = await call<RunSummary>(app.services, 'models.open', { modelId: imported.id, spec: openSpec(blobs) });
    expect(run).toMatchObject({ status: 'completed', architecture: '2-6-3', dataset: 'blobs' });
    const landscape = await call<AnalysisJobStatus>(app.services, 'landscape.compute', { runId: run.id, settings: { mode: 'surface', resolution: 5 } });
    expect((await app.services.analysis.whenSettled(landscape.jobId)).status).toBe('done');
    const features = await call<AnalysisJobStatus>(app.services, 'featureVis.start', {
      runId: run.id, objective: { kind: 'unit', layer: 0, unit: 1 }, settings: { steps: 20, starts: 2, count: 1 },
    });
    expect((await app.services.analysis.whenSettled(features.jobId)).status).toBe('done');
    const representations = await call<AnalysisJobStatus>(app.services, 'representations.start', { runId: run.id, layer: 0, split: 'train' });
    expect((await app.services.analysis.whenSettled(representations.jobId)).status).toBe('done');
  });

  it('refuses to open a model on a data set whose input size does not fit, in words, storing no run', async () => {
    const imported = await call<ImportedModel>(app.services, 'models.import', { onnx: base64(classifier().bytes) });
    const runsBefore = await call<RunSummary[]>(app.services, 'runs.list', {});
    const error = await failure('models.open', { modelId: imported.id, spec: openSpec({ kind: 'builtin', name: 'mnist', samples: 100, seed: 1 }) });
    expect(error.code).toBe('bad-request');
    expect(error.message).toMatch(new RegExp(`imported model ${imported.id}: the model takes 2 inputs but the dataset gives 784`));
    expect(await call<RunSummary[]>(app.services, 'runs.list', {})).toEqual(runsBefore);
  });

  it('refuses a damaged or unsupported ONNX file in words and stores nothing', async () => {
    const conv = onnxModel({ features: [1, 4, 4], opset: 14, nodes: [node('Conv', ['x', 'K'], 'y', [intAttr('group', 2)])], initializers: [f32('K', [2, 1, 2, 2], [1, 1, 1, 1, 1, 1, 1, 1])] });
    const bytes = classifier().bytes;
    for (const [file, message] of [
      [conv, /^model file: node 0 'Conv_y' \(Conv, opset 14\): grouped convolution \(group = 2\) is not supported/],
      [bytes.subarray(0, bytes.length - 3), /^model file: not an ONNX model, or a damaged or truncated one/],
    ] as const) {
      const error = await failure('models.import', { onnx: base64(file) });
      expect(error.code).toBe('bad-request');
      expect(error.message).toMatch(message);
    }
    expect((await failure('models.import', { onnx: 'not base64!' })).code).toBe('bad-request');
    expect((await failure('models.import', {})).message).toMatch(/give either text \(a model file\) or onnx/);
    expect(await call<ImportedModel[]>(app.services, 'models.list')).toEqual([]);
  });
});
