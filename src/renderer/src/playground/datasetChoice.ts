/**
 * The Playground's data: the built-in set or the imported table, its features, classes and
 * clicked-in points, and what the network sees of it (input size, task). Every change fits
 * the output layer and loss to the data.
 */
import { inputShape, inputSize } from '../../../shared/data/inputSize';
import { computed, type Ref } from 'vue';
import type { BuiltinDatasetName, FeatureName } from '../../../shared/data/spec';
import type { useAppStore } from '../app/appStore';
import { fitOutputToDataset, type NetworkChoice } from './coupling';
import { hasClasses, isNoisy, isSampled, trainingDefaults } from './datasetCatalog';
import type { ImportedDataset, PlaygroundDataset, PlaygroundSpec } from './playgroundSpec';

/** Defaults for generated sets, the same for every set so that switching keeps the numbers predictable; MNIST gets more digits. */
const GENERATED_DEFAULTS = { samples: 400, mnistSamples: 2000, noise: 0.05, testFraction: 0.2 };

interface NetworkAccess {
  network(): NetworkChoice;
  applyNetwork(n: NetworkChoice): void;
}

export function useDatasetChoice(spec: Ref<PlaygroundSpec>, app: ReturnType<typeof useAppStore>, net: NetworkAccess) {
  /** The last built-in set, to go back to after trying a CSV. */
  let lastBuiltin: PlaygroundDataset = spec.value.dataset as PlaygroundDataset;

  const builtin = computed(() => (spec.value.dataset.kind === 'builtin' ? spec.value.dataset : undefined));
  /** What the network sees: the features, the imported columns, or the built-in set's inputs. */
  const inputDim = computed(() => inputSize(spec.value.dataset));
  const task = computed(() => {
    const d = spec.value.dataset;
    return d.kind === 'inline' ? d.task : app.datasetInfo(d.name)?.task;
  });

  /** A whole spec was put in the editor: its built-in set is the one to go back to. */
  function specReplaced(): void {
    if (spec.value.dataset.kind === 'builtin') lastBuiltin = spec.value.dataset;
  }

  /** The output shape of the current dataset, once `datasets.list` has told us; image layers go with data that has no images. */
  function fitOutput(): void {
    const d = spec.value.dataset;
    if (spec.value.imageLayers && !inputShape(d)) delete spec.value.imageLayers;
    if (d.kind === 'inline') {
      net.applyNetwork(fitOutputToDataset(net.network(), { task: d.task, outputDim: d.outputNames.length }));
      return;
    }
    const info = app.datasetInfo(d.name);
    if (!info) return;
    const outputDim = hasClasses(d.name) && d.classes ? d.classes : info.outputDim;
    net.applyNetwork(fitOutputToDataset(net.network(), { task: info.task, outputDim }));
  }

  function setDataset(name: BuiltinDatasetName): void {
    const sampled = isSampled(name);
    const previous = builtin.value?.name;
    spec.value.dataset = lastBuiltin = {
      kind: 'builtin',
      name,
      seed: builtin.value?.seed ?? lastBuiltin.seed ?? 1,
      noise: isNoisy(name) ? GENERATED_DEFAULTS.noise : 0,
      testFraction: sampled ? GENERATED_DEFAULTS.testFraction : 0,
      ...(sampled ? { samples: name === 'mnist' ? GENERATED_DEFAULTS.mnistSamples : GENERATED_DEFAULTS.samples } : {}),
      ...(hasClasses(name) ? { classes: 3 } : {}),
    };
    const defaults = trainingDefaults(name);
    spec.value.batchSize = defaults.batchSize;
    // epochs are the user's between sets of one kind; into or out of MNIST they must fit the set again
    if (name === 'mnist' || previous === 'mnist') spec.value.epochs = defaults.epochs;
    fitOutput();
  }

  /** Back to the last built-in set (leaving a CSV import). */
  function useBuiltin(): void {
    spec.value.dataset = lastBuiltin;
    fitOutput();
  }

  /** Trains on an imported table from now on; it is stored with every run made from it. */
  function useImported(data: ImportedDataset): void {
    if (spec.value.dataset.kind === 'builtin') lastBuiltin = spec.value.dataset;
    spec.value.dataset = data;
    spec.value.batchSize = data.inputs.length > 64 ? 16 : 0;
    fitOutput();
  }

  function setClasses(classes: number | undefined): void {
    if (!builtin.value) return;
    builtin.value.classes = classes;
    fitOutput();
  }

  function setFeatures(features: FeatureName[] | undefined): void {
    if (builtin.value) builtin.value.features = features && features.length ? features : undefined;
  }

  /** Replaces the points added and removed by clicking on the plane. */
  function setPointEdits(edits: Pick<PlaygroundDataset, 'extraPoints' | 'removedPoints'>): void {
    if (!builtin.value) return;
    builtin.value.extraPoints = edits.extraPoints?.length ? edits.extraPoints : undefined;
    builtin.value.removedPoints = edits.removedPoints?.length ? edits.removedPoints : undefined;
  }

  return { builtin, inputDim, task, specReplaced, fitOutput, setDataset, useBuiltin, useImported, setClasses, setFeatures, setPointEdits };
}
