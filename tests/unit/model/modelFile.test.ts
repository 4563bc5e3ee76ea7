import { describe, expect, it } from 'vitest';
import { readModel, writeModel, MAX_MODEL_PARAMS } from '../../../src/shared/model';
import { initializeParams } from '../../../src/shared/nn/init';
import { Network } from '../../../src/shared/nn/network';
import { mulberry32 } from '../../../src/shared/nn/rng';

/** The example of docs/architecture.md, "The model file and ONNX", completed with an output layer. */
function example(): Record<string, unknown> {
  return {
    format: 'backprop-lab.model', version: 1,
    inputs: 2,
    layers: [
      { units: 2, activation: 'sigmoid', weights: [[0.15, 0.25], [0.2, 0.3]], bias: [0.35, 0.35] },
      { units: 2, activation: 'sigmoid', weights: [[0.4, 0.5], [0.45, 0.55]], bias: [0.6, 0.6] },
    ],
    loss: 'mse-half',
    inputNames: ['x1', 'x2'], outputNames: ['y1', 'y2'],
  };
}

/** example() with one change at a path like ['layers', 1, 'weights']. */
function withChange(path: (string | number)[], value: unknown): Record<string, unknown> {
  const file = example();
  let node = file as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path[path.length - 1]] = value;
  return file;
}

describe('the model file', () => {
  it('reads weights[i][j] into the flat vector W1, b1, W2, b2', () => {
    const { spec, params, meta } = readModel(example());
    expect(spec.layers.map((l) => l.units)).toEqual([2, 2]);
    expect(Array.from(params)).toEqual([0.15, 0.25, 0.2, 0.3, 0.35, 0.35, 0.4, 0.5, 0.45, 0.55, 0.6, 0.6]);
    expect(meta).toEqual({ inputNames: ['x1', 'x2'], outputNames: ['y1', 'y2'] });
  });

  it('round-trips a trained network through JSON bit for bit', () => {
    const net = new Network({
      inputs: 3,
      layers: [{ units: 5, activation: 'relu' }, { units: 4, activation: 'tanh' }, { units: 3, activation: 'softmax' }],
      loss: 'softmax-ce',
    });
    initializeParams(net, { kind: 'glorot-normal', range: 1 }, mulberry32(12));
    net.layers[2].b.set([0.1, -1e-300, 123456.789]);
    const meta = {
      name: 'three classes', inputNames: ['a', 'b', 'c'], outputNames: ['p', 'q', 'r'],
      scaling: { inputs: [{ offset: 0, scale: 1 }, { offset: -2, scale: 4 }, { offset: 1, scale: 0.5 }], outputs: [{ offset: 0, scale: 1 }, { offset: 0, scale: 1 }, { offset: 0, scale: 1 }] },
    };
    const read = readModel(JSON.parse(JSON.stringify(writeModel(net, meta))));
    expect(read.spec).toEqual(net.spec);
    expect(Array.from(read.params)).toEqual(Array.from(net.params));
    expect(read.meta).toEqual(meta);
    expect(writeModel(read)).toEqual(writeModel(net));
  });

  it('keeps fields it does not know (optional fields may be added within a version)', () => {
    expect(() => readModel({ ...example(), trainedWith: { epochs: 3 } })).not.toThrow();
  });

  const bad: [string, Record<string, unknown> | unknown, string | RegExp][] = [
    ['a non-object', [1, 2], 'a model file is a JSON object, got an array'],
    ['an unknown format', withChange(['format'], 'onnx'), 'format: unknown format "onnx"; expected "backprop-lab.model"'],
    ['a newer version', withChange(['version'], 3), 'version: version 3 is not supported; this app reads versions 1 and 2'],
    ['a missing version', withChange(['version'], undefined), 'version: expected the number 1 or 2, got nothing'],
    ['too many weight rows', withChange(['layers', 1, 'weights'], [[1, 2], [3, 4], [5, 6]]), "layers[1].weights: expected 2 rows (the layer's inputs), got 3"],
    ['a short weight row', withChange(['layers', 0, 'weights', 1], [0.2]), "layers[0].weights[1]: expected 2 columns (the layer's units), got 1"],
    ['a NaN weight', withChange(['layers', 0, 'weights', 1, 0], NaN), 'layers[0].weights[1][0]: expected a finite number, got NaN'],
    ['an infinite weight', withChange(['layers', 1, 'weights', 0, 1], Infinity), 'layers[1].weights[0][1]: expected a finite number, got Infinity'],
    ['a weight written as a string', withChange(['layers', 1, 'weights', 0, 1], '0.5'), 'layers[1].weights[0][1]: expected a finite number, got "0.5"'],
    ['a null bias', withChange(['layers', 1, 'bias', 1], null), 'layers[1].bias[1]: expected a finite number, got null'],
    ['a short bias', withChange(['layers', 1, 'bias'], [0.6]), "layers[1].bias: expected 2 values (the layer's units), got 1"],
    ['an unknown activation', withChange(['layers', 0, 'activation'], 'swish'), /^layers\[0\]\.activation: unknown activation "swish"; expected one of step, linear/],
    ['an unknown loss', withChange(['loss'], 'hinge'), /^loss: unknown loss "hinge"/],
    ['softmax in a hidden layer', withChange(['layers', 0, 'activation'], 'softmax'), 'layers[0].activation: softmax is only allowed on the output layer'],
    ['a fractional unit count', withChange(['layers', 0, 'units'], 2.5), /^layers\[0\]\.units: /],
    ['a huge unit count', withChange(['layers', 0, 'units'], 1e9), /^layers\[0\]\.units: /],
    ['names that do not match the inputs', withChange(['inputNames'], ['x1']), "inputNames: expected 2 entries (the model's inputs), got 1"],
  ];
  for (const [what, file, message] of bad) {
    it(`rejects ${what}, naming the field`, () => {
      expect(() => readModel(file)).toThrow(message);
    });
  }

  it('refuses dimensions that would allocate too many parameters before allocating them', () => {
    const layers = Array.from({ length: 4 }, () => ({ units: 4096, activation: 'relu', weights: [], bias: [] }));
    const file = { ...example(), inputs: 4096, layers: [...layers, { units: 1, activation: 'linear', weights: [], bias: [] }] };
    expect(() => readModel(file)).toThrow(`layers: a 4096-4096-4096-4096-4096-1 network has ${(4 * 4096 * 4096 + 4 * 4096 + 4097).toLocaleString('en-US')} parameters; the limit is ${MAX_MODEL_PARAMS.toLocaleString('en-US')}`);
  });

  it('reads the bundled lecture example', async () => {
    const { readFileSync } = await import('node:fs');
    const json = JSON.parse(readFileSync(new URL('../../../resources/examples/energy.model.json', import.meta.url), 'utf8'));
    const { spec, meta } = readModel(json);
    expect(spec.loss).toBe('mse-half');
    expect(meta.outputNames).toEqual(['energy use']);
  });
});
