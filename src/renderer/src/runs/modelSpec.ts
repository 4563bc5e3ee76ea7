/**
 * A training configuration around an imported model, so "Continue training" can open it in
 * the Playground: the model's layers and loss, a built-in dataset whose shape fits, and
 * settings that fine-tune rather than start over (Adam at a small rate).
 */
import type { DatasetInfo } from '../../../shared/api/dto';
import type { BuiltinDatasetName } from '../../../shared/data/spec';
import type { ModelFile } from '../../../shared/model/modelFile';
import { hasClasses, isNoisy, isSampled, trainingDefaults } from '../playground/datasetCatalog';
import type { PlaygroundSpec } from '../playground/playgroundStore';

/** Built-in datasets a model can be evaluated on or trained further with: same inputs, same outputs. */
export function fittingDatasets(inputs: number, outputs: number, datasets: readonly DatasetInfo[]): DatasetInfo[] {
  // the multi-class sets take any class count, so any softmax width above 2 fits them
  return datasets.filter((d) => d.inputDim === inputs && (d.outputDim === outputs || (hasClasses(d.name as BuiltinDatasetName) && outputs > 2)));
}

export function builtinDataset(name: BuiltinDatasetName, classes?: number): PlaygroundSpec['dataset'] {
  const sampled = isSampled(name);
  return {
    kind: 'builtin',
    name,
    seed: 1,
    noise: isNoisy(name) ? 0.05 : 0,
    testFraction: sampled ? 0.2 : 0,
    ...(sampled ? { samples: name === 'mnist' ? 2000 : 400 } : {}),
    ...(hasClasses(name) && classes ? { classes } : {}),
  };
}

export function specFromModel(model: Pick<ModelFile, 'name' | 'imageLayers' | 'layers' | 'loss'>, dataset: BuiltinDatasetName): PlaygroundSpec {
  const outputs = model.layers[model.layers.length - 1].units;
  // a conv layer's spec without its weights
  const imageLayers = model.imageLayers?.map((layer) => layer.kind === 'conv' ? (({ weights: _w, bias: _b, ...spec }) => spec)(layer) : layer);
  return {
    dataset: builtinDataset(dataset, outputs),
    ...(imageLayers?.length ? { imageLayers } : {}),
    layers: model.layers.map((l) => ({ units: l.units, activation: l.activation })),
    loss: model.loss,
    optimizer: { kind: 'adam' },
    learningRate: 0.01,
    ...trainingDefaults(dataset),
    seed: 1,
  };
}
