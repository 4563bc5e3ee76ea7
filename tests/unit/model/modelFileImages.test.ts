/**
 * Version 2 of the model file: image layers (conv, pools, flatten) with an input shape; and
 * every version 1 file still reads, proved with a file main's writer produced before version 2.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readModel, writeModel } from '../../../src/shared/model';
import { initializeParams } from '../../../src/shared/nn/init';
import { Network } from '../../../src/shared/nn/network';
import { mulberry32 } from '../../../src/shared/nn/rng';
import type { NetworkSpec } from '../../../src/shared/nn/spec';

const CNN: NetworkSpec = {
  inputs: 2 * 7 * 6, inputShape: [2, 7, 6], loss: 'softmax-ce',
  imageLayers: [
    { kind: 'conv', filters: 3, kernel: [3, 2], stride: [1, 2], padding: 1, activation: 'relu' },
    { kind: 'maxpool', size: 2 },
    { kind: 'conv', filters: 2, kernel: 1, activation: 'tanh' },
    { kind: 'avgpool', size: [2, 1], stride: 1 },
    { kind: 'flatten' },
  ],
  layers: [{ units: 4, activation: 'relu' }, { units: 3, activation: 'softmax' }],
};

function trainedCnn(): Network {
  const net = new Network(CNN);
  initializeParams(net, { kind: 'he-uniform', range: 0.5 }, mulberry32(4));
  const rng = mulberry32(8);
  for (let k = 0; k < net.params.length; k++) net.params[k] += 0.01 * (rng() - 0.5); // biases too
  return net;
}

describe('model file version 2 (image layers)', () => {
  it('round-trips a conv net through JSON bit for bit, as version 2', () => {
    const net = trainedCnn();
    const file = JSON.parse(JSON.stringify(writeModel(net, { name: 'cnn' })));
    expect(file.version).toBe(2);
    expect(file.inputShape).toEqual([2, 7, 6]);
    expect(file.imageLayers[0].weights).toHaveLength(3); // one row per filter
    expect(file.imageLayers[0].weights[0]).toHaveLength(2 * 3 * 2); // channels x kernel height x width
    expect(file.imageLayers[1]).toEqual({ kind: 'maxpool', size: 2 });
    const back = readModel(file);
    expect(back.spec).toEqual(CNN);
    expect(Array.from(back.params)).toEqual(Array.from(net.params));
    const x = Float64Array.from({ length: 3 * CNN.inputs }, (_, k) => Math.sin(k));
    expect(Array.from(new Network(back.spec, back.params).predict(x, 3))).toEqual(Array.from(net.predict(x, 3)));
  });

  it('lays a filter\'s weights out as ONNX\'s W[o][c][ky][kx] at the start of the flat vector', () => {
    const net = trainedCnn();
    const file = writeModel(net);
    const conv = file.imageLayers![0] as { weights: number[][]; bias: number[] };
    // filter 1, channel 1, row 2, column 0 of a 3x2 kernel over 2 channels
    expect(conv.weights[1][1 * 6 + 2 * 2 + 0]).toBe(net.params[1 * 12 + 1 * 6 + 2 * 2 + 0]);
    expect(conv.bias).toEqual(Array.from(net.params.subarray(36, 39)));
    expect(net.imageStack!.layers[0].W).toHaveLength(36);
  });

  it('writes a network without image layers as version 1, as before', () => {
    const net = new Network({ inputs: 2, layers: [{ units: 1, activation: 'sigmoid' }], loss: 'bce' });
    const file = writeModel(net);
    expect(file.version).toBe(1);
    expect(Object.keys(file)).toEqual(['format', 'version', 'inputs', 'layers', 'loss']);
  });

  it('still reads a version 1 file written before version 2 existed, computing what it computed then', () => {
    const text = readFileSync(join(import.meta.dirname, '../../fixtures/models/version1-mlp.model.json'), 'utf8');
    const model = readModel(JSON.parse(text));
    expect(model.spec).toEqual({ inputs: 3, layers: [{ units: 4, activation: 'tanh' }, { units: 2, activation: 'softmax' }], loss: 'softmax-ce' });
    expect(model.meta.outputNames).toEqual(['no', 'yes']);
    // what main's engine printed for this input when it wrote the fixture
    expect(Array.from(new Network(model.spec, model.params).predict(Float64Array.from([0.5, -1, 2]), 1))).toEqual([0.5553790664098968, 0.44462093359010324]);
    // and writing it again gives the same file
    expect(JSON.stringify(writeModel(new Network(model.spec, model.params), model.meta), null, 1) + '\n').toBe(text);
  });

  /** The file as parsed JSON, loosely typed so a test can break any field. */
  type Loose = ReturnType<typeof JSON.parse>;
  const file = () => JSON.parse(JSON.stringify(writeModel(trainedCnn()))) as Loose;
  const bad: [string, (f: Loose) => void, string | RegExp][] = [
    ['image layers in a version 1 file', (f) => { f.version = 1; }, 'imageLayers: image layers need version 2 of the model file; this one says version 1'],
    ['image layers without an input shape', (f) => { delete f.inputShape; }, /^imageLayers: convolution and pooling need images/],
    ['an input shape that disagrees with the inputs', (f) => { f.inputShape = [2, 7, 7]; }, 'inputShape: an image of 2 channels of 7x7 has 98 values, but the network has 84 inputs'],
    ['a kernel that does not fit', (f) => { f.imageLayers[2].kernel = 5; f.imageLayers[2].weights = [[0], [0]]; }, 'imageLayers[2]: conv 5×5 stride 1 on 3×2 input gives no output'],
    ['a missing filter', (f) => { f.imageLayers[0].weights.pop(); }, "imageLayers[0].weights: expected 3 rows (the layer's filters), got 2"],
    ['a short filter', (f) => { f.imageLayers[2].weights[1] = [1, 2]; }, "imageLayers[2].weights[1]: expected 3 values (the filter's channels x kernel height x kernel width), got 2"],
    ['a NaN conv weight', (f) => { f.imageLayers[0].weights[2][5] = null; }, 'imageLayers[0].weights[2][5]: expected a finite number, got null'],
    ['a short conv bias', (f) => { f.imageLayers[0].bias = [0, 0]; }, 'imageLayers[0].bias: expected 3 values (filters), got 2'],
    ['an unknown layer kind', (f) => { f.imageLayers[1].kind = 'lppool'; }, /^imageLayers\[1\]\.kind: /],
  ];
  for (const [what, change, message] of bad) {
    it(`refuses ${what}, naming the field`, () => {
      const f = file();
      change(f);
      expect(() => readModel(f)).toThrow(message);
    });
  }
});
