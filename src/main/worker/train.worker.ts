/**
 * Training worker entry: builds the dataset and the Trainer from `workerData`, then runs the
 * loop, taking commands from the port. It never touches the database: main stores what it posts.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { buildDataset } from '../../shared/data/build';
import { Trainer } from '../../shared/training/trainer';
import type { TrainCommand, TrainWorkerData, TrainWorkerMessage } from '../../shared/worker-protocol';
import { nodeDataSources } from '../data/mnist';
import { TrainLoop, type Post } from './trainLoop';

const port = parentPort;
if (!port) throw new Error('train.worker must run in a worker thread');

const post: Post = (message, transfer) => port.postMessage(message, transfer ?? []);
const { spec, initialParams } = workerData as TrainWorkerData;
let trainer: Trainer | undefined;

try {
  const data = buildDataset(spec.dataset, nodeDataSources);
  trainer = new Trainer(spec, data);
  if (initialParams) {
    if (initialParams.length !== trainer.net.params.length) {
      throw new Error(`the starting model has ${initialParams.length} parameters but this network (${data.inputDim} inputs) has ${trainer.net.params.length}`);
    }
    trainer.net.setParams(initialParams);
  }
  const running = trainer;
  const sizes = [data.inputDim, ...spec.layers.map((l) => l.units)];
  post({
    type: 'ready', inputDim: data.inputDim, outputDim: data.outputDim, paramCount: trainer.net.params.length,
    batchesPerEpoch: trainer.batchesPerEpoch, architecture: sizes.join('-'),
  });
  const loop = new TrainLoop(running, spec, post);
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
