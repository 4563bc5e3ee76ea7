import * as ort from 'onnxruntime-web';
import { fromBinary } from '@bufbuild/protobuf';
import { describe, expect, it } from 'vitest';
import { encodeOnnx, ONNX_IR_VERSION, ONNX_OPSET } from '../../../src/shared/model';
import { ModelProtoSchema } from '../../../src/shared/model/onnxSchema';
import { ACTIVATIONS, type ActivationName, type NetworkSpec } from '../../../src/shared/nn/spec';
import { Network } from '../../../src/shared/nn/network';
import { mulberry32 } from '../../../src/shared/nn/rng';

ort.env.wasm.numThreads = 1;

/** A network with weights drawn from [-1, 1] (biases too, so every unit is exercised). */
function randomNetwork(spec: NetworkSpec, seed: number): Network {
  const net = new Network(spec);
  const rng = mulberry32(seed);
  for (let k = 0; k < net.params.length; k++) net.params[k] = rng() * 2 - 1;
  return net;
}

function randomInputs(rows: number, cols: number, seed: number): Float64Array {
  const rng = mulberry32(seed);
  return Float64Array.from({ length: rows * cols }, () => rng() * 4 - 2);
}

async function onnxPredict(bytes: Uint8Array, x: Float64Array, rows: number, cols: number): Promise<Float32Array> {
  const session = await ort.InferenceSession.create(bytes);
  try {
    const result = await session.run({ input: new ort.Tensor('float32', Float32Array.from(x), [rows, cols]) });
    return result.output.data as Float32Array;
  } finally {
    await session.release();
  }
}

const hiddenActivations = ACTIVATIONS.filter((a) => a !== 'softmax');

describe('ONNX export', () => {
  for (const activation of ACTIVATIONS) {
    it(`predicts what the engine predicts to 1e-5 with a ${activation} layer`, async () => {
      const spec: NetworkSpec = activation === 'softmax'
        ? { inputs: 3, layers: [{ units: 5, activation: 'tanh' }, { units: 4, activation: 'softmax' }], loss: 'softmax-ce' }
        : { inputs: 3, layers: [{ units: 5, activation }, { units: 2, activation }], loss: 'mse' };
      const net = randomNetwork(spec, 7);
      const rows = 64;
      const x = randomInputs(rows, 3, 11);
      const expected = net.predict(x, rows);
      const actual = await onnxPredict(encodeOnnx(net), x, rows, 3);
      expect(actual.length).toBe(expected.length);
      for (let k = 0; k < expected.length; k++) expect(Math.abs(actual[k] - expected[k])).toBeLessThan(1e-5);
    });
  }

  it('predicts what the engine predicts for a deep net mixing every hidden activation', async () => {
    const layers = hiddenActivations.map((activation: ActivationName, l) => ({ units: 3 + l, activation }));
    const spec: NetworkSpec = { inputs: 4, layers: [...layers, { units: 3, activation: 'softmax' }], loss: 'softmax-ce' };
    const net = randomNetwork(spec, 3);
    const x = randomInputs(100, 4, 5);
    const expected = net.predict(x, 100);
    const actual = await onnxPredict(encodeOnnx(net), x, 100, 4);
    for (let k = 0; k < expected.length; k++) expect(Math.abs(actual[k] - expected[k])).toBeLessThan(1e-5);
  });

  it('writes IR version 7, opset 13, float32 initializers and a batch dimension', () => {
    const net = randomNetwork({ inputs: 2, layers: [{ units: 2, activation: 'sigmoid' }, { units: 1, activation: 'linear' }], loss: 'mse' }, 1);
    const model = fromBinary(ModelProtoSchema, encodeOnnx(net, { name: 'xor' }));
    expect(model.irVersion).toBe(BigInt(ONNX_IR_VERSION));
    expect(model.opsetImport.map((o) => [o.domain, o.version])).toEqual([['', BigInt(ONNX_OPSET)]]);
    const graph = model.graph!;
    expect(graph.name).toBe('xor');
    expect(graph.node.map((n) => n.opType)).toEqual(['MatMul', 'Add', 'Sigmoid', 'MatMul', 'Add', 'Identity']);
    const w1 = graph.initializer[0];
    expect(w1.dims).toEqual([2n, 2n]);
    expect(w1.dataType).toBe(1);
    expect(Array.from(new Float32Array(w1.rawData.slice().buffer))).toEqual(Array.from(net.params.subarray(0, 4), Math.fround));
    expect(graph.input[0].name).toBe('input');
    expect(graph.input[0].type?.tensorType?.shape?.dim.map((d) => d.value.value)).toEqual(['N', 2n]);
  });

  it('refuses a network with a NaN weight, naming the tensor', () => {
    const net = randomNetwork({ inputs: 2, layers: [{ units: 1, activation: 'sigmoid' }], loss: 'mse' }, 1);
    net.params[1] = NaN;
    expect(() => encodeOnnx(net)).toThrow(/W1\[1\]/);
  });
});
