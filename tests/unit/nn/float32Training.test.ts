/**
 * Training in float32 (TrainSpec precision, nn/precision.ts, float32Network.ts): which runs get
 * it, that its gradient is the float64 network's to float32 accuracy for every hidden activation
 * and loss, that a run follows the float64 run closely and reproduces itself bit for bit, on the
 * WebAssembly kernels and on the JavaScript reference alike, and that everything read from the
 * Trainer (net, evaluation, diagnostics) sees the float32 parameters widened.
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { instantiateWasmKernels, kernelsWasmPath } from '../../../src/main/data/wasmKernels';
import { jsFloat32Kernels } from '../../../src/shared/nn/float32Kernels';
import { Float32Network } from '../../../src/shared/nn/float32Network';
import { float32Kernels, installAcceleratedKernels } from '../../../src/shared/nn/kernels';
import { Network } from '../../../src/shared/nn/network';
import { resolvePrecision } from '../../../src/shared/nn/precision';
import { mulberry32 } from '../../../src/shared/nn/rng';
import type { ActivationName, LossName, NetworkSpec } from '../../../src/shared/nn/spec';
import { trainSpecIssues } from '../../../src/shared/training/trainSpec';
import { Trainer } from '../../../src/shared/training/trainer';
import { dataset, trainSpec } from './helpers';

afterEach(() => installAcceleratedKernels(null));

/** 300 rows of 96 inputs (60% zeros, as images have) in 4 classes; 96 x 64 is over the large-layer threshold. */
function wideData(seed = 1) {
  const rng = mulberry32(seed);
  const inputs: number[][] = [];
  const targets: number[][] = [];
  for (let r = 0; r < 300; r++) {
    const label = r % 4;
    inputs.push(Array.from({ length: 96 }, (_, i) => (rng() < 0.6 ? 0 : rng() + (i % 4 === label ? 1 : 0))));
    targets.push([0, 1, 2, 3].map((k) => (k === label ? 1 : 0)));
  }
  return dataset('wide', 'classification', inputs, targets);
}

const wideSpec = (precision: 'float32' | 'float64' | 'auto', extra: object = {}) => trainSpec({
  dataset: { kind: 'builtin', name: 'xor-gate' },
  layers: [{ units: 64, activation: 'relu' }, { units: 32, activation: 'tanh' }, { units: 4, activation: 'softmax' }],
  loss: 'softmax-ce', learningRate: 0.05, batchSize: 16, epochs: 5, seed: 3, precision, ...extra,
});

describe('which precision a run trains in', () => {
  const mlp = (inputs: number, units: number[]): NetworkSpec => ({
    inputs, layers: units.map((u) => ({ units: u, activation: 'relu' as ActivationName })), loss: 'mse',
  });

  it('auto is float32 for a network with a layer over 4,096 weights, float64 for the lecture sizes and for conv nets', () => {
    expect(resolvePrecision('auto', mlp(784, [128, 64, 10]))).toBe('float32');
    expect(resolvePrecision(undefined, mlp(64, [65, 1]))).toBe('float32');
    expect(resolvePrecision('auto', mlp(64, [64, 1]))).toBe('float64');
    expect(resolvePrecision('auto', mlp(2, [8, 8, 1]))).toBe('float64');
    const conv: NetworkSpec = { ...mlp(784, [128, 10]), inputShape: [1, 28, 28], imageLayers: [{ kind: 'conv', filters: 4, kernel: 3, stride: 1, padding: 0, activation: 'relu' }] };
    expect(resolvePrecision('auto', conv)).toBe('float64');
    expect(resolvePrecision('float64', mlp(784, [128, 10]))).toBe('float64');
    expect(resolvePrecision('float32', mlp(2, [2, 1]))).toBe('float32');
  });

  it('refuses float32 for a conv net, naming the field', () => {
    const issues = trainSpecIssues({
      dataset: { kind: 'builtin', name: 'mnist' }, precision: 'float32', loss: 'softmax-ce',
      imageLayers: [{ kind: 'conv', filters: 4, kernel: 3, stride: 1, padding: 0, activation: 'relu' }],
      layers: [{ units: 10, activation: 'softmax' }],
    });
    expect(issues).toEqual([expect.objectContaining({ path: ['precision'], message: expect.stringMatching(/dense layers only/) })]);
  });
});

describe('Float32Network', () => {
  const cases: [ActivationName, LossName, ActivationName][] = [
    ['relu', 'softmax-ce', 'softmax'], ['tanh', 'mse', 'linear'], ['sigmoid', 'bce', 'sigmoid'], ['leaky-relu', 'mse-half', 'tanh'],
  ];
  it.each(cases)('gives the float64 gradient to float32 accuracy (%s hidden, %s)', (hidden, loss, output) => {
    const outputs = loss === 'softmax-ce' ? 4 : 3;
    const spec: NetworkSpec = { inputs: 70, layers: [{ units: 61, activation: hidden }, { units: 9, activation: hidden }, { units: outputs, activation: output }], loss };
    const rng = mulberry32(outputs + hidden.length);
    const rows = 11;
    const x = Float32Array.from({ length: (rows + 1) * 70 }, () => (rng() < 0.5 ? 0 : Math.fround(2 * rng() - 1)));
    const y = Float64Array.from({ length: (rows + 1) * outputs }, (_, k) => (loss === 'softmax-ce' ? (k % outputs === 1 ? 1 : 0) : rng()));
    const reference = new Network(spec);
    reference.params.set(Array.from({ length: reference.params.length }, () => Math.fround(0.4 * (2 * rng() - 1))));
    const wanted = reference.lossAndGradient(Float64Array.from(x), y, rows, 1);

    const net = new Float32Network(spec, jsFloat32Kernels);
    net.setParams(reference.params);
    const loss32 = net.lossAndGradient(x, 1, y, 1, rows);
    expect(Math.abs(loss32 - wanted) / wanted).toBeLessThan(1e-5);
    let scale = 0;
    for (const g of reference.grads) scale = Math.max(scale, Math.abs(g));
    for (let k = 0; k < net.grads.length; k++) expect(Math.abs(net.grads[k] - reference.grads[k])).toBeLessThan(1e-5 * scale);
  });

  it('refuses conv layers in words', () => {
    const spec: NetworkSpec = {
      inputs: 16, inputShape: [1, 4, 4], imageLayers: [{ kind: 'conv', filters: 2, kernel: 3, stride: 1, padding: 0, activation: 'relu' }],
      layers: [{ units: 2, activation: 'softmax' }], loss: 'softmax-ce',
    };
    expect(() => new Float32Network(spec, jsFloat32Kernels)).toThrow(/float64 only/);
  });
});

describe('Trainer in float32', () => {
  const run = (precision: 'float32' | 'float64' | 'auto', extra: object = {}) => {
    const trainer = new Trainer(wideSpec(precision, extra), wideData());
    const losses: number[] = [];
    while (!trainer.done) {
      trainer.trainEpoch();
      losses.push(trainer.evaluate('train').loss);
    }
    return { trainer, losses, params: trainer.net.params.slice() };
  };

  it('auto picks float32 for this size and follows the float64 run to about 1e-5', () => {
    const single = run('auto');
    const double = run('float64');
    expect(single.trainer.precision).toBe('float32');
    expect(double.trainer.precision).toBe('float64');
    expect(single.losses[4]).toBeLessThan(single.losses[0]);
    single.losses.forEach((loss, e) => expect(Math.abs(loss - double.losses[e]) / double.losses[e]).toBeLessThan(1e-4));
    expect(single.trainer.evaluate('train').accuracy).toBe(double.trainer.evaluate('train').accuracy);
    // what net shows are the float32 parameters, widened
    expect(Array.from(single.params).every((p) => Math.fround(p) === p)).toBe(true);
  });

  it.each([['sgd'], ['momentum'], ['nesterov'], ['adam']])('with %s, the WebAssembly kernels and the JavaScript reference train the same bits', (kind) => {
    const extra = { optimizer: { kind }, regularization: { kind: 'l2', lambda: 1e-3 }, learningRate: kind === 'adam' ? 0.003 : 0.05, epochs: 2 };
    const js = run('float32', extra);
    installAcceleratedKernels(instantiateWasmKernels(readFileSync(kernelsWasmPath())));
    const simd = run('float32', extra);
    expect(Array.from(simd.params)).toEqual(Array.from(js.params));
    expect(simd.losses).toEqual(js.losses);
    expect(js.losses[1]).toBeLessThan(js.losses[0] * 1.01);
    // and with a helper thread sharing every large layer and update (kernelHelper.ts)
    installAcceleratedKernels(instantiateWasmKernels(readFileSync(kernelsWasmPath()), { threads: 2 }));
    const shared = run('float32', extra);
    expect(float32Kernels().name).toBe('wasm-simd, 2 threads');
    expect(Array.from(shared.params)).toEqual(Array.from(js.params));
    expect(shared.losses).toEqual(js.losses);
  });

  it('trains MNIST-sized layers on two threads to the same bits as on one, batch by batch', () => {
    const rng = mulberry32(9);
    const inputs: number[][] = [];
    const targets: number[][] = [];
    for (let r = 0; r < 96; r++) {
      inputs.push(Array.from({ length: 784 }, () => (rng() < 0.8 ? 0 : rng())));
      targets.push(Array.from({ length: 10 }, (_, k) => (k === r % 10 ? 1 : 0)));
    }
    const data = dataset('digits', 'classification', inputs, targets);
    const spec = trainSpec({
      dataset: { kind: 'builtin', name: 'xor-gate' },
      layers: [{ units: 128, activation: 'relu' }, { units: 64, activation: 'relu' }, { units: 10, activation: 'softmax' }],
      loss: 'softmax-ce', optimizer: { kind: 'adam' }, learningRate: 0.001, batchSize: 32, epochs: 2, seed: 4,
    });
    const train = (threads: number) => {
      installAcceleratedKernels(instantiateWasmKernels(readFileSync(kernelsWasmPath()), { threads }));
      const trainer = new Trainer(spec, data);
      const losses: number[] = [];
      while (!trainer.done) losses.push(trainer.trainBatch().batchLoss);
      return { losses, params: Array.from(trainer.net.params) };
    };
    const one = train(1);
    const two = train(2);
    expect(two.losses).toEqual(one.losses);
    expect(two.params).toEqual(one.params);
    expect(one.losses.at(-1)).toBeLessThan(one.losses[0]);
  });

  it('starts from given parameters, rounded to float32, and reports diagnostics of the float32 network', () => {
    const trainer = new Trainer(wideSpec('float32'), wideData());
    const start = Float64Array.from({ length: trainer.net.params.length }, (_, k) => 0.01 * Math.sin(k) + 1e-9);
    trainer.setParams(start);
    expect(trainer.net.params[5]).toBe(Math.fround(start[5]));
    const before = trainer.evaluate('train').loss;
    trainer.trainBatch();
    expect(trainer.net.params[5]).not.toBe(Math.fround(start[5]));
    const diagnostics = trainer.diagnostics();
    expect(diagnostics).toHaveLength(3);
    expect(diagnostics[0].gradNorm).toBeGreaterThan(0);
    expect(diagnostics[0].deadFraction).not.toBeNull();
    expect(diagnostics[1].deadFraction).toBeNull();
    expect(trainer.evaluate('train').loss).not.toBe(before);
  });

  it('marks a run that diverges, and stops there', () => {
    const trainer = new Trainer(wideSpec('float32', {
      layers: [{ units: 64, activation: 'linear' }, { units: 4, activation: 'linear' }], loss: 'mse', learningRate: 100,
    }), wideData());
    while (!trainer.done) trainer.trainEpoch();
    expect(trainer.diverged).toBe(true);
    expect(trainer.divergedAt).toBeGreaterThan(0);
  });
});
