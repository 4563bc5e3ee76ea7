/**
 * One analysis job a view starts and watches: its status from `job.progress` events, cancel,
 * and a callback when it is done (with the stored artifact's id).
 */
import { computed, onBeforeUnmount, ref } from 'vue';
import type { AnalysisJobStatus } from '../../../shared/api/analysisDto';
import { FINAL_JOB_STATES } from '../../../shared/api/analysisDto';
import { useApi } from '../api';

export function useAnalysisJob(onDone: (status: AnalysisJobStatus) => void) {
  const api = useApi();
  const job = ref<AnalysisJobStatus | null>(null);
  const error = ref<string | null>(null);
  const active = computed(() => job.value !== null && !FINAL_JOB_STATES.includes(job.value.status));
  const fraction = computed(() => (job.value && job.value.total > 0 ? job.value.done / job.value.total : 0));

  const apply = (status: AnalysisJobStatus): void => {
    if (!job.value || status.jobId !== job.value.jobId) return;
    const wasActive = active.value;
    job.value = status;
    if (status.status === 'failed') error.value = status.error ?? 'the analysis failed';
    if (wasActive && status.status === 'done') onDone(status);
  };
  const off = api.on('job.progress', apply);
  onBeforeUnmount(off);

  async function start(launch: () => Promise<AnalysisJobStatus>): Promise<void> {
    error.value = null;
    try {
      job.value = await launch();
    } catch (err) {
      error.value = (err as Error).message;
    }
  }

  async function cancel(): Promise<void> {
    if (!job.value) return;
    try {
      apply(await api.jobs.cancel({ jobId: job.value.jobId }));
    } catch (err) {
      error.value = (err as Error).message;
    }
  }

  return { job, error, active, fraction, start, cancel };
}
