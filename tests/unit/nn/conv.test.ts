/**
 * The image layers (conv, maxpool, avgpool, flatten): forward values worked out by hand, shapes
 * and their refusals in words, and gradients (parameters and inputs) against finite differences.
 */
import { describe, expect, it } from 'vitest';
import { gradientCheck } from '../../../src/shared/nn/gradcheck';
import { describeNetworkShapes, planImageLayers } from '../../../src/shared/nn/imageShapes';
import { initializeParams } from '../../../src/shared/nn/init';
import { Network } from '../../../src/shared/nn/network';
import { mulberry32 } from '../../../src/shared/nn/rng';
import { NetworkSpecSchema, parameterCount, type ImageLayerSpec, type NetworkSpec } from '../../../src/shared/nn/spec';

const LENET: ImageLayerSpec[] = [
  { kind: 'conv', filters: 8, kernel: 5, activation: 'relu' },
  { kind: 'maxpool', size: 2 },
  { kind: 'conv', filters: 16, kernel: 5, activation: 'relu' },
  { kind: 'maxpool', size: 2 },
  { kind: 'flatten' },
];

/** A network of one image layer and a linear identity-sized readout, to see the maps themselves. */
function mapsOf(inputShape: [number, number, number], layer: ImageLayerSpec, imageParams: number[], x: number[]): Float64Array {
  const plan = planImageLayers(inputShape, [layer]);
  if ('problem' in plan) throw new Error(plan.problem);
  const size = plan.outputSize;
  const spec: NetworkSpec = { inputs: x.length, inputShape, imageLayers: [layer], layers: [{ units: size, activation: 'linear' }], loss: 'mse' };
  const params = new Float64Array(parameterCount(spec));
  params.set(imageParams);
  // the dense readout is the identity with zero bias
  for (let i = 0; i < size; i++) params[imageParams.length + i * size + i] = 1;
  return new Network(spec, params).predict(Float64Array.from(x), 1);
}

describe('image layer forward values, by hand', () => {
  const nine = [1, 2, 3, 4, 5, 6, 7, 8, 9]; // a 3x3 image, row by row

  it('correlates (no kernel flip) and adds the bias: [[1,0],[0,-1]] on 1..9 gives x[y][x] - x[y+1][x+1] + b', () => {
    const maps = mapsOf([1, 3, 3], { kind: 'conv', filters: 1, kernel: 2, activation: 'linear' }, [1, 0, 0, -1, 0.5], nine);
    expect(Array.from(maps)).toEqual([1 - 5 + 0.5, 2 - 6 + 0.5, 4 - 8 + 0.5, 5 - 9 + 0.5]);
  });

  it('zero-pads and strides: a 3x3 kernel of ones, padding 1, stride 2 on 3x3 sums the four 2x2 corners', () => {
    const maps = mapsOf([1, 3, 3], { kind: 'conv', filters: 1, kernel: 3, stride: 2, padding: 1, activation: 'linear' }, [1, 1, 1, 1, 1, 1, 1, 1, 1, 0], nine);
    expect(Array.from(maps)).toEqual([1 + 2 + 4 + 5, 2 + 3 + 5 + 6, 4 + 5 + 7 + 8, 5 + 6 + 8 + 9]);
  });

  it('sums over input channels, one filter per output channel, and applies the layer\'s activation', () => {
    // two channels of 2x2; filter 0 adds channel 0 and subtracts channel 1; filter 1 doubles channel 1; kernel 1x1
    const x = [1, 2, 3, 4, 10, 20, 30, 40];
    const maps = mapsOf([2, 2, 2], { kind: 'conv', filters: 2, kernel: 1, activation: 'relu' }, [1, -1, 0, 2, 0, -70], x);
    expect(Array.from(maps)).toEqual([0, 0, 0, 0, 0, 0, 0, 10]); // [-9,-18,-27,-36] -> 0; [20,40,60,80] - 70 -> [0,0,0,10]
  });

  it('takes a non-square kernel (1x3) and separate strides', () => {
    const maps = mapsOf([1, 3, 3], { kind: 'conv', filters: 1, kernel: [1, 3], stride: [2, 1], activation: 'linear' }, [1, 1, 1, 0], nine);
    expect(Array.from(maps)).toEqual([6, 24]);
  });

  it('max-pools and average-pools each channel over 2x2 windows', () => {
    const x = [1, 5, 2, 0, 3, 4, 8, 1, 0, 0, 1, 1, 9, 0, 1, 2]; // one 4x4 channel
    expect(Array.from(mapsOf([1, 4, 4], { kind: 'maxpool', size: 2 }, [], x))).toEqual([5, 8, 9, 2]);
    expect(Array.from(mapsOf([1, 4, 4], { kind: 'avgpool', size: 2 }, [], x))).toEqual([13 / 4, 11 / 4, 9 / 4, 5 / 4]);
  });

  it('pools with overlapping windows (3x3, stride 1)', () => {
    expect(Array.from(mapsOf([1, 3, 3], { kind: 'maxpool', size: 3, stride: 1 }, [], nine))).toEqual([9]);
    expect(Array.from(mapsOf([1, 3, 3], { kind: 'maxpool', size: 2, stride: 1 }, [], nine))).toEqual([5, 6, 8, 9]);
  });
});

describe('image layer shapes', () => {
  it('lists the shapes of a LeNet-like net for the UI', () => {
    expect(describeNetworkShapes([1, 28, 28], LENET, [10])).toBe('28×28×1 → 24×24×8 → 12×12×8 → 8×8×16 → 4×4×16 → 256 → 10');
  });

  it('counts the parameters: filters x channels x kernel + filters per conv, then the dense layers on the flattened maps', () => {
    const spec = { inputs: 784, inputShape: [1, 28, 28] as [number, number, number], imageLayers: LENET, layers: [{ units: 10 }] };
    expect(parameterCount(spec)).toBe(8 * 25 + 8 + 16 * 8 * 25 + 16 + 256 * 10 + 10);
  });

  it('refuses a window that does not fit, in words', () => {
    const plan = planImageLayers([1, 4, 4], [{ kind: 'conv', filters: 2, kernel: 5, activation: 'relu' }]);
    expect(plan).toEqual({ problem: 'conv 5×5 stride 1 on 4×4 input gives no output', layer: 0 });
    const parsed = NetworkSpecSchema.safeParse({
      inputs: 784, inputShape: [1, 28, 28], loss: 'mse', layers: [{ units: 1, activation: 'linear' }],
      imageLayers: [...LENET.slice(0, 4), { kind: 'conv', filters: 4, kernel: 5, activation: 'relu' }],
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0].path).toEqual(['imageLayers', 4]);
    expect(parsed.error?.issues[0].message).toBe('conv 5×5 stride 1 on 4×4 input gives no output');
  });

  it('refuses image layers without an image shape, a shape that disagrees with the inputs, and flatten before the end', () => {
    const base = { loss: 'mse', layers: [{ units: 1, activation: 'linear' }] };
    const conv = { kind: 'conv', filters: 1, kernel: 3, activation: 'relu' };
    const message = (spec: object) => NetworkSpecSchema.safeParse({ ...base, ...spec }).error?.issues[0].message;
    expect(message({ inputs: 9, imageLayers: [conv] })).toMatch(/no image shape/);
    expect(message({ inputs: 10, inputShape: [1, 3, 3], imageLayers: [conv] })).toBe('an image of 1 channel of 3x3 has 9 values, but the network has 10 inputs');
    expect(message({ inputs: 9, inputShape: [1, 3, 3], imageLayers: [{ kind: 'flatten' }, conv] })).toMatch(/flatten must be the last/);
    expect(message({ inputs: 9, inputShape: [1, 3, 3], imageLayers: [{ ...conv, padding: 3 }] })).toMatch(/padding must be smaller than the kernel/);
    expect(message({ inputs: 9, inputShape: [1, 3, 3], imageLayers: [{ ...conv, activation: 'softmax' }] })).toMatch(/softmax is only allowed on the output layer/);
  });

  it('still parses every dense-only spec unchanged', () => {
    const spec = { inputs: 2, layers: [{ units: 3, activation: 'tanh' }, { units: 1, activation: 'sigmoid' }], loss: 'bce' };
    expect(NetworkSpecSchema.parse(spec)).toEqual(spec);
  });
});

/** Random rows in [-1, 1] and one-hot targets for `classes` classes. */
function randomBatch(rows: number, inputs: number, classes: number, seed: number): { x: Float64Array; y: Float64Array } {
  const rng = mulberry32(seed);
  const x = Float64Array.from({ length: rows * inputs }, () => 2 * rng() - 1);
  const y = new Float64Array(rows * classes);
  for (let r = 0; r < rows; r++) y[r * classes + Math.floor(rng() * classes)] = 1;
  return { x, y };
}

function randomNetwork(spec: NetworkSpec, seed: number): Network {
  const net = new Network(spec);
  initializeParams(net, { kind: 'uniform', range: 0.5 }, mulberry32(seed));
  // non-zero biases, so their gradients are checked on a general point
  const rng = mulberry32(seed + 1);
  for (const layer of net.imageStack?.layers ?? []) for (let o = 0; o < layer.b.length; o++) layer.b[o] = 0.2 * (2 * rng() - 1);
  return net;
}

const GRADIENT_CASES: { name: string; inputShape: [number, number, number]; imageLayers: ImageLayerSpec[] }[] = [
  { name: 'conv 3x3 tanh on 2x7x5, then avgpool', inputShape: [2, 7, 5], imageLayers: [
    { kind: 'conv', filters: 3, kernel: 3, activation: 'tanh' }, { kind: 'avgpool', size: 2 }] },
  { name: 'conv stride 2 padding 1 (odd sizes), then conv 2x3 sigmoid', inputShape: [1, 9, 7], imageLayers: [
    { kind: 'conv', filters: 2, kernel: 3, stride: 2, padding: 1, activation: 'tanh' },
    { kind: 'conv', filters: 3, kernel: [2, 3], activation: 'sigmoid' }, { kind: 'flatten' }] },
  { name: 'asymmetric padding and stride [1,2], then maxpool 3 stride 2', inputShape: [3, 8, 9], imageLayers: [
    { kind: 'conv', filters: 2, kernel: [3, 2], stride: [1, 2], padding: [1, 0, 2, 1], activation: 'leaky-relu' },
    { kind: 'maxpool', size: 3, stride: 2 }] },
];

describe('image layer gradients against finite differences', () => {
  for (const c of GRADIENT_CASES) {
    it(`backprop agrees for ${c.name}`, () => {
      const inputs = c.inputShape[0] * c.inputShape[1] * c.inputShape[2];
      const net = randomNetwork({ inputs, inputShape: c.inputShape, imageLayers: c.imageLayers,
        layers: [{ units: 4, activation: 'tanh' }, { units: 3, activation: 'softmax' }], loss: 'softmax-ce' }, 11);
      const { x, y } = randomBatch(3, inputs, 3, 5);
      const result = gradientCheck(net, x, y, 3);
      expect(result.maxRelativeError, JSON.stringify(result)).toBeLessThan(1e-7);
    });
  }

  it('takes the gradient with respect to the input through the image layers (feature visualization)', () => {
    const c = GRADIENT_CASES[1];
    const inputs = 63;
    const net = randomNetwork({ inputs, inputShape: c.inputShape, imageLayers: c.imageLayers,
      layers: [{ units: 4, activation: 'tanh' }, { units: 3, activation: 'softmax' }], loss: 'softmax-ce' }, 3);
    const { x } = randomBatch(1, inputs, 3, 9);
    const objective = { layer: 1, unit: 2 };
    const { gradient } = net.inputGradient(x, objective);
    const h = 1e-5;
    for (let i = 0; i < inputs; i++) {
      const at = (v: number) => { const p = x.slice(); p[i] = v; return net.inputGradient(p, objective).value; };
      const numeric = (at(x[i] + h) - at(x[i] - h)) / (2 * h);
      expect(Math.abs(gradient[i] - numeric)).toBeLessThan(1e-8);
    }
  });

});

describe('what image layers do not do yet, in words', () => {
  it('the step-by-step trace refuses a network with image layers', async () => {
    const { trace } = await import('../../../src/shared/nn/trace');
    const net = randomNetwork({ inputs: 9, inputShape: [1, 3, 3], imageLayers: [{ kind: 'conv', filters: 1, kernel: 2, activation: 'tanh' }],
      layers: [{ units: 1, activation: 'linear' }], loss: 'mse' }, 1);
    expect(() => trace(net, new Array(9).fill(0.5), [1], { lr: 0.1 })).toThrow(/conv or pooling layers; the step-by-step trace shows dense layers only/);
  });
});

describe('large batches through image layers', () => {
  // 64x64 inputs: the image layers take at most 2^21 / 4,096 = 512 rows at once
  const spec: NetworkSpec = {
    inputs: 4096, inputShape: [1, 64, 64], loss: 'softmax-ce',
    imageLayers: [{ kind: 'conv', filters: 2, kernel: 3, stride: 4, activation: 'tanh' }, { kind: 'avgpool', size: 2 }],
    layers: [{ units: 3, activation: 'softmax' }],
  };
  const rows = 1100;

  it('predicts in chunks what it predicts row by row', () => {
    const net = randomNetwork(spec, 3);
    const { x } = randomBatch(rows, 4096, 3, 1);
    const all = net.predict(x, rows);
    const single = new Network(spec, net.params);
    for (const r of [0, 511, 512, 1023, 1099]) {
      expect(Array.from(all.subarray(r * 3, r * 3 + 3))).toEqual(Array.from(single.predict(x.subarray(r * 4096, (r + 1) * 4096), 1)));
    }
  });

  it('takes the gradient of a batch larger than one pass as the mean of its rows\' gradients', () => {
    const net = randomNetwork(spec, 4);
    const { x, y } = randomBatch(rows, 4096, 3, 2);
    const loss = net.lossAndGradient(x, y, rows);
    const single = new Network(spec, net.params);
    const mean = new Float64Array(net.grads.length);
    let meanLoss = 0;
    for (let r = 0; r < rows; r++) {
      meanLoss += single.lossAndGradient(x, y, 1, r) / rows;
      for (let k = 0; k < mean.length; k++) mean[k] += single.grads[k] / rows;
    }
    expect(loss).toBeCloseTo(meanLoss, 12);
    for (let k = 0; k < mean.length; k++) expect(Math.abs(net.grads[k] - mean[k])).toBeLessThan(1e-12 * Math.max(1, Math.abs(mean[k])));
  });
});

describe('the parameter budget with image layers', () => {
  it('counts conv weights and names the layers when a network is over MAX_PARAMETERS', async () => {
    const { parameterBudgetProblem } = await import('../../../src/shared/nn/spec');
    const spec = { inputs: 784, inputShape: [1, 28, 28] as [number, number, number],
      imageLayers: [{ kind: 'conv' as const, filters: 1024, kernel: 3, padding: 1, activation: 'relu' as const }], layers: [{ units: 10 }] };
    // 1,024 x 9 + 1,024 conv parameters; 1,024 maps of 28 x 28 into 10 units: 8,028,160 + 10
    expect(parameterBudgetProblem(spec)).toBe('a 784-conv1024@3×3-10 network has 8,038,410 parameters; the limit is 4,000,000: use fewer or smaller layers');
  });
});
