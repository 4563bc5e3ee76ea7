/**
 * Analysis worker entry: waits for one `run` command, runs that job kind from the registry
 * with progress (throttled to about ten messages a second) and cancellation (a shared flag,
 * since a synchronous analysis loop cannot receive messages), posts the result, and exits.
 */
import { parentPort } from 'node:worker_threads';
import { AnalysisCancelled, type JobControl } from '../../shared/analysis/control';
import {
  CANCEL_FLAG_INDEX, type AnalysisCommand, type AnalysisKind, type AnalysisRequest, type AnalysisWorkerMessage,
} from '../../shared/analysis-protocol';
import { jobs, type AnalysisJob } from './analysisJobs';
import { useWasmKernels } from '../data/wasmKernels';

const PROGRESS_EVERY_MS = 100;

// the engine's WebAssembly kernels for this thread (the JavaScript ones when they cannot load)
useWasmKernels();

const port = parentPort;
if (!port) throw new Error('analysis.worker must run in a worker thread');

const post = (message: AnalysisWorkerMessage): void => port.postMessage(message);
let cancelled: Int32Array | undefined;

port.on('message', (command: AnalysisCommand) => {
  if (command.type === 'cancel') {
    if (cancelled) Atomics.store(cancelled, CANCEL_FLAG_INDEX, 1);
    return;
  }
  cancelled = new Int32Array(command.cancelFlag);
  void run(command.jobId, command.kind, command.request, cancelled);
});

async function run(jobId: number, kind: AnalysisKind, request: AnalysisRequest, flag: Int32Array): Promise<void> {
  let lastProgress = 0;
  const control: JobControl = {
    onProgress: (done, total) => {
      const now = Date.now();
      if (done < total && now - lastProgress < PROGRESS_EVERY_MS) return;
      lastProgress = now;
      post({ type: 'progress', jobId, done, total });
    },
    shouldCancel: () => Atomics.load(flag, CANCEL_FLAG_INDEX) === 1,
  };
  try {
    const job = jobs[kind] as AnalysisJob<AnalysisKind> | undefined;
    if (!job) throw new Error(`unknown analysis kind: ${kind}`);
    const result = await job(request, control);
    post({ type: 'result', jobId, result });
  } catch (err) {
    if (err instanceof AnalysisCancelled) post({ type: 'cancelled', jobId });
    else post({ type: 'error', jobId, message: err instanceof Error ? err.message : String(err) });
  }
  port?.close();
}
