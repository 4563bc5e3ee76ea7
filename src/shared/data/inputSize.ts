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

export function inputSize(dataset: InputSizeSource): number {
  if (dataset.kind === 'inline') return dataset.inputNames.length;
  if (dataset.features?.length) return dataset.features.length;
  const entry = BUILTIN_CATALOG[dataset.name];
  return entry.inputNames?.length ?? entry.rawDim;
}
