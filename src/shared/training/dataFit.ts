/**
 * Whether a spec's network can train on its data: the data set builds (no ragged rows, one
 * target row per input row, 0/1 class labels, features that apply), its training split is not
 * empty and the output layer has as many units as the data has outputs. The CLI's `train`,
 * `runs.start` and every trial of `sweeps.start` ask this before a run is stored, so a run that
 * cannot train is refused with the field to change instead of being stored and then `failed`.
 */
import { buildDataset } from '../data/build';
import { DataError } from '../data/errors';
import type { DataSources } from '../data/mnist';
import type { Dataset } from '../data/spec';
import type { TrainSpec } from './trainSpec';

/** What is wrong between the spec's network and its data, or undefined when they fit. */
export function dataFitProblem(spec: Pick<TrainSpec, 'layers'>, data: Dataset): string | undefined {
  const last = spec.layers.length - 1;
  const units = spec.layers[last].units;
  if (units !== data.outputDim) {
    const fit = data.task === 'regression'
      ? `regression targets: ${data.outputDim} linear unit${data.outputDim > 1 ? 's' : ''} with mse`
      : data.outputDim === 1 ? 'a 0/1 class target: 1 sigmoid unit with bce'
        : `one-hot over ${data.outputDim} classes: ${data.outputDim} softmax units with softmax-ce`;
    return `layers[${last}].units: the output layer has ${units} units but '${data.name}' has ${data.outputDim} output${data.outputDim > 1 ? 's' : ''} (${fit}): set it to ${data.outputDim}`;
  }
  if (data.train.n < 1) return `dataset: the training split of '${data.name}' is empty: lower testFraction or give more rows`;
  return undefined;
}

/** Builds the spec's data set and checks the network fits it; throws a DataError naming the problem. */
export function buildFittingDataset(spec: Pick<TrainSpec, 'dataset' | 'layers'>, sources?: DataSources): Dataset {
  const data = buildDataset(spec.dataset, sources);
  const problem = dataFitProblem(spec, data);
  if (problem) throw new DataError(problem);
  return data;
}
