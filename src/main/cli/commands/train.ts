/**
 * `train`: trains a spec in this process, shows progress, stores the run and writes the
 * model file. stdout gets JSON lines (one per epoch, at most ~10 a second) when it is not a
 * terminal, and always a final summary line; a terminal's stderr gets a progress bar.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildDataset, DataError, type Dataset } from '../../../shared/data';
import { writeModel } from '../../../shared/model';
import { Trainer } from '../../../shared/training/trainer';
import type { TrainSpec } from '../../../shared/training/trainSpec';
import { resolveDataDir } from '../../services/dataDir';
import { nodeDataSources } from '../../data/mnist';
import { parseFlags, type FlagSpec } from '../args';
import { CliFailure, UsageError } from '../errors';
import { readJson } from '../files';
import { ProgressBar } from '../progress';
import { RunRecord, type EpochPoint } from '../runRecord';
import { checkTrainSpec } from '../specCheck';

export const TRAIN_FLAGS = {
  spec: { kind: 'string', required: true, value: 'SPEC.json', help: 'the training spec (see docs/cli.md)' },
  out: { kind: 'string', value: 'model.json', help: 'write the trained model file here' },
  seed: { kind: 'integer', value: 'N', help: "override the spec's seed (initialization and shuffling)" },
  db: { kind: 'string', value: 'FILE', help: 'store the run in this SQLite file' },
  'data-dir': { kind: 'string', value: 'DIR', help: 'store the run in DIR/backprop-lab.sqlite (default: $BACKPROP_LAB_HOME or ~/.backprop-lab)' },
  'no-store': { kind: 'boolean', help: 'do not store the run' },
} satisfies FlagSpec;

export const TRAIN_SUMMARY = 'train a network from a spec file, store the run, write the model';

/** Lines on stdout at most this often (the last epoch is always reported). */
const REPORT_MS = 100;
/** Return to the event loop this often, so Ctrl-C is noticed mid-training. */
const SLICE_MS = 50;
const nextTurn = (): Promise<void> => new Promise((done) => setImmediate(done));

export interface TrainIo { stdout: NodeJS.WriteStream; stderr: NodeJS.WriteStream; env: NodeJS.ProcessEnv }

export async function trainCommand(argv: readonly string[], io: TrainIo): Promise<number> {
  const flags = parseFlags('train', argv, TRAIN_FLAGS);
  const storeFlags = [flags.db && '--db', flags['data-dir'] && '--data-dir', flags['no-store'] && '--no-store'].filter(Boolean);
  if (storeFlags.length > 1) throw new UsageError(`train: ${storeFlags.join(' and ')} exclude each other: choose one`);
  if (flags.seed !== undefined && flags.seed > 2 ** 32 - 1) throw new UsageError('train: --seed takes a whole number from 0 to 4294967295');

  const spec = checkTrainSpec(readJson(flags.spec, 'spec'), flags.spec);
  if (flags.seed !== undefined) spec.seed = flags.seed;
  const data = loadData(spec, flags.spec);
  checkOutputLayer(spec, data, flags.spec);
  let trainer: Trainer;
  try {
    trainer = new Trainer(spec, data);
  } catch (error) {
    throw new CliFailure(`spec '${flags.spec}': ${(error as Error).message}`);
  }
  const architecture = [data.inputDim, ...spec.layers.map((l) => l.units)].join('-');
  const record = flags['no-store'] ? undefined : await RunRecord.open({
    db: flags.db && resolve(flags.db),
    dataDir: flags['data-dir'] ? resolve(flags['data-dir']) : resolveDataDir([], io.env),
  }, spec, architecture);

  let interrupted = false;
  const onSigint = () => { interrupted = true; };
  process.once('SIGINT', onSigint);
  const started = performance.now();
  const bar = io.stderr.isTTY ? new ProgressBar(io.stderr) : undefined;
  const linesOnStdout = !io.stdout.isTTY;
  const totalSteps = spec.epochs * trainer.batchesPerEpoch;
  let lastReport = -Infinity;
  let last: EpochPoint | undefined;
  const report = (): EpochPoint => {
    last = evaluatePoint(trainer, data);
    if (linesOnStdout) io.stdout.write(`${JSON.stringify(last)}\n`);
    record?.addPoint(last);
    lastReport = performance.now();
    return last;
  };
  const checkpointEvery = spec.checkpointEvery;
  record?.addCheckpoint(0, 0, trainer.net.params);

  try {
    while (!trainer.done && !interrupted) {
      const sliceEnd = performance.now() + SLICE_MS;
      while (!trainer.done && performance.now() < sliceEnd) {
        for (let k = 0; k < 64 && !trainer.done; k++) {
          const step = trainer.trainBatch();
          if (!step.epochDone) continue;
          if (trainer.done || performance.now() - lastReport >= REPORT_MS) report();
          if (record && checkpointEvery > 0 && step.epoch % checkpointEvery === 0 && !trainer.done) record.addCheckpoint(step.step, step.epoch, trainer.net.params);
          break;
        }
      }
      bar?.update(trainer.step / totalSteps, describe(trainer, spec, last));
      await nextTurn();
    }
  } finally {
    process.removeListener('SIGINT', onSigint);
    bar?.finish();
  }

  if (!last || last.step !== trainer.step) report();
  const status = trainer.diverged ? 'diverged' : interrupted ? 'stopped' : 'completed';
  const seconds = (performance.now() - started) / 1000;
  const error = trainer.diverged
    ? `the loss became NaN or infinite at step ${trainer.divergedAt}: lower learningRate (now ${spec.learningRate}; try ${spec.learningRate / 10})`
    : null;
  if (!trainer.diverged) record?.addCheckpoint(trainer.step, trainer.epoch, trainer.net.params);
  record?.finish(status, error);

  let modelFile: string | undefined;
  if (flags.out && !trainer.diverged) {
    modelFile = resolve(flags.out);
    const model = writeModel(trainer.net, { name: spec.name, inputNames: data.inputNames, outputNames: data.outputNames, scaling: data.scaling });
    try {
      writeFileSync(modelFile, `${JSON.stringify(model, null, 2)}\n`);
    } catch (e) {
      throw new CliFailure(`cannot write the model to '${flags.out}': ${(e as Error).message}`);
    }
  }
  io.stdout.write(`${JSON.stringify({
    done: true, status, ...last!, seconds: Number(seconds.toFixed(3)),
    ...(record ? { runId: record.runId, db: record.file } : {}),
    ...(modelFile ? { model: modelFile } : {}),
  })}\n`);
  if (error) io.stderr.write(`train: ${error}\n`);
  if (interrupted) io.stderr.write(`train: stopped at epoch ${trainer.epoch} of ${spec.epochs}\n`);
  return trainer.diverged ? 1 : interrupted ? 130 : 0;
}

function loadData(spec: TrainSpec, file: string): Dataset {
  try {
    return buildDataset(spec.dataset, nodeDataSources);
  } catch (error) {
    if (error instanceof DataError) throw new CliFailure(`spec '${file}': ${error.message}`);
    throw error;
  }
}

/** The output layer must match the data; say which layer, loss and activation fit. */
function checkOutputLayer(spec: TrainSpec, data: Dataset, file: string): void {
  const last = spec.layers.length - 1;
  const units = spec.layers[last].units;
  if (units === data.outputDim) return;
  const fit = data.task === 'regression'
    ? `regression targets: ${data.outputDim} linear unit${data.outputDim > 1 ? 's' : ''} with mse`
    : data.outputDim === 1 ? 'a 0/1 class target: 1 sigmoid unit with bce'
      : `one-hot over ${data.outputDim} classes: ${data.outputDim} softmax units with softmax-ce`;
  throw new CliFailure(`spec '${file}': layers[${last}].units: the output layer has ${units} units but '${data.name}' has ${data.outputDim} output${data.outputDim > 1 ? 's' : ''} (${fit}): set it to ${data.outputDim}`);
}

function evaluatePoint(trainer: Trainer, data: Dataset): EpochPoint {
  const train = trainer.evaluate('train');
  const test = data.test.n > 0 ? trainer.evaluate('test') : null;
  return {
    epoch: trainer.epoch, step: trainer.step,
    trainLoss: train.loss, testLoss: test ? test.loss : null,
    trainAcc: train.accuracy, testAcc: test ? test.accuracy : null,
  };
}

function describe(trainer: Trainer, spec: TrainSpec, last: EpochPoint | undefined): string {
  const parts = [`epoch ${trainer.epoch}/${spec.epochs}`];
  if (last) {
    parts.push(`loss ${last.trainLoss.toPrecision(4)}`);
    if (last.trainAcc !== null) parts.push(`acc ${last.trainAcc.toFixed(3)}`);
    if (last.testLoss !== null) parts.push(`test ${last.testLoss.toPrecision(4)}`);
  }
  return parts.join('  ');
}
