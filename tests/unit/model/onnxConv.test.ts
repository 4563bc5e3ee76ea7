/**
 * ONNX export and import of networks with image layers: the export (Conv, MaxPool, AveragePool,
 * Flatten, Gemm) run by onnxruntime-web predicts what the engine predicts; export, import and
 * export again gives the same bytes; hand-built graphs of other exporters' forms import; and
 * what the engine has no layer for is refused in words.
 */
import * as ort from 'onnxruntime-web';
import { fromBinary } from '@bufbuild/protobuf';
import { describe, expect, it } from 'vitest';
import { encodeOnnx, readOnnx } from '../../../src/shared/model';
import { ModelProtoSchema } from '../../../src/shared/model/onnxSchema';
import { Network } from '../../../src/shared/nn/network';
import { mulberry32 } from '../../../src/shared/nn/rng';
import type { ImageLayerSpec, ImageShape, NetworkSpec } from '../../../src/shared/nn/spec';
import { f32, i64, intAttr, intsAttr, node, onnxModel, type NodeInit } from './onnxGraphs';

ort.env.wasm.numThreads = 1;

function randomNetwork(spec: NetworkSpec, seed: number): Network {
  const net = new Network(spec);
  const rng = mulberry32(seed);
  for (let k = 0; k < net.params.length; k++) net.params[k] = (rng() * 2 - 1) * 0.5;
  return net;
}

async function onnxPredict(bytes: Uint8Array, x: Float64Array, dims: number[]): Promise<Float32Array> {
  const session = await ort.InferenceSession.create(bytes);
  try {
    const result = await session.run({ input: new ort.Tensor('float32', Float32Array.from(x), dims) });
    return result.output.data as Float32Array;
  } finally {
    await session.release();
  }
}

const cnn = (inputShape: ImageShape, imageLayers: ImageLayerSpec[], classes = 4): NetworkSpec => ({
  inputs: inputShape[0] * inputShape[1] * inputShape[2], inputShape, imageLayers,
  layers: [{ units: 6, activation: 'tanh' }, { units: classes, activation: 'softmax' }], loss: 'softmax-ce',
});

const EXPORTED: [string, NetworkSpec][] = [
  ['a LeNet-like net on 1x28x28 (conv relu, maxpool, conv relu, maxpool, flatten)', cnn([1, 28, 28], [
    { kind: 'conv', filters: 8, kernel: 5, activation: 'relu' }, { kind: 'maxpool', size: 2 },
    { kind: 'conv', filters: 16, kernel: 5, activation: 'relu' }, { kind: 'maxpool', size: 2 }, { kind: 'flatten' }], 10)],
  ['stride 2, asymmetric padding, a 3x2 kernel, average pooling and every conv activation', cnn([3, 11, 9], [
    { kind: 'conv', filters: 4, kernel: [3, 2], stride: 2, padding: [1, 0, 2, 1], activation: 'tanh' },
    { kind: 'conv', filters: 3, kernel: 2, stride: [1, 2], padding: 1, activation: 'sigmoid' },
    { kind: 'avgpool', size: [2, 3], stride: 1 },
    { kind: 'conv', filters: 2, kernel: 1, activation: 'leaky-relu' },
    { kind: 'conv', filters: 2, kernel: 1, activation: 'linear' }])],
  ['a step activation after a conv layer', cnn([1, 6, 6], [{ kind: 'conv', filters: 2, kernel: 3, activation: 'step' }, { kind: 'maxpool', size: 3, stride: 1 }])],
];

describe('ONNX export of networks with image layers', () => {
  for (const [what, spec] of EXPORTED) {
    it(`onnxruntime-web predicts what the engine predicts to 1e-5 for ${what}`, async () => {
      const net = randomNetwork(spec, 5);
      const rows = 7;
      const rng = mulberry32(9);
      const x = Float64Array.from({ length: rows * spec.inputs }, () => rng() * 2 - 1);
      const expected = net.predict(x, rows);
      const actual = await onnxPredict(encodeOnnx(net), x, [rows, ...spec.inputShape!]);
      expect(actual.length).toBe(expected.length);
      for (let k = 0; k < expected.length; k++) expect(Math.abs(actual[k] - expected[k])).toBeLessThan(1e-5);
    });

    it(`imports its own export of ${what} and exports the same bytes again`, () => {
      const net = randomNetwork(spec, 6);
      const bytes = encodeOnnx(net, { name: 'cnn' });
      const back = readOnnx(bytes);
      // the graph's Flatten comes back as the spec's flatten layer, which the engine implies anyway
      const flattened = spec.imageLayers!.at(-1)!.kind === 'flatten' ? spec : { ...spec, imageLayers: [...spec.imageLayers!, { kind: 'flatten' }] };
      expect(back.spec).toEqual(flattened);
      expect(Array.from(back.params)).toEqual(Array.from(net.params, Math.fround));
      expect(encodeOnnx(new Network(back.spec, back.params), back.meta)).toEqual(bytes);
    });
  }

  it('writes Conv, MaxPool, AveragePool, Flatten and Gemm with an image input [N, C, H, W]', () => {
    const model = fromBinary(ModelProtoSchema, encodeOnnx(randomNetwork(EXPORTED[1][1], 1)));
    const ops = model.graph!.node.map((n) => n.opType);
    expect(ops).toEqual(['Conv', 'Tanh', 'Conv', 'Sigmoid', 'AveragePool', 'Conv', 'LeakyRelu', 'Conv', 'Identity', 'Flatten', 'Gemm', 'Tanh', 'Gemm', 'Softmax']);
    const dims = model.graph!.input[0].type!.tensorType!.shape!.dim.map((d) => d.value.value);
    expect(dims).toEqual(['N', 3n, 11n, 9n]);
    const pads = model.graph!.node[0].attribute.find((a) => a.name === 'pads')!.ints.map(Number);
    expect(pads).toEqual([1, 0, 2, 1]);
  });
});

/** A 1x4x4 image graph: Conv 2 filters 3x3 then Flatten and Gemm to 2 outputs, with `convAttributes` and `extra` nodes after the conv. */
function convGraph(convAttributes: NodeInit['attribute'], extra: ReturnType<typeof node>[] = [], weights = [2, 1, 3, 3], gemmInputs = 8) {
  const count = weights.reduce((n, d) => n * d, 1);
  const rng = mulberry32(2);
  return onnxModel({
    features: [1, 4, 4],
    initializers: [
      f32('W', weights, Array.from({ length: count }, () => rng() - 0.5)), f32('B', [weights[0]], [0.1, -0.1]),
      f32('G', [gemmInputs, 2], Array.from({ length: gemmInputs * 2 }, () => rng() - 0.5)),
    ],
    nodes: [node('Conv', ['x', 'W', 'B'], 'c', convAttributes), ...extra, node('Flatten', [extra.length ? extra[extra.length - 1].output![0] : 'c'], 'f'), node('Gemm', ['f', 'G'], 'y')],
  });
}

describe('ONNX import of Conv and pooling', () => {
  it('reads a Conv without kernel_shape or bias-free, with auto_pad SAME_UPPER computed into pads', () => {
    const model = readOnnx(convGraph([{ name: 'auto_pad', s: new TextEncoder().encode('SAME_UPPER'), type: 3 }, intsAttr('strides', [2, 2])], [node('Relu', ['c'], 'r')]));
    // 4 wide, stride 2, kernel 3: 2 outputs need (2 - 1) * 2 + 3 - 4 = 1 pad, after (UPPER)
    expect(model.spec.imageLayers).toEqual([
      { kind: 'conv', filters: 2, kernel: 3, stride: 2, padding: [0, 0, 1, 1], activation: 'relu' }, { kind: 'flatten' },
    ]);
    expect(model.spec.inputShape).toEqual([1, 4, 4]);
    expect(model.spec.layers).toEqual([{ units: 2, activation: 'linear' }]);
  });

  it('closes a Conv with no activation after it as linear, and reads a GlobalAveragePool as an average over the whole map', () => {
    const model = readOnnx(convGraph([intsAttr('pads', [1, 1, 1, 1])], [node('GlobalAveragePool', ['c'], 'g')], [2, 1, 3, 3], 2));
    expect(model.spec.imageLayers).toEqual([
      { kind: 'conv', filters: 2, kernel: 3, padding: 1, activation: 'linear' }, { kind: 'avgpool', size: 4 }, { kind: 'flatten' },
    ]);
  });

  const refused: [string, Uint8Array, RegExp][] = [
    ['grouped convolution', convGraph([intAttr('group', 2)], [], [2, 1, 3, 3]), /Conv, opset 13\): grouped convolution \(group = 2\) is not supported/],
    ['dilated convolution', convGraph([intsAttr('dilations', [2, 2])]), /dilated convolution \(dilations \[2, 2\]\) is not supported/],
    ['a kernel larger than the padded image', convGraph([], [], [2, 1, 5, 5]), /conv 5×5 stride 1 on 4×4 input gives no output/],
    ['padded pooling', convGraph([], [node('MaxPool', ['c'], 'p', [intsAttr('kernel_shape', [2, 2]), intsAttr('pads', [1, 1, 1, 1])])]), /padded pooling is not supported/],
    ['ceil_mode with a partial window', convGraph([intsAttr('pads', [1, 1, 1, 1])], [node('MaxPool', ['c'], 'p', [intsAttr('kernel_shape', [3, 3]), intsAttr('strides', [2, 2]), intAttr('ceil_mode', 1)])]), /ceil_mode = 1 would add a partial window/],
    ['a Softmax over feature maps', convGraph([], [node('Softmax', ['c'], 's', [intAttr('axis', 1)])]), /Softmax over feature maps is not a layer of the lab/],
    ['a transposed convolution', convGraph([], [node('ConvTranspose', ['c'], 't')]), /transposed convolution \(upsampling\) is not in the engine/],
  ];
  for (const [what, bytes, message] of refused) {
    it(`refuses ${what} in words`, () => expect(() => readOnnx(bytes)).toThrow(message));
  }

  it('refuses a Conv after a dense layer and a Conv on rows that are not images', () => {
    const afterDense = onnxModel({
      features: [4],
      initializers: [f32('G', [4, 4], new Array(16).fill(0.1)), f32('W', [1, 1, 1, 1], [1])],
      nodes: [node('Gemm', ['x', 'G'], 'g'), node('Conv', ['g', 'W'], 'y')],
    });
    expect(() => readOnnx(afterDense)).toThrow(/follows a dense layer \(Gemm or MatMul\); the lab's image layers all come before its dense layers/);
    const onRows = onnxModel({ features: [16], initializers: [f32('W', [1, 1, 1, 1], [1])], nodes: [node('Conv', ['x', 'W'], 'y')] });
    expect(() => readOnnx(onRows)).toThrow(/the rows have shape \[N, 16\]; the lab's image layers read images \[N, channels, height, width\]/);
  });

  it('reads a Pad of zero widths (PyTorch writes one before AveragePool) as nothing, and refuses any other Pad', () => {
    const padded = (widths: number[]) => onnxModel({
      features: [1, 4, 4], initializers: [i64('P', [8], widths), f32('G', [16, 2], new Array(32).fill(0.1))],
      nodes: [node('Pad', ['x', 'P'], 'p'), node('Flatten', ['p'], 'f'), node('Gemm', ['f', 'G'], 'y')],
    });
    expect(readOnnx(padded([0, 0, 0, 0, 0, 0, 0, 0])).spec.layers).toEqual([{ units: 2, activation: 'linear' }]);
    expect(() => readOnnx(padded([0, 0, 1, 1, 0, 0, 1, 1]))).toThrow(/a Pad of \[0, 0, 1, 1, 0, 0, 1, 1\] is not read: the lab pads inside its Conv layers/);
  });

  it('refuses a graph that ends in image layers without a dense output layer', () => {
    const bytes = onnxModel({ features: [1, 4, 4], initializers: [f32('W', [1, 1, 3, 3], new Array(9).fill(0.1))], nodes: [node('Conv', ['x', 'W'], 'c'), node('Flatten', ['c'], 'y')] });
    expect(() => readOnnx(bytes)).toThrow(/the graph ends in image layers; the lab needs a dense layer/);
  });
});
