/**
 * Training worker entry: builds the dataset and the Trainer from `workerData`, then runs the
 * loop, taking commands from the port. It never touches the database: main stores what it posts.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { buildDataset } from '../../shared/data/build';
import type { Trainer } from '../../shared/training/trainer';
import type { TrainCommand, TrainWorkerData, TrainWorkerMessage } from '../../shared/worker-protocol';
import { nodeDataSources } from '../data/mnist';
import { trainingThreads, useWasmKernels } from '../data/wasmKernels';
import { TrainLoop, type Post } from './trainLoop';
import { prepareTraining } from './trainSetup';

const { spec, initialParams, pace, trainers } = workerData as TrainWorkerData;
// the engine's WebAssembly kernels for this thread (the JavaScript ones when they cannot load);
// a second thread's help only while this is the one run the app trains
const trainerCount = trainers ? new Int32Array(trainers) : null;
useWasmKernels(process.env, { threads: trainingThreads(), shareWhen: () => trainerCount === null || Atomics.load(trainerCount, 0) <= 1 });

const port = parentPort;
if (!port) throw new Error('train.worker must run in a worker thread');

const post: Post = (message, transfer) => port.postMessage(message, transfer ?? []);
let trainer: Trainer | undefined;

try {
  const prepared = prepareTraining(spec, buildDataset(spec.dataset, nodeDataSources), initialParams);
  trainer = prepared.trainer;
  post(prepared.ready);
  const loop = new TrainLoop(trainer, spec, post, pace);
  port.on('message', (command: TrainCommand) => {
    try {
      loop.handle(command);
    } catch (err) {
      // a bad live command (say a learning rate of 0) must not end the run
      console.error(err);
    }
  });
  await loop.run();
} catch (err) {
  post({ type: 'failed', message: err instanceof Error ? err.message : String(err), step: trainer?.step ?? 0, epoch: trainer?.epoch ?? 0 } satisfies TrainWorkerMessage);
}
port.close();
