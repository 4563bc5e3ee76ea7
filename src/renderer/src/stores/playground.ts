/**
 * The Playground: the training spec being edited, the run it last started, and the API's
 * complaints about the spec. Editing helpers keep output layer, loss and dataset coupled.
 */
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { z } from 'zod';
import type { BuiltinDatasetName, BuiltinDatasetSpecSchema } from '../../../shared/data/spec';
import type { ActivationName, LossName, OptimizerSpec } from '../../../shared/nn/spec';
import type { TrainSpecInput } from '../../../shared/nn/trainSpec';
import { ApiError } from '../api';
import { chooseLoss, chooseOutputActivation, fitOutputToDataset, type NetworkChoice } from '../playground/coupling';
import { hasClasses, isNoisy, isSampled } from '../playground/datasetCatalog';
import { currentIssues, toFieldIssues, type FieldIssue } from '../lib/issues';
import { useAppStore } from './app';
import { useRunsStore } from './runs';

export type PlaygroundDataset = z.input<typeof BuiltinDatasetSpecSchema>;
export type PlaygroundSpec = Omit<TrainSpecInput, 'dataset'> & { dataset: PlaygroundDataset };

/** XOR with 2-4-1 tanh/sigmoid and Adam: learns in about a second, the lecture's first non-linear problem. */
export function defaultSpec(): PlaygroundSpec {
  return {
    dataset: { kind: 'builtin', name: 'xor-gate', noise: 0, testFraction: 0, seed: 1 },
    layers: [{ units: 4, activation: 'tanh' }, { units: 1, activation: 'sigmoid' }],
    loss: 'bce',
    optimizer: { kind: 'adam' },
    learningRate: 0.05,
    batchSize: 0,
    epochs: 2000,
    seed: 1,
  };
}

/** Defaults for generated sets, the same for every set so that switching keeps the numbers predictable; MNIST gets more digits. */
const GENERATED_DEFAULTS = { samples: 400, mnistSamples: 2000, noise: 0.05, testFraction: 0.2 };

export const usePlaygroundStore = defineStore('playground', () => {
  const runsStore = useRunsStore();
  const app = useAppStore();

  const spec = ref<PlaygroundSpec>(defaultSpec());
  const runId = ref<number | null>(null);
  const starting = ref(false);
  const error = ref<string | null>(null);
  const rawIssues = ref<FieldIssue[]>([]);

  const run = computed(() => (runId.value === null ? undefined : runsStore.byId(runId.value)));
  const issues = computed(() => currentIssues(rawIssues.value, spec.value));
  const issueFor = (field: string): string | undefined => issues.value.find((i) => i.field === field)?.message;

  const network = (): NetworkChoice => ({ layers: spec.value.layers, loss: spec.value.loss });
  const applyNetwork = (n: NetworkChoice): void => {
    spec.value.layers = n.layers;
    spec.value.loss = n.loss;
  };

  /** The output shape of the current dataset, once `datasets.list` has told us. */
  function fitOutput(): void {
    const d = spec.value.dataset;
    const info = app.datasetInfo(d.name);
    if (!info) return;
    const outputDim = hasClasses(d.name) && d.classes ? d.classes : info.outputDim;
    applyNetwork(fitOutputToDataset(network(), { task: info.task, outputDim }));
  }

  function setDataset(name: BuiltinDatasetName): void {
    const sampled = isSampled(name);
    spec.value.dataset = {
      kind: 'builtin',
      name,
      seed: spec.value.dataset.seed ?? 1,
      noise: isNoisy(name) ? GENERATED_DEFAULTS.noise : 0,
      testFraction: sampled ? GENERATED_DEFAULTS.testFraction : 0,
      ...(sampled ? { samples: name === 'mnist' ? GENERATED_DEFAULTS.mnistSamples : GENERATED_DEFAULTS.samples } : {}),
      ...(hasClasses(name) ? { classes: 3 } : {}),
    };
    // Gates and the energy table have a handful of rows: full batch; larger sets learn faster in mini-batches.
    spec.value.batchSize = sampled ? 16 : 0;
    fitOutput();
  }

  function setClasses(classes: number | undefined): void {
    spec.value.dataset.classes = classes;
    fitOutput();
  }

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

  async function train(): Promise<void> {
    starting.value = true;
    error.value = null;
    rawIssues.value = [];
    // A plain copy: the reactive proxy cannot cross IPC's structured clone.
    const request = JSON.parse(JSON.stringify(spec.value)) as PlaygroundSpec;
    try {
      const summary = await runsStore.start(request);
      runId.value = summary.id;
    } catch (err) {
      if (err instanceof ApiError && err.issues.length) {
        rawIssues.value = toFieldIssues(err.issues, request);
        error.value = 'The API refused this configuration; see the marked fields.';
      } else {
        error.value = (err as Error).message;
      }
    } finally {
      starting.value = false;
    }
  }

  /** Wraps a control call so its failure shows in the Playground instead of vanishing. */
  const control = (fn: (id: number) => Promise<void>) => async (): Promise<void> => {
    if (runId.value === null) return;
    error.value = null;
    try {
      await fn(runId.value);
    } catch (err) {
      error.value = (err as Error).message;
    }
  };

  return {
    spec, runId, run, starting, error, issues, issueFor,
    setDataset, setClasses, fitOutput, addHiddenLayer, removeHiddenLayer, setLoss, setOutputActivation, setOptimizer, train,
    pause: control(runsStore.pause), resume: control(runsStore.resume), step: control(runsStore.step), stop: control(runsStore.stop),
    reset: () => { spec.value = defaultSpec(); rawIssues.value = []; },
  };
});
