/**
 * Every run the app knows: the list from `runs.list`, kept current by `run.status` and
 * `run.progress` events, and each run's curves (RunMetrics, outside deep reactivity, with a
 * version counter per run that charts watch).
 */
import { defineStore } from 'pinia';
import { markRaw, ref } from 'vue';
import { FINAL_STATUSES, type RunProgressEvent, type RunStatusEvent, type RunSummary } from '../../../shared/api/dto';
import type { ApiRequest } from '../../../shared/api/contract';
import type { TrainSpecInput } from '../../../shared/training/trainSpec';
import { useApi, useConnection } from '../api';
import { RunMetrics } from './runMetrics';

/** Where runs.start begins instead of a fresh initialization (at most one of the two). */
export type StartingPoint = Pick<ApiRequest<'runs.start'>, 'fromModel' | 'initialParams' | 'pace'>;

export const useRunsStore = defineStore('runs', () => {
  const api = useApi();
  const runs = ref<RunSummary[]>([]);
  const loaded = ref(false);
  const loadError = ref<string | null>(null);
  /** Bumped whenever a run's curves change; charts watch their run's entry. */
  const metricsVersion = ref<Record<number, number>>({});
  const metrics = markRaw(new Map<number, RunMetrics>());
  const historyLoaded = new Set<number>();

  const byId = (id: number): RunSummary | undefined => runs.value.find((r) => r.id === id);

  const upsert = (summary: RunSummary): void => {
    const i = runs.value.findIndex((r) => r.id === summary.id);
    if (i >= 0) runs.value[i] = summary;
    else runs.value.unshift(summary);
  };

  const bump = (id: number): void => {
    metricsVersion.value[id] = (metricsVersion.value[id] ?? 0) + 1;
  };

  const metricsOf = (id: number): RunMetrics => {
    let m = metrics.get(id);
    if (!m) metrics.set(id, (m = markRaw(new RunMetrics())));
    return m;
  };

  let refreshing: Promise<void> | null = null;
  async function refresh(): Promise<void> {
    refreshing ??= (async () => {
      try {
        const list = await api.runs.list({});
        runs.value = list.sort((a, b) => b.createdAt - a.createdAt || b.id - a.id);
        loadError.value = null;
      } catch (err) {
        loadError.value = (err as Error).message;
      } finally {
        loaded.value = true;
        refreshing = null;
      }
    })();
    return refreshing;
  }

  /** Loads a run's stored curves once; live points keep arriving through events. */
  async function loadMetrics(id: number): Promise<void> {
    if (historyLoaded.has(id)) return;
    historyLoaded.add(id);
    try {
      const history = await api.runs.metrics({ id });
      metricsOf(id).mergeHistory(history);
      bump(id);
    } catch (err) {
      historyLoaded.delete(id);
      throw err;
    }
  }

  function onProgress(ev: RunProgressEvent): void {
    const run = byId(ev.runId);
    if (!run) {
      // Started elsewhere (another window, the CLI): pick it up from the list.
      void refresh();
      return;
    }
    run.status = ev.status;
    run.step = ev.step;
    run.epoch = ev.epoch;
    if (ev.points.length) {
      const last = { ...run.lastMetrics };
      for (const p of ev.points) if (p.value.length) last[p.name] = p.value[p.value.length - 1];
      run.lastMetrics = last;
      metricsOf(ev.runId).append(ev.points);
      bump(ev.runId);
    }
  }

  function onStatus(ev: RunStatusEvent): void {
    const run = byId(ev.runId);
    if (!run) {
      void refresh();
      return;
    }
    run.status = ev.status;
    run.error = ev.error;
    run.step = ev.step;
    run.epoch = ev.epoch;
    const now = Date.now();
    if (ev.status === 'running' && run.startedAt === null) run.startedAt = now;
    if (FINAL_STATUSES.includes(ev.status) && run.finishedAt === null) {
      run.finishedAt = now;
    }
  }

  api.on('run.progress', onProgress);
  api.on('run.status', onStatus);
  // Events sent while the socket was down are lost; the list is the truth after a reconnect.
  useConnection().subscribe((state, reconnected) => {
    if (state === 'open' && reconnected) {
      void refresh();
      historyLoaded.clear();
    }
  });

  /** Starts a run from the spec's initialization, or from a trained network or typed-in parameters. */
  async function start(spec: TrainSpecInput, from: StartingPoint = {}): Promise<RunSummary> {
    const summary = await api.runs.start({ spec, ...from });
    upsert(summary);
    metricsOf(summary.id);
    historyLoaded.add(summary.id);
    return summary;
  }

  const control = (action: 'pause' | 'resume' | 'stop') => async (id: number): Promise<void> => {
    upsert(await api.runs[action]({ id }));
  };

  async function step(id: number, unit: 'batch' | 'epoch' = 'batch'): Promise<void> {
    upsert(await api.runs.step({ id, unit }));
  }

  async function remove(id: number): Promise<void> {
    await api.runs.delete({ id });
    runs.value = runs.value.filter((r) => r.id !== id);
    metrics.delete(id);
    historyLoaded.delete(id);
  }

  return {
    runs, loaded, loadError, metricsVersion, byId, refresh, loadMetrics, start, step, remove,
    /** Puts a run's summary (from runs.get) into the list, e.g. when a view opens it. */
    adoptSummary: upsert,
    pause: control('pause'), resume: control('resume'), stop: control('stop'),
    /** The curves of a run (never reactive; watch `metricsVersion[id]`). */
    metricsOf,
    // Exposed for tests that feed events directly.
    onProgress, onStatus,
  };
});
