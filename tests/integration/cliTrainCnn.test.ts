/**
 * A small CNN spec trains from the command line on MNIST digits: `train --spec` with image
 * layers stores a run and writes a version 2 model file whose network predicts what the trained
 * one does, which `export --format onnx` turns into a Conv graph; a spec whose kernel does not
 * fit its images is refused in words before anything is stored.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { trainCommand, type TrainIo } from '../../src/main/cli/commands/train';
import { exportCommand } from '../../src/main/cli/commands/export';
import { readModel, readOnnx } from '../../src/shared/model';
import { Network } from '../../src/shared/nn/network';
import type { TrainSpecInput } from '../../src/shared/training/trainSpec';
import { captureIo, tempDir } from './helpers';

const cnnSpec = (): TrainSpecInput => ({
  name: 'tiny MNIST CNN',
  dataset: { kind: 'builtin', name: 'mnist', samples: 300, testFraction: 0.2, seed: 1 },
  imageLayers: [
    { kind: 'conv', filters: 4, kernel: 5, stride: 2, activation: 'relu' },
    { kind: 'maxpool', size: 2 },
    { kind: 'flatten' },
  ],
  layers: [{ units: 10, activation: 'softmax' }],
  loss: 'softmax-ce', optimizer: { kind: 'adam' }, learningRate: 0.01, batchSize: 30, epochs: 3, seed: 1,
});

describe('cli train of a CNN', () => {
  let temp: ReturnType<typeof tempDir>;
  beforeEach(() => { temp = tempDir(); });
  afterEach(() => temp.remove());

  async function train(spec: TrainSpecInput) {
    const file = join(temp.dir, 'spec.json');
    writeFileSync(file, JSON.stringify(spec));
    const out = join(temp.dir, 'cnn.model.json');
    const cli = captureIo();
    const code = await trainCommand(['--spec', file, '--data-dir', temp.dir, '--out', out], cli.io as unknown as TrainIo);
    return { code, out, lines: cli.out().trim().split('\n').filter(Boolean).map((l) => JSON.parse(l)), stderr: cli.err() };
  }

  it('trains, stores the run and writes a version 2 model file that exports to ONNX', async () => {
    const { code, out, lines } = await train(cnnSpec());
    expect(code).toBe(0);
    const points = lines.filter((l) => l.epoch !== undefined);
    expect(points.at(-1).trainLoss).toBeLessThan(points[0].trainLoss);
    const file = JSON.parse(readFileSync(out, 'utf8'));
    expect(file.version).toBe(2);
    expect(file.inputShape).toEqual([1, 28, 28]);
    const model = readModel(file);
    expect(model.spec.imageLayers).toEqual(cnnSpec().imageLayers);
    // 4 filters of 1 x 5 x 5 weights and a bias; 12 x 12 maps pooled to 6 x 6; 144 x 10 + 10 dense
    expect(model.params.length).toBe(4 * 25 + 4 + 144 * 10 + 10);

    const onnx = join(temp.dir, 'cnn.onnx');
    const exported = captureIo();
    expect(await exportCommand(['--model', out, '--format', 'onnx', '--out', onnx], exported.io as unknown as TrainIo)).toBe(0);
    const back = readOnnx(readFileSync(onnx));
    const x = Float64Array.from({ length: 2 * 784 }, (_, k) => (k % 29) / 29);
    const expected = new Network(model.spec, model.params).predict(x, 2);
    const actual = new Network(back.spec, back.params).predict(x, 2);
    for (let k = 0; k < expected.length; k++) expect(Math.abs(actual[k] - expected[k])).toBeLessThan(1e-5);
  });

  it('refuses a kernel larger than the maps it reads, naming the layer, before storing anything', async () => {
    const spec = cnnSpec();
    spec.imageLayers = [...spec.imageLayers!.slice(0, 2), { kind: 'conv', filters: 2, kernel: 7, activation: 'relu' }];
    await expect(train(spec)).rejects.toThrow(/imageLayers\[2\]: conv 7×7 stride 1 on 6×6 input gives no output/);
  });
});
