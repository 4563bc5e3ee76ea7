/**
 * How many inputs a network trained on a dataset spec has, known from the spec alone (before
 * the data is built): the derived features when given, an imported table's input columns, or
 * the built-in set's own inputs. `buildDataset(spec).inputDim` is always this number.
 */
import { BUILTIN_CATALOG } from './catalog';
import type { BuiltinDatasetName, FeatureName } from './spec';

/** The parts of a dataset spec (parsed or as typed in) the input size depends on. */
export type InputSizeSource =
  | { kind: 'builtin'; name: BuiltinDatasetName; features?: readonly FeatureName[] }
  | { kind: 'inline'; inputNames: readonly string[] };

/**
 * [channels, height, width] of the data set's rows when they are images (MNIST: [1, 28, 28]),
 * else undefined; derived features turn an image into a table, so then undefined too.
 */
export function inputShape(dataset: InputSizeSource): [number, number, number] | undefined {
  if (dataset.kind === 'inline' || dataset.features?.length) return undefined;
  const shape = BUILTIN_CATALOG[dataset.name].imageShape;
  return shape ? [shape[0], shape[1], shape[2]] : undefined;
}

export function inputSize(dataset: InputSizeSource): number {
  if (dataset.kind === 'inline') return dataset.inputNames.length;
  if (dataset.features?.length) return dataset.features.length;
  const entry = BUILTIN_CATALOG[dataset.name];
  return entry.inputNames?.length ?? entry.rawDim;
}
