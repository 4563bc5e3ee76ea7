/**
 * `npm run bench:app`: two things a person does in the app, timed on whichever kernels this
 * process gets (the WebAssembly ones, or the JavaScript ones with BACKPROP_KERNELS=js):
 * a Playground run of MNIST 784-128-64-10 (the Playground's Adam, batch 32, one epoch, through
 * the worker's own TrainLoop with its progress and checkpoints), and a 51 x 51 loss-landscape
 * surface of that network on the 8,000 training digits (the analysis worker's computeLandscape).
 * One JSON line each on stdout.
 */
import { nodeDataSources } from '../src/main/data/mnist';
import { trainingThreads, useWasmKernels } from '../src/main/data/wasmKernels';
import { TrainLoop } from '../src/main/worker/trainLoop';
import { prepareTraining } from '../src/main/worker/trainSetup';
import { computeLandscape } from '../src/shared/analysis/landscape/landscapeJob';
import { LandscapeSettingsSchema } from '../src/shared/analysis/landscape/landscapeSettings';
import { buildDataset } from '../src/shared/data';
import { TrainSpecSchema } from '../src/shared/training';

const spec = TrainSpecSchema.parse({
  name: 'Playground MNIST',
  dataset: { kind: 'builtin', name: 'mnist', seed: 1 },
  layers: [{ units: 128, activation: 'relu' }, { units: 64, activation: 'relu' }, { units: 10, activation: 'softmax' }],
  loss: 'softmax-ce', optimizer: { kind: 'adam' }, learningRate: 0.001, batchSize: 32, epochs: 1, seed: 1,
});

async function main(): Promise<void> {
  const kernels = useWasmKernels(process.env, { threads: trainingThreads() });
  const data = buildDataset(spec.dataset, nodeDataSources);
  const prepared = prepareTraining(spec, data);
  let messages = 0;
  const loop = new TrainLoop(prepared.trainer, spec, () => { messages++; });
  let start = performance.now();
  await loop.run();
  const trainSeconds = (performance.now() - start) / 1000;
  const trained = prepared.trainer.evaluate('train');
  process.stdout.write(`${JSON.stringify({ what: 'playground-mnist-run', kernels: kernels.kernels, seconds: Number(trainSeconds.toFixed(2)), samples: data.train.n, messages, loss: trained.loss, acc: trained.accuracy })}\n`);

  const settings = LandscapeSettingsSchema.parse({ mode: 'surface', resolution: 51 });
  start = performance.now();
  const landscape = computeLandscape({ spec, settings, final: prepared.trainer.net.params.slice() }, data);
  const landscapeSeconds = (performance.now() - start) / 1000;
  process.stdout.write(`${JSON.stringify({ what: 'mnist-landscape-51x51', kernels: kernels.kernels, seconds: Number(landscapeSeconds.toFixed(2)), rows: landscape.rows, centerLoss: landscape.centerLoss })}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:app: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
