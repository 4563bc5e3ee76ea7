/**
 * Landscape computations as the view sees them: start one per run, follow its `job.progress`
 * events, cancel it, and hear when its stored landscape is ready. Jobs started before the view
 * opened (another window, a reload) are picked up from `jobs.list`.
 */
import { onBeforeUnmount, reactive } from 'vue';
import type { AnalysisJobStatus } from '../../../shared/api/analysisDto';
import { FINAL_JOB_STATES } from '../../../shared/api/analysisDto';
import type { LandscapeSettingsInput } from '../../../shared/analysis/landscape/landscapeSettings';
import { useApi } from '../api';

export function useLandscapeJobs(onDone: (job: AnalysisJobStatus) => void) {
  const api = useApi();
  /** Latest status per job id. */
  const jobs = reactive(new Map<number, AnalysisJobStatus>());

  const off = api.on('job.progress', (status) => {
    if (status.kind !== 'landscape') return;
    const known = jobs.get(status.jobId);
    // events can overtake the compute call's answer; the first final state wins
    if (known && FINAL_JOB_STATES.includes(known.status)) return;
    jobs.set(status.jobId, status);
    if (status.status === 'done') onDone(status);
  });
  onBeforeUnmount(off);

  async function start(runId: number, settings: LandscapeSettingsInput): Promise<AnalysisJobStatus> {
    const status = await api.landscape.compute({ runId, settings });
    if (!jobs.has(status.jobId)) jobs.set(status.jobId, status);
    return status;
  }

  async function cancel(jobId: number): Promise<void> {
    const status = await api.jobs.cancel({ jobId });
    jobs.set(jobId, status);
  }

  async function adoptActive(): Promise<void> {
    for (const status of await api.jobs.list({})) {
      if (status.kind === 'landscape' && !FINAL_JOB_STATES.includes(status.status)) jobs.set(status.jobId, status);
    }
  }

  /** The newest job of a run that has not finished, if any. */
  const activeFor = (runId: number): AnalysisJobStatus | undefined =>
    [...jobs.values()].filter((j) => j.runId === runId && !FINAL_JOB_STATES.includes(j.status)).sort((a, b) => b.jobId - a.jobId)[0];

  /** The newest job of a run, finished or not (for its error). */
  const latestFor = (runId: number): AnalysisJobStatus | undefined =>
    [...jobs.values()].filter((j) => j.runId === runId).sort((a, b) => b.jobId - a.jobId)[0];

  return { jobs, start, cancel, adoptActive, activeFor, latestFor };
}
