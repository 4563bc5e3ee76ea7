/** The training spec the Playground edits: a TrainSpec whose dataset is a built-in set or an imported table. */
import type { z } from 'zod';
import type { BuiltinDatasetSpecSchema, InlineDatasetSpecSchema } from '../../../shared/data/spec';
import type { TrainSpecInput } from '../../../shared/training/trainSpec';

export type PlaygroundDataset = z.input<typeof BuiltinDatasetSpecSchema>;
export type ImportedDataset = z.input<typeof InlineDatasetSpecSchema>;
export type PlaygroundSpec = Omit<TrainSpecInput, 'dataset'> & { dataset: PlaygroundDataset | ImportedDataset };

/** XOR with 2-4-1 tanh/sigmoid and Adam: learns in about a second, the lecture's first non-linear problem. */
export function defaultSpec(): PlaygroundSpec {
  return {
    dataset: { kind: 'builtin', name: 'xor-gate', noise: 0, testFraction: 0, seed: 1 },
    layers: [{ units: 4, activation: 'tanh' }, { units: 1, activation: 'sigmoid' }],
    loss: 'bce',
    optimizer: { kind: 'adam' },
    learningRate: 0.05,
    regularization: { kind: 'none', lambda: 0 },
    batchSize: 0,
    epochs: 2000,
    seed: 1,
  };
}

/** A plain deep copy: the reactive proxy cannot cross IPC's structured clone, and a stored spec must not be shared. */
export const copySpec = (spec: PlaygroundSpec): PlaygroundSpec => JSON.parse(JSON.stringify(spec)) as PlaygroundSpec;
