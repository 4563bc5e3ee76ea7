/**
 * What the feature-visualization and representations views share: the run they analyse (from
 * the route, kept while another view shows), its context, the artifacts stored with it and the
 * one open, loading them when the run changes, deleting one, and the analysis job that makes a
 * new one (opened when it is done).
 */
import { computed, ref, shallowRef, watch } from 'vue';
import type { AnalysisJobStatus } from '../../../shared/api/analysisDto';
import type { AnalysisArtifactSummary, FeatureVisContext } from '../../../shared/api/featureVisDto';
import { useApi } from '../api';
import { useRoute } from '../app/router';
import { useAnalysisJobs } from '../lib/useAnalysisJobs';

/** Where a kind of artifact is stored: `api.featureVis` or `api.representations`. */
export interface ArtifactStore<A> {
  list(request: { runId: number }): Promise<AnalysisArtifactSummary[]>;
  get(request: { id: number }): Promise<A>;
  delete(request: { id: number }): Promise<unknown>;
}

export interface RunAnalysisOptions<A> {
  /** The route's view name; its parameter is the run id. */
  view: string;
  store: ArtifactStore<A>;
  /** A new run's context has arrived: reset the view's form to fit it. */
  onContext(context: FeatureVisContext): void;
  /** An artifact has been opened (with the run's context, if it has arrived): show its settings or last frame. */
  onOpen(artifact: A, context: FeatureVisContext | null): void;
}

export function useRunAnalysis<A extends { id: number }>(options: RunAnalysisOptions<A>) {
  const { view, store } = options;
  const api = useApi();
  const route = useRoute();
  // KeepAlive keeps the view while another shows; it keeps its run rather than reading theirs
  const lastRunId = ref<number | null>(null);
  const runId = computed<number | null>(() => {
    if (route.value.view !== view) return lastRunId.value;
    const id = Number(route.value.param);
    return Number.isInteger(id) && id > 0 ? id : null;
  });
  const context = shallowRef<FeatureVisContext | null>(null);
  const saved = ref<AnalysisArtifactSummary[]>([]);
  const open = shallowRef<A | null>(null);
  const error = ref<string | null>(null);

  const job = useAnalysisJobs({
    onDone: (status) => {
      void refreshSaved();
      if (status.artifactId !== null) void openArtifact(status.artifactId);
    },
  });

  watch(runId, async (id) => {
    lastRunId.value = id;
    context.value = null;
    open.value = null;
    saved.value = [];
    error.value = null;
    if (id === null) return;
    try {
      const [ctx, list] = await Promise.all([api.featureVis.context({ runId: id }), store.list({ runId: id })]);
      if (id !== runId.value) return;
      context.value = ctx;
      saved.value = list;
      options.onContext(ctx);
      if (list.length > 0) await openArtifact(list[0].id);
    } catch (err) {
      if (id === runId.value) error.value = (err as Error).message;
    }
  }, { immediate: true });

  async function refreshSaved(): Promise<void> {
    if (runId.value !== null) saved.value = await store.list({ runId: runId.value });
  }

  async function openArtifact(id: number): Promise<void> {
    try {
      const artifact = await store.get({ id });
      open.value = artifact;
      options.onOpen(artifact, context.value);
    } catch (err) {
      error.value = (err as Error).message;
    }
  }

  async function remove(id: number): Promise<void> {
    try {
      await store.delete({ id });
      if (open.value?.id === id) open.value = null;
      await refreshSaved();
    } catch (err) {
      error.value = (err as Error).message;
    }
  }

  /** Starts the job that computes a new artifact for the current run; nothing without a run. */
  function startJob(launch: (runId: number) => Promise<AnalysisJobStatus>): void {
    if (runId.value === null) return;
    const id = runId.value;
    // a refused start is shown from job.error
    job.start(() => launch(id)).catch(() => undefined);
  }

  return { view, runId, context, saved, open, error, job, openArtifact, remove, startJob };
}

export type RunAnalysis<A extends { id: number }> = ReturnType<typeof useRunAnalysis<A>>;
