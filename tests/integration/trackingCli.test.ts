import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ort from 'onnxruntime-web';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportCommand } from '../../src/main/cli/commands/export';
import { runsCommand } from '../../src/main/cli/commands/runs';
import { CliFailure, UsageError } from '../../src/main/cli/errors';
import { openStoreIn } from '../../src/main/services/store';
import { readModel } from '../../src/shared/model';
import { Network } from '../../src/shared/nn/network';
import { TrainSpecSchema } from '../../src/shared/training/trainSpec';
import { tempDir, xorSpec, captureIo } from './helpers';

ort.env.wasm.numThreads = 1;

const io = captureIo;

const PARAMS = Float64Array.from([0.5, -1, 2, 0.25, 0.1, -0.2, 1.5, -0.75, 0.3]);

describe('the export and runs commands', () => {
  let temp: ReturnType<typeof tempDir>;
  let runId: number;

  beforeEach(() => {
    temp = tempDir();
    const store = openStoreIn(temp.dir);
    const spec = TrainSpecSchema.parse(xorSpec({ name: 'stored xor' }));
    runId = store.runs.create({ experimentId: store.experiments.defaultId(), name: 'stored xor', spec, dataset: 'xor-gate', architecture: '2-2-1', status: 'completed' }).id;
    store.checkpoints.add(runId, 10, 10, PARAMS);
    store.metrics.insertBatch(runId, [{ name: 'train_loss', step: [0, 10], epoch: [0, 10], value: [0.3, 0.1], time: [0, 1] }]);
    store.close();
  });
  afterEach(() => temp.remove());

  it('exports a stored run as ONNX that predicts what the engine predicts', async () => {
    const out = join(temp.dir, 'run.onnx');
    const cli = io();
    expect(await exportCommand(['--run', String(runId), '--format', 'onnx', '--out', out, '--data-dir', temp.dir], cli.io)).toBe(0);
    expect(JSON.parse(cli.out())).toMatchObject({ out, format: 'onnx' });
    const session = await ort.InferenceSession.create(new Uint8Array(readFileSync(out)));
    const x = Float64Array.from([0, 0, 1, 1, 0.5, -3]);
    const result = await session.run({ input: new ort.Tensor('float32', Float32Array.from(x), [3, 2]) });
    const expected = new Network({ inputs: 2, layers: [{ units: 2, activation: 'sigmoid' }, { units: 1, activation: 'sigmoid' }], loss: 'mse' }, PARAMS).predict(x, 3);
    for (let k = 0; k < 3; k++) expect(Math.abs((result.output.data as Float32Array)[k] - expected[k])).toBeLessThan(1e-5);
    await session.release();
  });

  it('exports a stored run as a model file and converts a model file to ONNX', async () => {
    const json = join(temp.dir, 'run.model.json');
    await exportCommand(['--run', String(runId), '--format', 'json', '--out', json, '--data-dir', temp.dir], io().io);
    const model = readModel(JSON.parse(readFileSync(json, 'utf8')));
    expect(Array.from(model.params)).toEqual(Array.from(PARAMS));
    expect(model.meta.name).toBe('stored xor');
    const onnx = join(temp.dir, 'model.onnx');
    expect(await exportCommand(['--model', json, '--format', 'onnx', '--out', onnx], io().io)).toBe(0);
    expect(readFileSync(onnx).length).toBeGreaterThan(100);
  });

  it('refuses a hostile model file with the field at fault and writes nothing', async () => {
    const bad = join(temp.dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ format: 'backprop-lab.model', version: 1, inputs: 2, loss: 'mse', layers: [{ units: 1, activation: 'sigmoid', weights: [[1], [1e400]], bias: [0] }] }));
    const out = join(temp.dir, 'never.onnx');
    await expect(exportCommand(['--model', bad, '--format', 'onnx', '--out', out], io().io)).rejects.toThrow(/layers\[0\]\.weights\[1\]\[0\]: expected a finite number/);
    expect(existsSync(out)).toBe(false);
  });

  it('says what is wrong with the command line or the run', async () => {
    await expect(exportCommand(['--format', 'onnx', '--out', 'x'], io().io)).rejects.toThrow(UsageError);
    await expect(exportCommand(['--run', '99', '--format', 'onnx', '--out', 'x', '--data-dir', temp.dir], io().io)).rejects.toThrow(new CliFailure('export: run 99 does not exist'));
    await expect(exportCommand(['--run', '1', '--format', 'pt', '--out', 'x'], io().io)).rejects.toThrow(/json or onnx/);
    await expect(runsCommand(['list', '--data-dir', join(temp.dir, 'nowhere')], io().io)).rejects.toThrow(/no run database/);
  });

  it('lists runs as a table or JSON, with a filter', async () => {
    const table = io();
    expect(await runsCommand(['list', '--data-dir', temp.dir], table.io)).toBe(0);
    expect(table.out()).toMatch(/stored xor\s+completed\s+xor-gate\s+2-2-1\s+2/);
    const json = io();
    await runsCommand(['list', '--json', '--filter', 'train_loss < 0.2', '--data-dir', temp.dir], json.io);
    expect(JSON.parse(json.out()).map((r: { id: number }) => r.id)).toEqual([runId]);
    const none = io();
    await runsCommand(['list', '--json', '--filter', 'lr > 5', '--data-dir', temp.dir], none.io);
    expect(JSON.parse(none.out())).toEqual([]);
    await expect(runsCommand(['list', '--filter', 'lr >', '--data-dir', temp.dir], io().io)).rejects.toThrow("expected a value after '>' at column 5");
  });

  it('shows one run with its metrics, checkpoints and spec', async () => {
    const text = io();
    await runsCommand(['show', String(runId), '--data-dir', temp.dir], text.io);
    expect(text.out()).toContain(`run ${runId}: stored xor`);
    expect(text.out()).toMatch(/train_loss\s+0\.1\s+0\.1\s+0\.3/);
    const json = io();
    await runsCommand(['show', String(runId), '--json', '--data-dir', temp.dir], json.io);
    expect(JSON.parse(json.out())).toMatchObject({ id: runId, spec: { learningRate: 2 }, checkpoints: [{ step: 10 }] });
    await expect(runsCommand(['show', 'x'], io().io)).rejects.toThrow(UsageError);
  });
});
