/**
 * The network the Playground draws: its shape, the input features and the current flat
 * parameters. Before training it is the initialization the next run will start from
 * (computed here with the engine, from the same seed); during a run, the parameters each
 * `run.progress` event carries; afterwards, the run's last checkpoint. The parameters live in
 * a shallowRef and are replaced, never mutated, so views redraw on `version` only.
 */
import { readModel } from '../../../shared/model/read';
import { defineStore } from 'pinia';
import { computed, markRaw, ref, shallowRef, watch } from 'vue';
import type { FeatureName } from '../../../shared/data/spec';
import { Network } from '../../../shared/nn/network';
import type { NetworkSpec } from '../../../shared/nn/spec';
import { networkSpecOf, TrainSpecSchema, trainSpecIssues, type TrainSpec } from '../../../shared/training/trainSpec';
import { initialNetwork } from '../../../shared/training/initialNetwork';
import { useApi } from '../api';
import { issueSentence } from '../lib/issueWords';
import { valueAt } from '../lib/issues';
import { specFieldLabel } from './specIssues';

/** What the initialization drawn for the diagram depends on (initialNetwork's InitialNetworkSpec). */
const InitialNetworkSchema = TrainSpecSchema.pick({ dataset: true, imageLayers: true, layers: true, loss: true, init: true, seed: true });
import { usePlaygroundStore, type PlaygroundSpec } from './playgroundStore';

export interface ShownNetwork {
  net: Network;
  /** Features of a built-in 2-D or 1-D set; undefined when the network sees the raw columns. */
  features: FeatureName[] | undefined;
  /** Where the numbers come from: the initialization, a typed-in draft, or the run. */
  source: 'init' | 'draft' | 'run';
}

const featuresOf = (spec: PlaygroundSpec): FeatureName[] | undefined =>
  spec.dataset.kind === 'builtin' && spec.dataset.features ? [...spec.dataset.features] : undefined;

export const usePlaygroundNetworkStore = defineStore('playgroundNetwork', () => {
  const api = useApi();
  const pg = usePlaygroundStore();
  const shown = shallowRef<ShownNetwork | null>(null);
  /** Why nothing is shown (an invalid spec). */
  const problem = ref<string | null>(null);
  /** Bumped on every new set of numbers; maps and the diagram redraw on it (throttled). */
  const version = ref(0);
  const editError = ref<string | null>(null);
  /** The run's network shape, fixed when it started (the editor may have moved on). */
  let runShape: { spec: NetworkSpec; features: FeatureName[] | undefined } | null = null;

  const show = (next: ShownNetwork | null): void => {
    shown.value = next && { ...next, net: markRaw(next.net) };
    version.value++;
  };

  /** The initialization the next run will draw: the Trainer's own code and seed. */
  function showInitialization(): void {
    try {
      // a network over the parameter budget is never allocated here (the layer editor says why)
      const over = trainSpecIssues(pg.spec).find((i) => (i.path[0] === 'layers' && i.path.length === 1) || i.path[0] === 'imageLayers');
      if (over) throw new Error(over.message);
      // only the fields the drawing depends on, and in words: a bad learning rate is no reason to hide the network
      const parsed = InitialNetworkSchema.safeParse(JSON.parse(JSON.stringify(pg.spec)));
      if (!parsed.success) {
        const [first] = parsed.error.issues;
        const field = first.path.map(String).join('.');
        const label = field.startsWith('dataset') ? `The data set's ${field.replace(/^dataset\.?/, '') || 'choice'}` : specFieldLabel(field, pg.spec.layers.length);
        throw new Error(issueSentence(first, label, valueAt(pg.spec, field)));
      }
      const net = initialNetwork(parsed.data);
      if (pg.draftParams && pg.draftParams.length === net.params.length) {
        net.setParams(pg.draftParams);
        show({ net, features: featuresOf(pg.spec), source: 'draft' });
      } else {
        pg.draftParams = null;
        show({ net, features: featuresOf(pg.spec), source: 'init' });
      }
      problem.value = null;
    } catch (err) {
      problem.value = (err as Error).message;
      show(null);
    }
  }

  function showRunParams(params: ArrayLike<number>): void {
    if (!runShape) return;
    const net = new Network(runShape.spec, Float64Array.from(params));
    show({ net, features: runShape.features, source: 'run' });
  }

  const attached = computed(() => pg.runId !== null);

  // The editor's network, whenever no run is shown.
  watch(
    () => [JSON.stringify([pg.spec.imageLayers, pg.spec.layers, pg.spec.loss, pg.spec.seed, pg.spec.init, featuresOf(pg.spec)]), pg.inputDim, pg.runId],
    () => { if (!attached.value) showInitialization(); },
    { immediate: true },
  );

  // A run: its shape from its spec, its numbers from events, or from its last checkpoint.
  watch(() => pg.runId, async (id) => {
    runShape = null;
    if (id === null) return;
    try {
      const detail = await api.runs.get({ id });
      if (pg.runId !== id) return;
      const spec = detail.spec as TrainSpec;
      runShape = { spec: networkSpecOf(spec), features: featuresOf(spec as PlaygroundSpec) };
      const checkpoint = await api.runs.checkpoint({ id });
      if (pg.runId === id && (shown.value?.source !== 'run')) showRunParams(checkpoint.params);
    } catch {
      // a run with no checkpoint yet: its first progress event brings the numbers
    }
  });

  // Continuing a trained network: Train starts from its weights, so the diagram and the maps show
  // them now, not a fresh initialization that the first step would replace (issue #11, defect 4).
  watch(() => pg.fromModel, async (from) => {
    if (!from || pg.runId !== null) return;
    try {
      const params = from.model.runId !== undefined
        ? (await api.runs.checkpoint({ id: from.model.runId, checkpointId: from.model.checkpointId })).params
        : Array.from(readModel((await api.models.get({ id: from.model.modelId! })).model).params);
      if (pg.fromModel !== from || pg.runId !== null) return;
      pg.draftParams = params;
      showInitialization();
    } catch {
      // the run or model is gone: Train will say so in words; the initialization stays shown
    }
  }, { immediate: true });

  api.on('run.progress', (ev) => {
    if (ev.runId === pg.runId && ev.params && runShape) showRunParams(ev.params);
  });

  /**
   * Types a new value into one parameter. A paused run takes it at once (a running one is
   * paused first); with no active run it becomes the draft the next Train starts from.
   */
  async function edit(index: number, value: number): Promise<void> {
    editError.value = null;
    const current = shown.value;
    if (!current) return;
    if (!Number.isFinite(value)) {
      editError.value = 'Type a number, e.g. 0.5 or -1.2';
      return;
    }
    const params = Array.from(current.net.params);
    params[index] = value;
    if (pg.active && pg.runId !== null) {
      try {
        if (pg.run?.status === 'running') await pg.pause();
        await api.runs.setParams({ id: pg.runId, params });
        showRunParams(params);
      } catch (err) {
        editError.value = (err as Error).message;
      }
      return;
    }
    // No active run: detach from a finished one and keep its numbers, edited, as the draft.
    pg.draftParams = params;
    if (pg.runId !== null) pg.runId = null;
    else showInitialization();
  }

  return { shown, problem, version, editError, edit };
});
