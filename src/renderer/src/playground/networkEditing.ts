/**
 * Editing the Playground's network: hidden layers, loss, output activation and optimizer.
 * Output layer and loss stay coupled (coupling.ts); the dataset part fits the output to the data.
 */
import type { Ref } from 'vue';
import type { ActivationName, LossName, OptimizerSpec } from '../../../shared/nn/spec';
import { chooseLoss, chooseOutputActivation, type NetworkChoice } from './coupling';
import type { PlaygroundSpec } from './playgroundSpec';

export function useNetworkEditing(spec: Ref<PlaygroundSpec>) {
  const network = (): NetworkChoice => ({ layers: spec.value.layers, loss: spec.value.loss });
  const applyNetwork = (n: NetworkChoice): void => {
    spec.value.layers = n.layers;
    spec.value.loss = n.loss;
  };

  function addHiddenLayer(): void {
    const layers = spec.value.layers;
    const template = layers.length > 1 ? layers[layers.length - 2] : { units: 4, activation: 'tanh' as const };
    layers.splice(layers.length - 1, 0, { ...template });
  }

  function removeHiddenLayer(index: number): void {
    if (index < spec.value.layers.length - 1) spec.value.layers.splice(index, 1);
  }

  const setLoss = (loss: LossName): void => applyNetwork(chooseLoss(network(), loss));
  const setOutputActivation = (a: ActivationName): void => applyNetwork(chooseOutputActivation(network(), a));

  function setOptimizer(kind: OptimizerSpec['kind']): void {
    spec.value.optimizer = kind === 'momentum' || kind === 'nesterov' ? { kind, momentum: 0.9 } : { kind };
  }

  return { network, applyNetwork, addHiddenLayer, removeHiddenLayer, setLoss, setOutputActivation, setOptimizer };
}
