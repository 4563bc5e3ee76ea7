/**
 * Stores what a TrainLoop posts, the one place that turns its messages into a run's rows
 * (architecture, metric points and position, checkpoints): for a run in a worker thread
 * (TrainJob) and for the CLI's `train`, which drives the loop in its own process. So both
 * store the same things for the same spec.
 */
import type { MetricBatch, TrainWorkerMessage } from '../../../shared/worker-protocol';
import type { Store } from '../store';

/** Writes one message's data; the status messages (paused, resumed, done, failed) are the caller's. */
export function storeLoopMessage(store: Store, runId: number, message: TrainWorkerMessage): void {
  switch (message.type) {
    case 'ready':
      store.runs.setArchitecture(runId, message.architecture);
      return;
    case 'progress':
      store.metrics.insertBatch(runId, message.metrics);
      store.runs.setPosition(runId, message.step, message.epoch, latestValues(message.metrics));
      return;
    case 'checkpoint':
      store.checkpoints.add(runId, message.step, message.epoch, message.params, message.histograms);
      return;
    default:
      return;
  }
}

/** The error of a run whose rows could not be written (disk full, the run deleted): it ends failed. */
export const recordingFailure = (err: unknown): string => `could not record the run: ${err instanceof Error ? err.message : String(err)}`;

function latestValues(metrics: readonly MetricBatch[]): Record<string, number> {
  const latest: Record<string, number> = {};
  for (const m of metrics) if (m.value.length > 0) latest[m.name] = m.value[m.value.length - 1];
  return latest;
}
