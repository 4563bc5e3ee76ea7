/**
 * Analysis jobs as a view sees them (landscapes, feature visualizations, representations):
 * start one, follow its `job.progress` events, cancel it, and hear when it is done (with the
 * stored artifact's id). Events can overtake the start call's answer; the first final state wins.
 *
 * A view follows the jobs it started. With `kind`, it also follows every other job of that
 * kind (started in another window, or before a reload: `adoptActive` picks those up from
 * `jobs.list`).
 */
import { computed, onBeforeUnmount, reactive, ref } from 'vue';
import type { AnalysisJobStatus } from '../../../shared/api/analysisDto';
import { FINAL_JOB_STATES } from '../../../shared/api/analysisDto';
import { useApi } from '../api';

type AnalysisKind = AnalysisJobStatus['kind'];

export interface AnalysisJobsOptions {
  /** Follow every job of this kind, not only the ones started here. */
  kind?: AnalysisKind;
  onDone: (status: AnalysisJobStatus) => void;
}

export const isFinal = (status: AnalysisJobStatus): boolean => FINAL_JOB_STATES.includes(status.status);

export function useAnalysisJobs(options: AnalysisJobsOptions) {
  const api = useApi();
  /** Latest status per job id. */
  const jobs = reactive(new Map<number, AnalysisJobStatus>());
  /** Why the last start or cancel failed. */
  const error = ref<string | null>(null);

  const follows = (status: AnalysisJobStatus): boolean =>
    jobs.has(status.jobId) || (options.kind !== undefined && status.kind === options.kind);

  function apply(status: AnalysisJobStatus): void {
    if (!follows(status)) return;
    const known = jobs.get(status.jobId);
    if (known && isFinal(known)) return;
    jobs.set(status.jobId, status);
    if (status.status === 'failed') error.value = status.error ?? 'the analysis failed';
    if (status.status === 'done') options.onDone(status);
  }
  onBeforeUnmount(api.on('job.progress', apply));

  /** Starts a job; its status is followed from here on. Throws what the API throws (and keeps it in `error`). */
  async function start(launch: () => Promise<AnalysisJobStatus>): Promise<AnalysisJobStatus> {
    error.value = null;
    try {
      const status = await launch();
      if (!jobs.has(status.jobId)) jobs.set(status.jobId, status);
      return status;
    } catch (err) {
      error.value = (err as Error).message;
      throw err;
    }
  }

  async function cancel(jobId: number): Promise<void> {
    try {
      apply(await api.jobs.cancel({ jobId }));
    } catch (err) {
      error.value = (err as Error).message;
    }
  }

  /** Follows the unfinished jobs of `kind` the API already runs. */
  async function adoptActive(): Promise<void> {
    for (const status of await api.jobs.list({})) {
      if (status.kind === options.kind && !isFinal(status)) jobs.set(status.jobId, status);
    }
  }

  const newestFirst = (list: AnalysisJobStatus[]) => list.sort((a, b) => b.jobId - a.jobId);
  /** The newest job, finished or not (the one a single-job view shows). */
  const latest = computed<AnalysisJobStatus | undefined>(() => newestFirst([...jobs.values()])[0]);
  /** Whether a followed job has not finished yet. */
  const active = computed(() => [...jobs.values()].some((j) => !isFinal(j)));
  /** The newest job of a run that has not finished, if any. */
  const activeFor = (runId: number): AnalysisJobStatus | undefined =>
    newestFirst([...jobs.values()].filter((j) => j.runId === runId && !isFinal(j)))[0];
  /** The newest job of a run, finished or not (for its error). */
  const latestFor = (runId: number): AnalysisJobStatus | undefined =>
    newestFirst([...jobs.values()].filter((j) => j.runId === runId))[0];

  return { jobs, error, latest, active, start, cancel, adoptActive, activeFor, latestFor };
}

export type AnalysisJobs = ReturnType<typeof useAnalysisJobs>;
