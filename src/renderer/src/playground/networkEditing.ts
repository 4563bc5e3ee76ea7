/**
 * Editing the Playground's network: image layers (conv and pools, for image data), hidden layers,
 * loss, output activation and optimizer. Output layer and loss stay coupled (coupling.ts); the
 * dataset part fits the output to the data and drops image layers data without images can't take.
 */
import type { Ref } from 'vue';
import type { ActivationName, ImageLayerSpec, LossName, OptimizerSpec } from '../../../shared/nn/spec';
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

  /** A new image layer at the end of the image stack (before the dense layers): conv 8@3×3 ReLU, or a 2×2 pool. */
  function addImageLayer(kind: 'conv' | 'pool'): void {
    const layers = (spec.value.imageLayers ??= []).filter((l) => l.kind !== 'flatten');
    layers.push(kind === 'conv' ? { kind: 'conv', filters: 8, kernel: 3, activation: 'relu' } : { kind: 'maxpool', size: 2 });
    spec.value.imageLayers = layers;
  }

  function removeImageLayer(index: number): void {
    const layers = spec.value.imageLayers?.filter((_, i) => i !== index) ?? [];
    if (layers.every((l) => l.kind === 'flatten')) delete spec.value.imageLayers;
    else spec.value.imageLayers = layers;
  }

  /** Max or average pooling for a pool layer, keeping its window. */
  function setPoolKind(index: number, kind: 'maxpool' | 'avgpool'): void {
    const layer = spec.value.imageLayers?.[index];
    if (layer && (layer.kind === 'maxpool' || layer.kind === 'avgpool')) spec.value.imageLayers![index] = { ...layer, kind } as ImageLayerSpec;
  }

  function setOptimizer(kind: OptimizerSpec['kind']): void {
    spec.value.optimizer = kind === 'momentum' || kind === 'nesterov' ? { kind, momentum: 0.9 } : { kind };
  }

  return { network, applyNetwork, addHiddenLayer, removeHiddenLayer, addImageLayer, removeImageLayer, setPoolKind, setLoss, setOutputActivation, setOptimizer };
}
