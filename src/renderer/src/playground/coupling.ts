/**
 * Keeps the output layer, the loss and the dataset consistent while the user edits, so the
 * editor rarely produces a spec the API would refuse: softmax-ce goes with a softmax output,
 * bce with a sigmoid, the output units with the dataset's outputs. Pure functions on the spec.
 */
import type { ActivationName, LayerSpec, LossName } from '../../../shared/nn/spec';
import type { Task } from '../../../shared/data/spec';

export interface OutputShape { task: Task; outputDim: number }

export interface NetworkChoice { layers: LayerSpec[]; loss: LossName }

const withOutput = (layers: LayerSpec[], output: LayerSpec): LayerSpec[] => [...layers.slice(0, -1), output];
const outputOf = (layers: LayerSpec[]): LayerSpec => layers[layers.length - 1];

/** The output layer and loss a dataset calls for: sigmoid + bce for one 0/1 output, softmax + softmax-ce for classes, linear + mse for regression. */
export function fitOutputToDataset(net: NetworkChoice, shape: OutputShape): NetworkChoice {
  if (shape.task === 'regression') {
    return { layers: withOutput(net.layers, { units: shape.outputDim, activation: 'linear' }), loss: net.loss === 'mse-half' ? 'mse-half' : 'mse' };
  }
  if (shape.outputDim === 1) {
    return { layers: withOutput(net.layers, { units: 1, activation: 'sigmoid' }), loss: 'bce' };
  }
  return { layers: withOutput(net.layers, { units: shape.outputDim, activation: 'softmax' }), loss: 'softmax-ce' };
}

export function chooseLoss(net: NetworkChoice, loss: LossName): NetworkChoice {
  const out = outputOf(net.layers);
  if (loss === 'softmax-ce') return { layers: withOutput(net.layers, { units: Math.max(2, out.units), activation: 'softmax' }), loss };
  if (loss === 'bce') return { layers: withOutput(net.layers, { ...out, activation: 'sigmoid' }), loss };
  // mse with a softmax output is legal but unusual; the user asked for mse, so keep their output.
  return { layers: net.layers, loss };
}

export function chooseOutputActivation(net: NetworkChoice, activation: ActivationName): NetworkChoice {
  const out = outputOf(net.layers);
  const layers = withOutput(net.layers, { ...out, activation });
  if (activation === 'softmax') return { layers: withOutput(net.layers, { units: Math.max(2, out.units), activation }), loss: 'softmax-ce' };
  if (net.loss === 'softmax-ce') return { layers, loss: activation === 'sigmoid' ? 'bce' : 'mse' };
  if (net.loss === 'bce' && activation !== 'sigmoid') return { layers, loss: 'mse' };
  return { layers, loss: net.loss };
}

/** Activations a hidden layer may use (softmax is output-only). */
export const HIDDEN_ACTIVATIONS: ActivationName[] = ['tanh', 'sigmoid', 'relu', 'leaky-relu', 'linear', 'step'];
export const OUTPUT_ACTIVATIONS: ActivationName[] = ['sigmoid', 'softmax', 'linear', 'tanh', 'relu', 'leaky-relu', 'step'];
