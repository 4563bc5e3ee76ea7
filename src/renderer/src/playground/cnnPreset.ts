/**
 * The Playground's CNN preset: a LeNet-like network on all 10,000 MNIST digits, 2,000 of them
 * held out. Its settings are the measured ones (docs/architecture.md, "Image layers"): they reach
 * 98% test accuracy, and the training settings that go with the network are part of the preset,
 * since the network alone reaches it only with them.
 */
import type { PlaygroundSpec } from './playgroundSpec';

export const CNN_PRESET_LABEL = 'LeNet-like CNN: conv 8@5×5 → max pool → conv 16@5×5 → max pool → 64 → 10';

/** The spec with the preset's network and training settings on MNIST; the seed and the name stay the user's. */
export function withCnnPreset(spec: PlaygroundSpec): PlaygroundSpec {
  const seed = spec.dataset.kind === 'builtin' ? spec.dataset.seed ?? 1 : 1;
  return {
    ...spec,
    dataset: { kind: 'builtin', name: 'mnist', samples: 10000, testFraction: 0.2, seed, noise: 0 },
    imageLayers: [
      { kind: 'conv', filters: 8, kernel: 5, activation: 'relu' },
      { kind: 'maxpool', size: 2 },
      { kind: 'conv', filters: 16, kernel: 5, activation: 'relu' },
      { kind: 'maxpool', size: 2 },
    ],
    layers: [{ units: 64, activation: 'relu' }, { units: 10, activation: 'softmax' }],
    loss: 'softmax-ce',
    optimizer: { kind: 'adam' },
    learningRate: 0.002,
    schedule: { kind: 'cosine', minLr: 0 },
    regularization: { kind: 'l2', lambda: 0.0005 },
    init: { kind: 'he-uniform' },
    batchSize: 32,
    epochs: 12,
  };
}
