/** Writing a model file from a network's spec and flat parameter vector (weights[i][j] as in the lecture). */
import type { NetworkSpec } from '../nn/spec';
import { MODEL_FORMAT, MODEL_VERSION, type ModelFile, type ModelLayer, type ModelMeta } from './modelFile';

export function writeModel(net: { spec: NetworkSpec; params: ArrayLike<number> }, meta: ModelMeta = {}): ModelFile {
  const { spec, params } = net;
  const layers: ModelLayer[] = [];
  let offset = 0;
  let fanIn = spec.inputs;
  for (const { units, activation } of spec.layers) {
    const weights: number[][] = [];
    for (let i = 0; i < fanIn; i++) {
      const row: number[] = [];
      for (let j = 0; j < units; j++) row.push(params[offset + i * units + j]);
      weights.push(row);
    }
    offset += fanIn * units;
    const bias: number[] = [];
    for (let j = 0; j < units; j++) bias.push(params[offset + j]);
    offset += units;
    layers.push({ units, activation, weights, bias });
    fanIn = units;
  }
  if (offset !== params.length) throw new Error(`params: expected ${offset} values for this network, got ${params.length}`);
  const file: ModelFile = { format: MODEL_FORMAT, version: MODEL_VERSION, inputs: spec.inputs, layers, loss: spec.loss };
  if (meta.name !== undefined) file.name = meta.name;
  if (meta.inputNames) file.inputNames = [...meta.inputNames];
  if (meta.outputNames) file.outputNames = [...meta.outputNames];
  if (meta.scaling) file.scaling = { inputs: meta.scaling.inputs.map((c) => ({ ...c })), outputs: meta.scaling.outputs.map((c) => ({ ...c })) };
  return file;
}
