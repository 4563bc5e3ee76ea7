/**
 * A lecture view's handle on one training run: starts it through `runs.start` (so it is stored
 * and listed like any other), follows its live parameters from `run.progress`, and reopens a
 * stored run by id from its latest checkpoint.
 */
import { computed, ref, shallowRef, watch } from 'vue';
import { FINAL_STATUSES } from '../../../shared/api/dto';
import { inputSize } from '../../../shared/data/inputSize';
import type { NetworkSpec } from '../../../shared/nn/spec';
import type { TrainSpecInput } from '../../../shared/training/trainSpec';
import { ApiError, useApi } from '../api';
import { useRunsStore } from '../runs/runsStore';

type DatasetInput = TrainSpecInput['dataset'];

export function useLectureRun() {
  const api = useApi();
  const runs = useRunsStore();
  const runId = ref<number | null>(null);
  const network = shallowRef<NetworkSpec | null>(null);
  const dataset = shallowRef<DatasetInput | null>(null);
  const params = shallowRef<number[] | null>(null);
  const error = ref<string | null>(null);
  const busy = ref(false);
  const run = computed(() => (runId.value === null ? undefined : runs.byId(runId.value)));
  const finished = computed(() => run.value !== undefined && FINAL_STATUSES.includes(run.value.status));

  api.on('run.progress', (ev) => {
    if (ev.runId === runId.value && ev.params) params.value = ev.params;
  });

  async function latestParams(id: number): Promise<void> {
    try {
      const checkpoint = await api.runs.checkpoint({ id });
      if (runId.value === id) params.value = checkpoint.params;
    } catch {
      // A diverged run may have no final checkpoint; its last live parameters stay shown.
    }
  }

  // The last progress event carries the final parameters, but a run reopened after it finished has only its checkpoint.
  watch(finished, (done) => {
    if (done && runId.value !== null && params.value === null) void latestParams(runId.value);
  });

  function adopt(input: { layers: NetworkSpec['layers']; loss: NetworkSpec['loss']; dataset: DatasetInput }): void {
    network.value = { inputs: inputSize(input.dataset), layers: input.layers, loss: input.loss };
    dataset.value = input.dataset;
  }

  async function start(spec: TrainSpecInput): Promise<void> {
    busy.value = true;
    error.value = null;
    try {
      // A plain copy: reactive proxies cannot cross IPC's structured clone.
      const plain = JSON.parse(JSON.stringify(spec)) as TrainSpecInput;
      const summary = await runs.start(plain);
      params.value = null;
      adopt(plain);
      runId.value = summary.id;
    } catch (err) {
      error.value = err instanceof ApiError && err.issues.length
        ? `${err.message}: ${err.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`
        : (err as Error).message;
    } finally {
      busy.value = false;
    }
  }

  async function open(id: number): Promise<void> {
    busy.value = true;
    error.value = null;
    try {
      const detail = await api.runs.get({ id });
      params.value = null;
      adopt(detail.spec);
      runId.value = id;
      await Promise.all([runs.loadMetrics(id), latestParams(id)]);
    } catch (err) {
      error.value = `Could not reopen run ${id}: ${(err as Error).message}`;
    } finally {
      busy.value = false;
    }
  }

  async function stop(): Promise<void> {
    if (runId.value !== null && !finished.value) await runs.stop(runId.value);
  }

  /** The last recorded value of a metric, or undefined before the first evaluation. */
  const lastMetric = (name: string): number | undefined => run.value?.lastMetrics[name];

  return { runId, run, network, dataset, params, error, busy, finished, start, open, stop, lastMetric };
}

export type LectureRun = ReturnType<typeof useLectureRun>;
