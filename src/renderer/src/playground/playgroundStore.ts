/**
 * The Playground: the training spec being edited, the run it last started, and the API's
 * complaints about the spec. Editing helpers keep output layer, loss and dataset coupled;
 * the learning rate and regularization of an active run follow the fields live.
 */
import { defineStore } from 'pinia';
import { computed, ref, shallowRef, watch } from 'vue';
import type { z } from 'zod';
import { FINAL_STATUSES } from '../../../shared/api/dto';
import type { BuiltinDatasetName, BuiltinDatasetSpecSchema, FeatureName, InlineDatasetSpecSchema } from '../../../shared/data/spec';
import type { ActivationName, LossName, OptimizerSpec, RegularizationSpec } from '../../../shared/nn/spec';
import type { TrainSpecInput } from '../../../shared/nn/trainSpec';
import type { ModelRef } from '../../../shared/api/trackingContract';
import { ApiError, useApi } from '../api';
import { chooseLoss, chooseOutputActivation, fitOutputToDataset, type NetworkChoice } from './coupling';
import { hasClasses, isNoisy, isSampled } from './datasetCatalog';
import { currentIssues, toFieldIssues, type FieldIssue } from '../lib/issues';
import { useAppStore } from '../app/appStore';
import { useRunsStore } from '../runs/runsStore';

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

/** Defaults for generated sets, the same for every set so that switching keeps the numbers predictable; MNIST gets more digits. */
const GENERATED_DEFAULTS = { samples: 400, mnistSamples: 2000, noise: 0.05, testFraction: 0.2 };

export const usePlaygroundStore = defineStore('playground', () => {
  const runsStore = useRunsStore();
  const app = useAppStore();
  const api = useApi();

  const spec = ref<PlaygroundSpec>(defaultSpec());
  const runId = ref<number | null>(null);
  const starting = ref(false);
  const error = ref<string | null>(null);
  const rawIssues = ref<FieldIssue[]>([]);
  /** Weights typed into the diagram before training: the next Train starts from them. */
  const draftParams = shallowRef<number[] | null>(null);
  /** A trained network the next Train continues from (set by the Runs view's "Continue training"). */
  const fromModel = ref<{ model: ModelRef; label: string } | null>(null);
  /** The last built-in set, to go back to after trying a CSV. */
  let lastBuiltin: PlaygroundDataset = spec.value.dataset as PlaygroundDataset;

  const run = computed(() => (runId.value === null ? undefined : runsStore.byId(runId.value)));
  const active = computed(() => run.value !== undefined && !FINAL_STATUSES.includes(run.value.status));
  const issues = computed(() => currentIssues(rawIssues.value, spec.value));
  const issueFor = (field: string): string | undefined => issues.value.find((i) => i.field === field)?.message;

  const builtin = computed(() => (spec.value.dataset.kind === 'builtin' ? spec.value.dataset : undefined));
  /** What the network sees: the features, the imported columns, or the built-in set's inputs. */
  const inputDim = computed<number | undefined>(() => {
    const d = spec.value.dataset;
    if (d.kind === 'inline') return d.inputNames.length;
    return d.features?.length ?? app.datasetInfo(d.name)?.inputDim;
  });
  const task = computed(() => {
    const d = spec.value.dataset;
    return d.kind === 'inline' ? d.task : app.datasetInfo(d.name)?.task;
  });

  const network = (): NetworkChoice => ({ layers: spec.value.layers, loss: spec.value.loss });
  const applyNetwork = (n: NetworkChoice): void => {
    spec.value.layers = n.layers;
    spec.value.loss = n.loss;
  };

  /** The output shape of the current dataset, once `datasets.list` has told us. */
  function fitOutput(): void {
    const d = spec.value.dataset;
    if (d.kind === 'inline') {
      applyNetwork(fitOutputToDataset(network(), { task: d.task, outputDim: d.outputNames.length }));
      return;
    }
    const info = app.datasetInfo(d.name);
    if (!info) return;
    const outputDim = hasClasses(d.name) && d.classes ? d.classes : info.outputDim;
    applyNetwork(fitOutputToDataset(network(), { task: info.task, outputDim }));
  }

  function setDataset(name: BuiltinDatasetName): void {
    const sampled = isSampled(name);
    spec.value.dataset = lastBuiltin = {
      kind: 'builtin',
      name,
      seed: builtin.value?.seed ?? lastBuiltin.seed ?? 1,
      noise: isNoisy(name) ? GENERATED_DEFAULTS.noise : 0,
      testFraction: sampled ? GENERATED_DEFAULTS.testFraction : 0,
      ...(sampled ? { samples: name === 'mnist' ? GENERATED_DEFAULTS.mnistSamples : GENERATED_DEFAULTS.samples } : {}),
      ...(hasClasses(name) ? { classes: 3 } : {}),
    };
    // Gates and the energy table have a handful of rows: full batch; larger sets learn faster in mini-batches.
    spec.value.batchSize = sampled ? 16 : 0;
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
      const params = draftParams.value;
      const from = fromModel.value;
      const summary = from
        ? runsStore.adopt(await api.runs.start({ spec: request, fromModel: from.model }))
        : params
        ? await runsStore.adopt(await api.runs.startWithParams({ spec: request, params: [...params] }))
        : await runsStore.start(request);
      draftParams.value = null;
      fromModel.value = null;
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

  /** Shows a stored run in the Playground: its configuration, its curves and its network. */
  async function open(id: number): Promise<void> {
    error.value = null;
    try {
      const detail = await api.runs.get({ id });
      spec.value = JSON.parse(JSON.stringify(detail.spec)) as PlaygroundSpec;
      if (spec.value.dataset.kind === 'builtin') lastBuiltin = spec.value.dataset;
      runsStore.adoptSummary(detail);
      await runsStore.loadMetrics(id);
      runId.value = id;
    } catch (err) {
      error.value = `Could not open run ${id}: ${(err as Error).message}`;
    }
  }

  /** Puts a configuration in the editor ("Run again with changes"), optionally continuing from a trained network. */
  function loadSpec(next: PlaygroundSpec, from: { model: ModelRef; label: string } | null = null): void {
    spec.value = JSON.parse(JSON.stringify(next)) as PlaygroundSpec;
    if (spec.value.dataset.kind === 'builtin') lastBuiltin = spec.value.dataset;
    runId.value = null;
    draftParams.value = null;
    rawIssues.value = [];
    error.value = null;
    fromModel.value = from;
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

  /** Fresh weights: the run stops, and the next Train starts from a new initialization (seed + 1). */
  async function reset(): Promise<void> {
    if (active.value) await control(runsStore.stop)();
    runId.value = null;
    draftParams.value = null;
    fromModel.value = null;
    spec.value.seed = (spec.value.seed ?? 1) + 1;
  }

  // An active run follows the learning rate and regularization fields from its next step on.
  const live = (fn: (id: number) => Promise<unknown>) => {
    if (!active.value || runId.value === null) return;
    void fn(runId.value).catch((err: unknown) => { error.value = (err as Error).message; });
  };
  watch(() => spec.value.learningRate, (lr) => {
    if (typeof lr === 'number' && lr > 0 && lr <= 100) live((id) => api.runs.setLearningRate({ id, learningRate: lr }));
  });
  watch(() => JSON.stringify(spec.value.regularization), () => {
    const r = spec.value.regularization as RegularizationSpec | undefined;
    if (r && r.lambda >= 0 && r.lambda <= 10) live((id) => api.runs.setRegularization({ id, regularization: { kind: r.kind, lambda: r.lambda ?? 0 } }));
  });

  return {
    spec, runId, run, active, fromModel, loadSpec, starting, error, issues, issueFor, builtin, inputDim, task, draftParams,
    setDataset, useBuiltin, useImported, setClasses, setFeatures, setPointEdits, fitOutput,
    addHiddenLayer, removeHiddenLayer, setLoss, setOutputActivation, setOptimizer, train, open, reset,
    pause: control(runsStore.pause), resume: control(runsStore.resume), step: control(runsStore.step),
    stepEpoch: control((id) => runsStore.step(id, 'epoch')), stop: control(runsStore.stop),
  };
});
