/**
 * The Playground's run: training the spec (from fresh weights, typed-in weights or a trained
 * network), opening a stored run, pause / resume / step / stop, and the API's complaints about
 * the spec. An active run follows the learning rate and regularization fields live.
 */
import { computed, ref, shallowRef, watch, type Ref } from 'vue';
import { FINAL_STATUSES } from '../../../shared/api/dto';
import type { ModelRef } from '../../../shared/api/trackingContract';
import { LearningRateSchema, RegularizationSpecSchema } from '../../../shared/nn/spec';
import { trainSpecIssues } from '../../../shared/training/trainSpec';
import { ApiError, useApi } from '../api';
import { currentIssues, toFieldIssues, type FieldIssue } from '../lib/issues';
import type { useRunsStore } from '../runs/runsStore';
import { copySpec, type PlaygroundSpec } from './playgroundSpec';

export function useRunControl(spec: Ref<PlaygroundSpec>, runsStore: ReturnType<typeof useRunsStore>, specReplaced: () => void) {
  const api = useApi();
  const runId = ref<number | null>(null);
  const starting = ref(false);
  const error = ref<string | null>(null);
  const rawIssues = ref<FieldIssue[]>([]);
  /** Weights typed into the diagram before training: the next Train starts from them. */
  const draftParams = shallowRef<number[] | null>(null);
  /** A trained network the next Train continues from (set by the Runs view's "Continue training"). */
  const fromModel = ref<{ model: ModelRef; label: string } | null>(null);

  const run = computed(() => (runId.value === null ? undefined : runsStore.byId(runId.value)));
  const active = computed(() => run.value !== undefined && !FINAL_STATUSES.includes(run.value.status));
  /** What the editor's spec breaks as it is typed (layer/loss rules, the parameter budget), before any request. */
  const liveIssues = computed<FieldIssue[]>(() => {
    try {
      return trainSpecIssues(spec.value).map((i) => ({ field: i.path.join('.'), message: i.message, valueAtError: '' }));
    } catch {
      return []; // a half-typed dataset: the API's answer names it
    }
  });
  const issues = computed(() => {
    const live = liveIssues.value;
    const fromApi = currentIssues(rawIssues.value, spec.value).filter((r) => !live.some((l) => l.field === r.field && l.message === r.message));
    return [...live, ...fromApi];
  });
  const issueFor = (field: string): string | undefined => issues.value.find((i) => i.field === field)?.message;

  async function train(): Promise<void> {
    starting.value = true;
    error.value = null;
    rawIssues.value = [];
    const request = copySpec(spec.value);
    try {
      const params = draftParams.value;
      const from = fromModel.value;
      const summary = await runsStore.start(request, from ? { fromModel: from.model } : params ? { initialParams: [...params] } : {});
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
      spec.value = copySpec(detail.spec as PlaygroundSpec);
      specReplaced();
      runsStore.adoptSummary(detail);
      await runsStore.loadMetrics(id);
      runId.value = id;
    } catch (err) {
      error.value = `Could not open run ${id}: ${(err as Error).message}`;
    }
  }

  /** Puts a configuration in the editor ("Run again with changes"), optionally continuing from a trained network. */
  function loadSpec(next: PlaygroundSpec, from: { model: ModelRef; label: string } | null = null): void {
    spec.value = copySpec(next);
    specReplaced();
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
  // only values the schemas accept are sent: a half-typed field waits
  watch(() => spec.value.learningRate, (lr) => {
    const parsed = LearningRateSchema.safeParse(lr);
    if (parsed.success) live((id) => api.runs.setLearningRate({ id, learningRate: parsed.data }));
  });
  watch(() => JSON.stringify(spec.value.regularization), () => {
    const parsed = RegularizationSpecSchema.safeParse(spec.value.regularization);
    if (parsed.success) live((id) => api.runs.setRegularization({ id, regularization: parsed.data }));
  });

  return {
    runId, run, active, starting, error, issues, issueFor, draftParams, fromModel, train, open, loadSpec, reset,
    pause: control(runsStore.pause), resume: control(runsStore.resume), step: control(runsStore.step),
    stepEpoch: control((id) => runsStore.step(id, 'epoch')), stop: control(runsStore.stop),
  };
}
