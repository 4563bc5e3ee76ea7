/**
 * The Playground's run: training the spec (from fresh weights, typed-in weights or a trained
 * network), opening a stored run, pause / resume / step / stop, the speed, and what is wrong
 * with the spec (in words, as it is typed; the API's complaints too). An active run follows the
 * learning rate, regularization and speed fields live. Controls run one after another, so three
 * quick presses of Step are three steps.
 */
import { computed, ref, shallowRef, watch, type Ref } from 'vue';
import { FINAL_STATUSES } from '../../../shared/api/dto';
import type { ModelRef } from '../../../shared/api/trackingContract';
import type { RunStatus } from '../../../shared/api/dto';
import { LearningRateSchema, RegularizationSpecSchema } from '../../../shared/nn/spec';
import type { StepsPerSecond } from '../../../shared/training/pace';
import { ApiError, useApi } from '../api';
import { currentIssues, toFieldIssues, type FieldIssue } from '../lib/issues';
import type { useRunsStore } from '../runs/runsStore';
import { copySpec, type PlaygroundSpec } from './playgroundSpec';
import { specIssues } from './specIssues';

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
  /** Optimizer steps per second for the next run and the active one; null: as fast as possible. */
  const stepsPerSecond = ref<StepsPerSecond>(null);
  /** What the editor's spec breaks as it is typed (the schema, layer/loss rules, the parameter budget), before any request. */
  const liveIssues = computed<FieldIssue[]>(() => specIssues(spec.value));
  /** Why Train is off: the spec's problems in words, none when it may start. */
  const trainBlockers = computed(() => liveIssues.value.map((i) => i.message));
  const issues = computed(() => {
    const live = liveIssues.value;
    const fromApi = currentIssues(rawIssues.value, spec.value).filter((r) => !live.some((l) => l.field === r.field && l.message === r.message));
    return [...live, ...fromApi];
  });
  const issueFor = (field: string): string | undefined => issues.value.find((i) => i.field === field)?.message;

  async function train({ paused = false }: { paused?: boolean } = {}): Promise<void> {
    if (trainBlockers.value.length) return;
    starting.value = true;
    error.value = null;
    rawIssues.value = [];
    const request = copySpec(spec.value);
    try {
      const params = draftParams.value;
      const from = fromModel.value;
      const pace = { startPaused: paused, stepsPerSecond: stepsPerSecond.value };
      const summary = await runsStore.start(request, { ...(from ? { fromModel: from.model } : params ? { initialParams: [...params] } : {}), pace });
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

  /** Controls run in the order they were pressed, each after the one before has finished. */
  let pending: Promise<void> = Promise.resolve();
  const inTurn = (fn: () => Promise<void>) => (): Promise<void> => {
    const next = pending.then(fn);
    pending = next.catch(() => undefined);
    return next;
  };

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

  /** Resolves once the run has left the queue (a worker holds it), or ended there. */
  const untilStarted = (id: number): Promise<void> => new Promise((resolve) => {
    const status = (): RunStatus | undefined => runsStore.byId(id)?.status;
    if (status() !== 'queued') return resolve();
    const unwatch = watch(status, (s) => { if (s !== 'queued') { unwatch(); resolve(); } });
  });

  /** Without an active run, a new run paused at its initialization (step 0); true when there is a run to step. */
  async function ensurePausedRun(): Promise<boolean> {
    if (active.value) return true;
    await train({ paused: true });
    if (!active.value || runId.value === null) return false;
    await untilStarted(runId.value);
    return active.value;
  }

  /** One mini-batch or one epoch; with no active run, first a new run paused at its initialization. */
  const stepBy = (unit: 'batch' | 'epoch') => async (): Promise<void> => {
    if (await ensurePausedRun()) await control((id) => runsStore.step(id, unit))();
  };

  /** Space: start training, pause it, or resume it. */
  async function playPause(): Promise<void> {
    const status = run.value?.status;
    if (!active.value) return train();
    if (status === 'paused') return control(runsStore.resume)();
    if (status === 'running') return control(runsStore.pause)();
    // queued: nothing to pause yet
  }

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
  watch(stepsPerSecond, (value) => live((id) => api.runs.setSpeed({ id, stepsPerSecond: value })));

  return {
    runId, run, active, starting, error, issues, issueFor, trainBlockers, draftParams, fromModel, stepsPerSecond, open, loadSpec, reset,
    train: inTurn(() => train()), startPaused: inTurn(() => train({ paused: true })),
    pause: inTurn(control(runsStore.pause)), resume: inTurn(control(runsStore.resume)), playPause: inTurn(playPause),
    step: inTurn(stepBy('batch')), stepEpoch: inTurn(stepBy('epoch')),
    // not in turn: Stop must cut through a step still waiting for a queued run to start
    stop: control(runsStore.stop),
  };
}
