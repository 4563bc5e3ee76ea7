/**
 * Compute worker entry: answers `run` commands one at a time with the task's result (its typed
 * arrays transferred) or the error's kind and message, and lives on for the next call.
 */
import { parentPort } from 'node:worker_threads';
import type { ComputeCommand, ComputeErrorKind, ComputeWorkerMessage } from '../../shared/compute-protocol';
import { DataError } from '../../shared/data/errors';
import { ModelFileError } from '../../shared/model/read';
import { computeTasks, transferablesOf } from './computeTasks';
import { useWasmKernels } from '../data/wasmKernels';

// the engine's WebAssembly kernels for this thread (the JavaScript ones when they cannot load)
useWasmKernels();

const port = parentPort;
if (!port) throw new Error('compute.worker must run in a worker thread');

const kindOf = (err: unknown): ComputeErrorKind => (err instanceof DataError ? 'data' : err instanceof ModelFileError ? 'model-file' : 'internal');

port.on('message', ({ callId, task, request }: ComputeCommand) => {
  try {
    const run = computeTasks[task] as ((request: unknown) => ReturnType<(typeof computeTasks)[typeof task]>) | undefined;
    if (!run) throw new Error(`unknown compute task: ${String(task)}`);
    const result = run(request);
    port.postMessage({ type: 'result', callId, result } satisfies ComputeWorkerMessage, transferablesOf(result));
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    port.postMessage({ type: 'error', callId, kind: kindOf(err), message } satisfies ComputeWorkerMessage);
  }
});
