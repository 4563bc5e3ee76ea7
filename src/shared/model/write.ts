/**
 * Writing a model file from a network's spec and flat parameter vector (weights[i][j] as in the
 * lecture): version 1 for a multilayer perceptron, version 2 when it has image layers.
 */
import { planImageLayers } from '../nn/imageShapes';
import type { NetworkSpec } from '../nn/spec';
import { MLP_MODEL_VERSION, MODEL_FORMAT, MODEL_VERSION, type ModelFile, type ModelImageLayer, type ModelLayer, type ModelMeta } from './modelFile';

export function writeModel(net: { spec: NetworkSpec; params: ArrayLike<number> }, meta: ModelMeta = {}): ModelFile {
  const { spec, params } = net;
  const layers: ModelLayer[] = [];
  let offset = 0;
  let fanIn = spec.inputs;
  const imageLayers: ModelImageLayer[] = [];
  if (spec.imageLayers?.length) {
    const plan = planImageLayers(spec.inputShape!, spec.imageLayers);
    if ('problem' in plan) throw new Error(`imageLayers[${plan.layer}]: ${plan.problem}`);
    for (const planned of plan.layers) {
      const layer = planned.spec;
      if (layer.kind !== 'conv') {
        imageLayers.push({ ...layer });
        continue;
      }
      const perFilter = planned.input[0] * planned.window!.kernelH * planned.window!.kernelW;
      const weights: number[][] = [];
      for (let o = 0; o < layer.filters; o++, offset += perFilter) weights.push(Array.from({ length: perFilter }, (_, k) => params[offset + k]));
      const bias = Array.from({ length: layer.filters }, (_, k) => params[offset + k]);
      offset += layer.filters;
      imageLayers.push({ ...layer, weights, bias });
    }
    fanIn = plan.outputSize;
  }
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
  const file: ModelFile = imageLayers.length === 0
    ? { format: MODEL_FORMAT, version: MLP_MODEL_VERSION, inputs: spec.inputs, layers, loss: spec.loss }
    : { format: MODEL_FORMAT, version: MODEL_VERSION, inputs: spec.inputs, inputShape: [...spec.inputShape!], imageLayers, layers, loss: spec.loss };
  if (meta.name !== undefined) file.name = meta.name;
  if (meta.inputNames) file.inputNames = [...meta.inputNames];
  if (meta.outputNames) file.outputNames = [...meta.outputNames];
  if (meta.scaling) file.scaling = { inputs: meta.scaling.inputs.map((c) => ({ ...c })), outputs: meta.scaling.outputs.map((c) => ({ ...c })) };
  return file;
}
