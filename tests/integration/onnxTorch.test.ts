/**
 * PyTorch's own `torch.onnx.export` of small MLPs (tests/fixtures/onnx/torch_mlps.py), imported
 * and run in the engine, against what PyTorch computed. Optional: where /usr/bin/python3 has no
 * torch (CI), the tests are skipped and say why.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { encodeOnnx, readOnnx } from '../../src/shared/model';
import { Network } from '../../src/shared/nn/network';

const PYTHON = '/usr/bin/python3';
const SCRIPT = join(import.meta.dirname, '../fixtures/onnx/torch_mlps.py');

interface TorchCase { file: string; name: string; opset: number; inputs: number[][]; outputs: number[][] }

/** Runs the export script once; undefined with the reason printed where torch is missing. */
function torchExports(): { dir: string; torch: string; cases: TorchCase[] } | undefined {
  const probe = spawnSync(PYTHON, ['-c', 'import torch'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    console.log(`PyTorch import tests skipped: ${PYTHON} ${probe.error ? `cannot run (${probe.error.message})` : `has no torch (${probe.stderr.trim().split('\n').pop()})`}`);
    return undefined;
  }
  const dir = mkdtempSync(join(tmpdir(), 'torch-onnx-'));
  const run = spawnSync(PYTHON, [SCRIPT, dir], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`${SCRIPT} failed: ${run.stderr}`);
  const { torch, cases } = JSON.parse(readFileSync(join(dir, 'cases.json'), 'utf8')) as { torch: string; cases: TorchCase[] };
  return { dir, torch, cases };
}

const exports = torchExports();
afterAll(() => { if (exports) rmSync(exports.dir, { recursive: true, force: true }); });

describe.skipIf(!exports)('ONNX import of PyTorch exports', () => {
  const worst = { difference: 0, file: '' };
  afterAll(() => console.log(`largest difference from PyTorch ${exports?.torch}: ${worst.difference.toExponential(2)} (${worst.file})`));

  for (const c of exports?.cases ?? []) {
    it(`computes what PyTorch computes for ${c.name} exported with opset ${c.opset}`, () => {
      const model = readOnnx(readFileSync(join(exports!.dir, c.file)));
      const rows = c.inputs.length;
      const y = new Network(model.spec, model.params).predict(Float64Array.from(c.inputs.flat()), rows);
      const expected = c.outputs.flat();
      expect(y.length).toBe(expected.length);
      expected.forEach((value, k) => {
        const difference = Math.abs(y[k] - value);
        if (difference > worst.difference) Object.assign(worst, { difference, file: c.file });
        // PyTorch computes in float32; the engine in float64 from the same float32 weights
        expect(difference).toBeLessThan(1e-5);
      });
    });
  }

  it('reads the loss each output layer implies, and folds BatchNorm1d into its Linear layer', () => {
    const byName = (name: string) => readOnnx(readFileSync(join(exports!.dir, `${name}-opset14.onnx`)));
    expect(byName('relu-softmax').spec.loss).toBe('softmax-ce');
    expect(byName('tanh-sigmoid').spec.loss).toBe('bce');
    expect(byName('batchnorm').spec.layers).toEqual([{ units: 5, activation: 'relu' }, { units: 2, activation: 'linear' }]);
    expect(byName('flatten-mnist').spec.inputs).toBe(784);
  });

  it('reads PyTorch CNNs as image layers with their input shape, kernels, strides, padding and pools', () => {
    const lenet = readOnnx(readFileSync(join(exports!.dir, 'lenet-opset14.onnx')));
    expect(lenet.spec.inputShape).toEqual([1, 28, 28]);
    expect(lenet.spec.imageLayers).toEqual([
      { kind: 'conv', filters: 4, kernel: 5, activation: 'relu' }, { kind: 'maxpool', size: 2 },
      { kind: 'conv', filters: 8, kernel: 3, padding: 1, activation: 'tanh' }, { kind: 'avgpool', size: 2 }, { kind: 'flatten' },
    ]);
    const strided = readOnnx(readFileSync(join(exports!.dir, 'strided-cnn-opset9.onnx')));
    expect(strided.spec.imageLayers).toEqual([
      { kind: 'conv', filters: 5, kernel: [3, 2], stride: 2, padding: [1, 0], activation: 'leaky-relu' },
      { kind: 'conv', filters: 4, kernel: 1, activation: 'sigmoid' }, { kind: 'maxpool', size: 2, stride: 1 },
      { kind: 'conv', filters: 6, kernel: [2, 3], stride: [1, 2], padding: [0, 1], activation: 'linear' },
      { kind: 'avgpool', size: [4, 2] }, { kind: 'flatten' },
    ]);
  });
});

/** The ONNX project's own checker (python3-onnx), where it is installed. */
function onnxChecker(): boolean {
  const probe = spawnSync(PYTHON, ['-c', 'import onnx'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    console.log(`ONNX checker test skipped: ${PYTHON} has no onnx package (Debian: python3-onnx)`);
    return false;
  }
  return true;
}

describe.skipIf(!onnxChecker())('the lab\'s ONNX export', () => {
  const conv = new Network({
    inputs: 2 * 9 * 8, inputShape: [2, 9, 8], loss: 'softmax-ce',
    imageLayers: [
      { kind: 'conv', filters: 3, kernel: [3, 2], stride: 2, padding: [1, 0, 2, 1], activation: 'step' },
      { kind: 'maxpool', size: 2, stride: 1 }, { kind: 'conv', filters: 2, kernel: 1, activation: 'tanh' }, { kind: 'avgpool', size: 2 },
    ],
    layers: [{ units: 3, activation: 'relu' }, { units: 2, activation: 'softmax' }],
  });
  for (const [what, net] of [
    ['a dense network', new Network({ inputs: 3, layers: [{ units: 4, activation: 'step' }, { units: 2, activation: 'softmax' }], loss: 'softmax-ce' })],
    ['a network with conv and pooling layers', conv],
  ] as const) it(`passes the ONNX checker with full_check and strict shape inference for ${what}`, () => {
    const dir = mkdtempSync(join(tmpdir(), 'onnx-check-'));
    try {
      const file = join(dir, 'net.onnx');
      writeFileSync(file, encodeOnnx(net, { name: 'checked' }));
      const check = spawnSync(PYTHON, ['-c', [
        'import sys, onnx',
        'm = onnx.load(sys.argv[1])',
        'onnx.checker.check_model(m, full_check=True)',
        'onnx.shape_inference.infer_shapes(m, strict_mode=True)',
      ].join('\n'), file], { encoding: 'utf8' });
      expect(check.stderr).toBe('');
      expect(check.status).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
