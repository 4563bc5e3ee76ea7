/**
 * `npm run bench:cnn`: training speed of the small LeNet-like MNIST CNN of
 * resources/examples/mnist-cnn.spec.json (conv 8@5x5 -> maxpool 2 -> conv 16@5x5 -> maxpool 2 ->
 * dense 10), batch 32, Adam, through the Trainer the app and the CLI use: samples per second for
 * one epoch of the 8,000 training digits, the forward pass alone, and the accuracy it reached.
 * One JSON line on stdout.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { nodeDataSources } from '../src/main/data/mnist';
import { useWasmKernels } from '../src/main/data/wasmKernels';
import { buildDataset } from '../src/shared/data';
import { Trainer, TrainSpecSchema } from '../src/shared/training';

const spec = TrainSpecSchema.parse({
  ...JSON.parse(readFileSync(join(import.meta.dirname, '../resources/examples/mnist-cnn.spec.json'), 'utf8')),
  epochs: 1,
});

function main(): void {
  const kernels = useWasmKernels();
  const data = buildDataset(spec.dataset, nodeDataSources);
  const trainer = new Trainer(spec, data);
  let start = performance.now();
  trainer.trainEpoch();
  const trainSeconds = (performance.now() - start) / 1000;
  const net = trainer.net;
  const rows = 1000;
  start = performance.now();
  for (let row0 = 0; row0 + rows <= data.train.n; row0 += rows) net.forward(data.train.x.subarray(row0 * net.inputs, (row0 + rows) * net.inputs), rows);
  const forwardSeconds = (performance.now() - start) / 1000;
  const test = trainer.evaluate('test');
  process.stdout.write(`${JSON.stringify({
    what: 'mnist-lenet-epoch', kernels: kernels.kernels, parameters: net.params.length,
    trainSamplesPerSecond: Math.round(data.train.n / trainSeconds), forwardSamplesPerSecond: Math.round(data.train.n / forwardSeconds),
    testAccuracyAfterOneEpoch: test.accuracy,
  })}\n`);
}

main();
