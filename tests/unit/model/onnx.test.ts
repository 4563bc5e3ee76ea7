import * as ort from 'onnxruntime-web';
import { describe, expect, it } from 'vitest';
import { encodeOnnx, ONNX_IR_VERSION, ONNX_OPSET } from '../../../src/shared/model';
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

/** Reads the varint-and-length skeleton of a message: field number -> raw values, enough to check structure. */
function decodeFields(bytes: Uint8Array): Map<number, (number | Uint8Array)[]> {
  const fields = new Map<number, (number | Uint8Array)[]>();
  let pos = 0;
  const varint = (): number => {
    let result = 0;
    let shift = 1;
    for (;;) {
      const b = bytes[pos++];
      result += (b & 0x7f) * shift;
      if (b < 0x80) return result;
      shift *= 128;
    }
  };
  while (pos < bytes.length) {
    const tag = varint();
    const field = Math.floor(tag / 8);
    const wire = tag & 7;
    let value: number | Uint8Array;
    if (wire === 0) value = varint();
    else if (wire === 5) { value = new DataView(bytes.buffer, bytes.byteOffset + pos, 4).getFloat32(0, true); pos += 4; }
    else if (wire === 2) { const n = varint(); value = bytes.subarray(pos, pos + n); pos += n; }
    else throw new Error(`unexpected wire type ${wire}`);
    fields.set(field, [...(fields.get(field) ?? []), value]);
  }
  return fields;
}
const text = (b: number | Uint8Array): string => new TextDecoder().decode(b as Uint8Array);

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
    const model = decodeFields(encodeOnnx(net, { name: 'xor' }));
    expect(model.get(1)).toEqual([ONNX_IR_VERSION]);
    const opset = decodeFields(model.get(8)![0] as Uint8Array);
    expect(opset.get(2)).toEqual([ONNX_OPSET]);
    const graph = decodeFields(model.get(7)![0] as Uint8Array);
    expect(text(graph.get(2)![0])).toBe('xor');
    const ops = graph.get(1)!.map((n) => text(decodeFields(n as Uint8Array).get(4)![0]));
    expect(ops).toEqual(['MatMul', 'Add', 'Sigmoid', 'MatMul', 'Add', 'Identity']);
    const w1 = decodeFields(graph.get(5)![0] as Uint8Array);
    expect(w1.get(1)).toEqual([2, 2]);
    expect(w1.get(2)).toEqual([1]);
    const raw = w1.get(9)![0] as Uint8Array;
    expect(Array.from(new Float32Array(raw.slice().buffer))).toEqual(Array.from(net.params.subarray(0, 4), Math.fround));
    const input = decodeFields(graph.get(11)![0] as Uint8Array);
    expect(text(input.get(1)![0])).toBe('input');
  });

  it('refuses a network with a NaN weight, naming the tensor', () => {
    const net = randomNetwork({ inputs: 2, layers: [{ units: 1, activation: 'sigmoid' }], loss: 'mse' }, 1);
    net.params[1] = NaN;
    expect(() => encodeOnnx(net)).toThrow(/W1\[1\]/);
  });
});
