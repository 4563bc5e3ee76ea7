import * as ort from 'onnxruntime-web';
import { describe, expect, it } from 'vitest';
import { encodeOnnx, ModelFileError, readOnnx, writeModel } from '../../../src/shared/model';
import { DATA_TYPE } from '../../../src/shared/model/onnxSchema';
import { Network } from '../../../src/shared/nn/network';
import { mulberry32 } from '../../../src/shared/nn/rng';
import { ACTIVATIONS, type ActivationName, type NetworkSpec } from '../../../src/shared/nn/spec';
import {
  f32, f32List, f64, f64List, floatAttr, i64, intAttr, intsAttr, node, onnxModel, tensorAttr, type GraphOptions,
} from './onnxGraphs';

ort.env.wasm.numThreads = 1;

const random = (count: number, seed: number, scale = 1): number[] => {
  const rng = mulberry32(seed);
  return Array.from({ length: count }, () => (rng() * 2 - 1) * scale);
};

function randomNetwork(spec: NetworkSpec, seed: number): Network {
  const net = new Network(spec);
  net.params.set(random(net.params.length, seed));
  return net;
}

/** onnxruntime-web's outputs for rows of `features` values: the oracle for hand-built graphs. */
async function ortRun(bytes: Uint8Array, x: number[], rows: number, features: number[]): Promise<number[]> {
  const session = await ort.InferenceSession.create(bytes);
  try {
    const result = await session.run({ x: new ort.Tensor('float32', Float32Array.from(x), [rows, ...features]) });
    return Array.from(result.y.data as Float32Array);
  } finally {
    await session.release();
  }
}

/** Imports the graph, runs it in the engine and checks it against onnxruntime-web; returns the imported model. */
async function expectAgreesWithOrt(g: GraphOptions, rows = 16) {
  const bytes = onnxModel(g);
  const model = readOnnx(bytes);
  const features = g.features as number[];
  const width = features.reduce((n, d) => n * d, 1);
  const x = random(rows * width, 99, 2).map(Math.fround);
  const expected = await ortRun(bytes, x, rows, features);
  const actual = new Network(model.spec, model.params).predict(Float64Array.from(x), rows);
  expect(actual.length).toBe(expected.length);
  for (let k = 0; k < expected.length; k++) expect(Math.abs(actual[k] - expected[k])).toBeLessThan(1e-5);
  return model;
}

const activationsOf = (spec: NetworkSpec): ActivationName[] => spec.layers.map((l) => l.activation);
const bitsEqual = (a: ArrayLike<number>, b: ArrayLike<number>): boolean =>
  a.length === b.length && Array.from(a).every((v, k) => Object.is(v, b[k]));

describe('ONNX import of the lab\'s own exports', () => {
  const specs: NetworkSpec[] = [
    ...ACTIVATIONS.filter((a) => a !== 'softmax').map((activation): NetworkSpec => ({ inputs: 3, layers: [{ units: 4, activation }, { units: 2, activation }], loss: 'mse' })),
    { inputs: 4, layers: [{ units: 5, activation: 'relu' }, { units: 3, activation: 'softmax' }], loss: 'softmax-ce' },
    { inputs: 2, layers: [{ units: 3, activation: 'tanh' }, { units: 1, activation: 'sigmoid' }], loss: 'bce' },
  ];
  for (const spec of specs) {
    it(`reads back ${spec.layers.map((l) => l.activation).join(' + ')} with every float32 weight bit for bit`, () => {
      const net = randomNetwork(spec, 5);
      const meta = { name: 'round trip', inputNames: Array.from({ length: spec.inputs }, (_, i) => `in${i}`) };
      const bytes = encodeOnnx(net, meta);
      const back = readOnnx(bytes);
      expect(back.spec).toEqual(spec);
      expect(back.meta).toEqual(meta);
      // the export writes float32: what comes back is each weight rounded to float32, exactly
      expect(bitsEqual(back.params, Array.from(net.params, Math.fround))).toBe(true);
      // and exporting what was imported gives the same file, byte for byte
      expect(Buffer.compare(Buffer.from(encodeOnnx(back, back.meta)), Buffer.from(bytes))).toBe(0);
    });
  }

  it('keeps the loss, names and scaling through export and import: the model file is the same', () => {
    const spec: NetworkSpec = { inputs: 2, layers: [{ units: 3, activation: 'relu' }, { units: 2, activation: 'linear' }], loss: 'mse-half' };
    const net = randomNetwork(spec, 8);
    net.params.set(Array.from(net.params, Math.fround));
    const meta = {
      name: 'energy', inputNames: ['a', 'b'], outputNames: ['heat', 'cool'],
      scaling: { inputs: [{ offset: 1, scale: 2 }, { offset: -3, scale: 0.5 }], outputs: [{ offset: 0, scale: 10 }, { offset: 4, scale: 1 }] },
    };
    const back = readOnnx(encodeOnnx(net, meta));
    expect(writeModel(back, back.meta)).toEqual(writeModel(net, meta));
  });

  it('refuses every cut of an exported file, never reading a part as a whole model', () => {
    const bytes = encodeOnnx(randomNetwork({ inputs: 2, layers: [{ units: 2, activation: 'step' }, { units: 1, activation: 'sigmoid' }], loss: 'bce' }, 2), { name: 'n' });
    for (let length = 0; length < bytes.length; length++) {
      expect(() => readOnnx(bytes.subarray(0, length)), `cut at ${length} of ${bytes.length}`).toThrow(ModelFileError);
    }
  });
});

describe('ONNX import of hand-built graphs, checked against onnxruntime-web', () => {
  const w = (rows: number, cols: number, seed: number) => random(rows * cols, seed);

  it('reads Gemm with transB, alpha and beta, and a [1, M] bias', async () => {
    const model = await expectAgreesWithOrt({
      features: [3],
      nodes: [
        node('Gemm', ['x', 'W1', 'C1'], 'h', [intAttr('transB', 1), floatAttr('alpha', 0.5), floatAttr('beta', 2)]),
        node('Relu', ['h'], 'a'),
        node('Gemm', ['a', 'W2', 'C2'], 'z', [intAttr('transB', 1)]),
        node('Softmax', ['z'], 'y', [intAttr('axis', -1)]),
      ],
      initializers: [f32('W1', [4, 3], w(4, 3, 1)), f32('C1', [4], w(1, 4, 2)), f32('W2', [3, 4], w(3, 4, 3)), f32('C2', [1, 3], w(1, 3, 4))],
    });
    expect(activationsOf(model.spec)).toEqual(['relu', 'softmax']);
    expect(model.spec.loss).toBe('softmax-ce');
  });

  it('reads Gemm without transB and without a bias', async () => {
    const model = await expectAgreesWithOrt({
      features: [3],
      nodes: [node('Gemm', ['x', 'W'], 'z'), node('Sigmoid', ['z'], 'y')],
      initializers: [f32('W', [3, 2], w(3, 2, 5))],
    });
    expect(model.spec).toEqual({ inputs: 3, layers: [{ units: 2, activation: 'sigmoid' }], loss: 'bce' });
  });

  it('reads MatMul + Add with the bias on either side, Tanh and Identity', async () => {
    const model = await expectAgreesWithOrt({
      features: [2],
      nodes: [
        node('MatMul', ['x', 'W1'], 'm1'), node('Add', ['b1', 'm1'], 'z1'), node('Tanh', ['z1'], 'a1'),
        node('MatMul', ['a1', 'W2'], 'm2'), node('Add', ['m2', 'b2'], 'z2'), node('Identity', ['z2'], 'y'),
      ],
      initializers: [f32('W1', [2, 5], w(2, 5, 6)), f32('b1', [5], w(1, 5, 7)), f32('W2', [5, 1], w(5, 1, 8)), f32('b2', [1], w(1, 1, 9))],
    });
    expect(activationsOf(model.spec)).toEqual(['tanh', 'linear']);
    expect(model.spec.loss).toBe('mse');
  });

  it('reads Transpose of a weight initializer, with and without perm', async () => {
    const model = await expectAgreesWithOrt({
      features: [3],
      nodes: [
        node('Transpose', ['Wt1'], 'W1', [intsAttr('perm', [1, 0])]), node('MatMul', ['x', 'W1'], 'm1'), node('Add', ['m1', 'b1'], 'z1'),
        node('LeakyRelu', ['z1'], 'a1', [floatAttr('alpha', 0.01)]),
        node('Transpose', ['Wt2'], 'W2'), node('MatMul', ['a1', 'W2'], 'z2'), node('LeakyRelu', ['z2'], 'y'),
      ],
      initializers: [f32('Wt1', [4, 3], w(4, 3, 10)), f32('b1', [4], w(1, 4, 11)), f32('Wt2', [2, 4], w(2, 4, 12))],
    });
    expect(activationsOf(model.spec)).toEqual(['leaky-relu', 'leaky-relu']);
  });

  it('reads Softmax with opset 11\'s default axis (1) and weights in float_data', async () => {
    const model = await expectAgreesWithOrt({
      opset: 11,
      features: [3],
      nodes: [node('Gemm', ['x', 'W', 'C'], 'z'), node('Softmax', ['z'], 'y')],
      initializers: [f32List('W', [3, 4], w(3, 4, 13)), f32List('C', [4], w(1, 4, 14))],
    });
    expect(activationsOf(model.spec)).toEqual(['softmax']);
  });

  it('reads Flatten of [N, 2, 3] rows before the first layer', async () => {
    const model = await expectAgreesWithOrt({
      features: [2, 3],
      nodes: [node('Flatten', ['x'], 'f', [intAttr('axis', 1)]), node('Gemm', ['f', 'W', 'C'], 'z', [intAttr('transB', 1)]), node('Relu', ['z'], 'y')],
      initializers: [f32('W', [3, 6], w(3, 6, 15)), f32('C', [3], w(1, 3, 16))],
    });
    expect(model.spec.inputs).toBe(6);
  });

  it('reads Reshape to [0, -1] from an initializer and to [-1, 6] from a Constant node', async () => {
    for (const [shapeNodes, shapeInit] of [
      [[], [i64('shape', [2], [0, -1])]],
      [[node('Constant', [], 'shape', [tensorAttr('value', i64('', [2], [-1, 6]))])], []],
    ] as const) {
      const model = await expectAgreesWithOrt({
        features: [3, 2],
        nodes: [...shapeNodes, node('Reshape', ['x', 'shape'], 'f'), node('MatMul', ['f', 'W'], 'z'), node('Sigmoid', ['z'], 'y')],
        initializers: [...shapeInit, f32('W', [6, 2], w(6, 2, 17))],
      });
      expect(model.spec.inputs).toBe(6);
    }
  });

  it('folds a BatchNormalization in inference form into the Gemm before it', async () => {
    const model = await expectAgreesWithOrt({
      features: [3],
      nodes: [
        node('Gemm', ['x', 'W', 'C'], 'z', [intAttr('transB', 1)]),
        node('BatchNormalization', ['z', 'scale', 'shift', 'mean', 'var'], 'n', [floatAttr('epsilon', 1e-3)]),
        node('Relu', ['n'], 'y'),
      ],
      initializers: [
        f32('W', [4, 3], w(4, 3, 18)), f32('C', [4], w(1, 4, 19)), f32('scale', [4], w(1, 4, 20)), f32('shift', [4], w(1, 4, 21)),
        f32('mean', [4], w(1, 4, 22)), f32('var', [4], random(4, 23).map((v) => Math.abs(v) + 0.1)),
      ],
    });
    expect(model.spec.layers).toEqual([{ units: 4, activation: 'relu' }]);
  });

  it('reads two affine layers in a row as a linear layer and the next', async () => {
    const model = await expectAgreesWithOrt({
      features: [3],
      nodes: [node('Gemm', ['x', 'W1'], 'h'), node('Gemm', ['h', 'W2'], 'z'), node('Tanh', ['z'], 'y')],
      initializers: [f32('W1', [3, 2], w(3, 2, 24)), f32('W2', [2, 2], w(2, 2, 25))],
    });
    expect(activationsOf(model.spec)).toEqual(['linear', 'tanh']);
  });

  it('reads a fixed batch dimension and initializers listed as graph inputs (older exporters)', async () => {
    const model = await expectAgreesWithOrt({
      batch: 4,
      features: [2],
      extraInputs: ['W'],
      nodes: [node('Gemm', ['x', 'W'], 'z'), node('Relu', ['z'], 'y')],
      initializers: [f32('W', [2, 3], w(2, 3, 26))],
    }, 4);
    expect(model.spec.inputs).toBe(2);
  });
});

describe('ONNX import of opset 6 and float64 weights (checked by hand)', () => {
  it('reads opset 6 Gemm with float64 raw and double_data initializers, every value exactly', () => {
    const weights = [0.1, -0.2, 0.3, 0.4, -0.5, 0.6]; // [2 outputs][3 inputs], transB
    const bias = [1 / 3, -2 / 7];
    const model = readOnnx(onnxModel({
      opset: 6,
      features: [3],
      nodes: [node('Gemm', ['x', 'W', 'C'], 'z', [intAttr('transB', 1), intAttr('broadcast', 1)]), node('Tanh', ['z'], 'y')],
      initializers: [f64('W', [2, 3], weights), f64List('C', [2], bias)],
    }));
    // the engine keeps [fanIn][fanOut]: W transposed, then the bias
    expect(bitsEqual(model.params, [0.1, 0.4, -0.2, -0.5, 0.3, 0.6, 1 / 3, -2 / 7])).toBe(true);
    const y = new Network(model.spec, model.params).predict(Float64Array.from([1, 2, 3]), 1);
    expect(y[0]).toBeCloseTo(Math.tanh(0.1 - 0.4 + 0.9 + 1 / 3), 14);
    expect(y[1]).toBeCloseTo(Math.tanh(0.4 - 1 + 1.8 - 2 / 7), 14);
  });

  it('reads float64 rows as input', () => {
    const model = readOnnx(onnxModel({
      elemType: DATA_TYPE.DOUBLE, features: [1], nodes: [node('MatMul', ['x', 'W'], 'y')], initializers: [f64('W', [1, 1], [2.5])],
    }));
    expect(Array.from(model.params)).toEqual([2.5, 0]);
  });
});

describe('ONNX import refuses in words', () => {
  const refusal = (bytes: Uint8Array): string => {
    try {
      readOnnx(bytes);
    } catch (error) {
      expect(error).toBeInstanceOf(ModelFileError);
      return (error as Error).message;
    }
    throw new Error('the file was read');
  };
  const dense = (extra: Partial<GraphOptions> & Pick<GraphOptions, 'nodes'>): Uint8Array => onnxModel({
    features: [2], initializers: [f32('W', [2, 2], [1, 2, 3, 4]), f32('b', [2], [0, 1])], ...extra,
  });

  it('refuses an empty file', () => {
    expect(refusal(new Uint8Array(0))).toMatch(/the file is empty/);
  });

  it('refuses random bytes without a stack trace', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const rng = mulberry32(seed);
      const bytes = Uint8Array.from({ length: 1 + Math.floor(rng() * 400) }, () => Math.floor(rng() * 256));
      expect(refusal(bytes)).toMatch(/^(not an ONNX model|.*opset|.*graph)/);
    }
  });

  it('refuses a truncated hand-built graph', () => {
    const bytes = dense({ nodes: [node('MatMul', ['x', 'W'], 'm'), node('Add', ['m', 'b'], 'y')] });
    expect(refusal(bytes.subarray(0, Math.floor(bytes.length / 2)))).toMatch(/not an ONNX model, or a damaged or truncated one/);
  });

  it('refuses a dilated convolution, a pool without a window and an unknown operator, naming the operator and the opset', () => {
    const conv = onnxModel({ features: [1, 4, 4], opset: 14, nodes: [node('Conv', ['x', 'K'], 'y', [intsAttr('dilations', [2, 1])])], initializers: [f32('K', [1, 1, 2, 2], [1, 1, 1, 1])] });
    expect(refusal(conv)).toMatch(/node 0 'Conv_y' \(Conv, opset 14\): dilated convolution \(dilations \[2, 1\]\) is not supported/);
    for (const pool of ['MaxPool', 'AveragePool']) {
      expect(refusal(onnxModel({ features: [1, 4, 4], nodes: [node(pool, ['x'], 'y')] }))).toMatch(new RegExp(`\\(${pool}, opset 13\\): kernel_shape is missing`));
    }
    expect(refusal(dense({ nodes: [node('MatMul', ['x', 'W'], 'm'), node('LogSoftmax', ['m'], 'y')] })))
      .toMatch(/node 1 'LogSoftmax_y' \(LogSoftmax, opset 13\): the operator LogSoftmax is not supported; the lab imports .*Gemm/);
  });

  it('refuses a residual branch, naming the node', () => {
    const bytes = dense({
      nodes: [node('MatMul', ['x', 'W'], 'h'), node('Relu', ['h'], 'a'), node('MatMul', ['a', 'W'], 'z'), node('Add', ['z', 'a'], 'y')],
    });
    expect(refusal(bytes)).toMatch(/node 3 'Add_y' \(Add, opset 13\): it reads 'a', which is neither the output of the node before it .* residual branches/);
  });

  it('refuses a LeakyRelu whose alpha is not the engine\'s slope', () => {
    expect(refusal(dense({ nodes: [node('MatMul', ['x', 'W'], 'z'), node('LeakyRelu', ['z'], 'y', [floatAttr('alpha', 0.2)])] })))
      .toMatch(/\(LeakyRelu, opset 13\): alpha 0.200000 is not the engine's leaky-ReLU slope 0.01/);
  });

  it('refuses a BatchNormalization it cannot fold, and one in training mode', () => {
    const stats = ['s', 'h', 'm', 'v'].map((name) => f32(name, [2], [1, 1]));
    const initializers = [f32('W', [2, 2], [1, 2, 3, 4]), ...stats];
    expect(refusal(onnxModel({
      features: [2], initializers,
      nodes: [node('MatMul', ['x', 'W'], 'z'), node('Relu', ['z'], 'a'), node('BatchNormalization', ['a', 's', 'h', 'm', 'v'], 'y')],
    }))).toMatch(/\(BatchNormalization, opset 13\): a BatchNormalization is folded into the Gemm or MatMul before it, and here none/);
    expect(refusal(onnxModel({
      features: [2], initializers, opset: 15,
      nodes: [node('MatMul', ['x', 'W'], 'z'), node('BatchNormalization', ['z', 's', 'h', 'm', 'v'], 'y', [intAttr('training_mode', 1)])],
    }))).toMatch(/\(BatchNormalization, opset 15\): it is in training mode/);
  });

  it('refuses dynamic feature dimensions, a second input and Softmax over the batch', () => {
    const matmul = [node('MatMul', ['x', 'W'], 'y')];
    expect(refusal(onnxModel({ features: [2], initializers: [f32('W', [2, 2], [1, 2, 3, 4])], nodes: matmul, batch: 'N', input: 'x', extraInputs: ['mask'] })))
      .toMatch(/the graph has 2 inputs \('x', 'mask'\).*\(opset 13\)/);
    const dynamic = onnxModel({ features: ['F'], initializers: [f32('W', [2, 2], [1, 2, 3, 4])], nodes: matmul });
    expect(refusal(dynamic)).toMatch(/dynamic or empty dimension 1 \('F'\); only the batch dimension may vary \(opset 13\)/);
    expect(refusal(dense({ nodes: [node('MatMul', ['x', 'W'], 'z'), node('Softmax', ['z'], 'y', [intAttr('axis', 0)])] })))
      .toMatch(/\(Softmax, opset 13\): axis 0 of a rank-2 value is not the features of a row/);
  });

  it('refuses opsets before 6 and after the newest it knows, and integer weights', () => {
    const nodes = [node('MatMul', ['x', 'W'], 'y')];
    expect(refusal(dense({ nodes, opset: 5 }))).toMatch(/opset 5 is older than this importer reads \(opset 6 to 23\)/);
    expect(refusal(dense({ nodes, opset: 99 }))).toMatch(/opset 99 is newer than this importer knows/);
    const int32 = { name: 'W', dims: [2n, 2n], dataType: 6, int32Data: [1, 2, 3, 4] };
    expect(refusal(onnxModel({ features: [2], nodes, initializers: [int32] }))).toMatch(/initializer 'W' \(opset 13\): its values are int32/);
  });

  it('refuses weights kept in an external file and a tensor whose data does not fill its dims', () => {
    const external = { name: 'W', dims: [2n, 2n], dataType: 1, dataLocation: 1, externalData: [{ key: 'location', value: 'w.bin' }] };
    expect(refusal(onnxModel({ features: [2], nodes: [node('MatMul', ['x', 'W'], 'y')], initializers: [external] }))).toMatch(/external file/);
    expect(refusal(onnxModel({ features: [2], nodes: [node('MatMul', ['x', 'W'], 'y')], initializers: [f32('W', [2, 3], [1, 2])] })))
      .toMatch(/initializer 'W' \(opset 13\): it holds 2 values but its dims \[2, 3\] need 6/);
  });

  it('refuses a graph whose layers the engine does not take (softmax before the output), naming the opset', () => {
    expect(refusal(dense({ nodes: [node('MatMul', ['x', 'W'], 'z'), node('Softmax', ['z'], 'a'), node('MatMul', ['a', 'W'], 'y')] })))
      .toMatch(/the network the graph describes \(opset 13\) is not one the lab takes: layers\[0\]\.activation: softmax is only allowed on the output layer/);
  });

  it('refuses an activation with no layer before it, transA, and a Reshape that mixes rows', () => {
    expect(refusal(dense({ nodes: [node('Relu', ['x'], 'y')] }))).toMatch(/\(Relu, opset 13\): Relu does not follow a Gemm or MatMul/);
    expect(refusal(dense({ nodes: [node('Gemm', ['x', 'W'], 'y', [intAttr('transA', 1)])] }))).toMatch(/\(Gemm, opset 13\): transA = 1/);
    expect(refusal(onnxModel({
      features: [2, 3], initializers: [i64('s', [2], [2, 6]), f32('W', [6, 1], [1, 1, 1, 1, 1, 1])],
      nodes: [node('Reshape', ['x', 's'], 'f'), node('MatMul', ['f', 'W'], 'y')],
    }))).toMatch(/\(Reshape, opset 13\): a Reshape to \[2, 6\]; the lab reads Reshape to \[N, -1\]/);
  });
});
