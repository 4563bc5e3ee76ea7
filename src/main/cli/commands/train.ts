/**
 * `train`: trains a spec in this process with the app's own training loop (TrainLoop: the same
 * recording plan, metrics, checkpoint plan and final status as a run started in the app), shows
 * progress, stores the run and writes the model file. Storing takes the data folder's lock, so
 * no app or server uses the folder meanwhile. stdout gets a JSON line per recorded evaluation
 * (at most ~10 a second) when it is not a terminal, and always a final summary line; a
 * terminal's stderr gets a progress bar.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { METRIC, type RunStatus } from '../../../shared/api/dto';
import { DataError, type Dataset } from '../../../shared/data';
import { buildFittingDataset } from '../../../shared/training/dataFit';
import { writeModel } from '../../../shared/model';
import type { Trainer } from '../../../shared/training/trainer';
import type { TrainSpec } from '../../../shared/training/trainSpec';
import type { MetricBatch, TrainWorkerMessage } from '../../../shared/worker-protocol';
import { resolveDataDir } from '../../services/dataDir';
import { nodeDataSources } from '../../data/mnist';
import { trainingThreads, useWasmKernels } from '../../data/wasmKernels';
import { createRun } from '../../services/runStart';
import { recordingFailure, storeLoopMessage } from '../../services/training/runWriter';
import { TrainLoop, type Post } from '../../worker/trainLoop';
import { prepareTraining, type PreparedTraining } from '../../worker/trainSetup';
import { parseFlags, type FlagSpec } from '../args';
import { CliFailure, UsageError } from '../errors';
import { readJson } from '../files';
import { ProgressBar } from '../progress';
import { openLockedStore, type LockedStore } from '../storeAccess';
import { checkTrainSpec } from '../specCheck';
import { SweepTrialSchema, type SweepTrial } from '../../../shared/tracking/sweepPlan';

export const TRAIN_FLAGS = {
  spec: { kind: 'string', required: true, value: 'SPEC.json', help: 'the training spec (see docs/cli.md)' },
  out: { kind: 'string', value: 'model.json', help: 'write the trained model file here' },
  seed: { kind: 'integer', value: 'N', help: "override the spec's seed (initialization and shuffling)" },
  db: { kind: 'string', value: 'FILE', help: 'store the run in this SQLite file' },
  'data-dir': { kind: 'string', value: 'DIR', help: 'store the run in DIR/backprop-lab.sqlite (default: $BACKPROP_LAB_HOME or ~/.backprop-lab)' },
  'no-store': { kind: 'boolean', help: 'do not store the run' },
} satisfies FlagSpec;

export const TRAIN_SUMMARY = 'train a network from a spec file, store the run, write the model';

/** Ctrl-C and a polite kill stop the run as the app's Stop button does; the exit code says which. */
const STOP_SIGNALS = { SIGINT: 130, SIGTERM: 143 } as const;
type StopSignal = keyof typeof STOP_SIGNALS;

export interface EpochPoint { epoch: number; step: number; trainLoss: number | null; testLoss: number | null; trainAcc: number | null; testAcc: number | null }

export interface TrainIo { stdout: NodeJS.WriteStream; stderr: NodeJS.WriteStream; env: NodeJS.ProcessEnv }

export async function trainCommand(argv: readonly string[], io: TrainIo): Promise<number> {
  const flags = parseFlags('train', argv, TRAIN_FLAGS);
  const storeFlags = [flags.db && '--db', flags['data-dir'] && '--data-dir', flags['no-store'] && '--no-store'].filter(Boolean);
  if (storeFlags.length > 1) throw new UsageError(`train: ${storeFlags.join(' and ')} exclude each other: choose one`);
  if (flags.seed !== undefined && flags.seed > 2 ** 32 - 1) throw new UsageError('train: --seed takes a whole number from 0 to 4294967295');

  const { json, sweep } = sweepTrialOf(readJson(flags.spec, 'spec'), flags.spec);
  const spec = checkTrainSpec(json, flags.spec);
  if (flags.seed !== undefined) spec.seed = flags.seed;
  const data = loadData(spec, flags.spec);
  let prepared: PreparedTraining;
  try {
    useWasmKernels(process.env, { threads: trainingThreads() });
    prepared = prepareTraining(spec, data);
  } catch (error) {
    throw new CliFailure(`spec '${flags.spec}': ${(error as Error).message}`);
  }
  const db = flags['no-store'] ? undefined : await openLockedStore('train', {
    db: flags.db && resolve(flags.db),
    dataDir: flags['data-dir'] ? resolve(flags['data-dir']) : resolveDataDir([], io.env),
  }, `backprop-lab train --spec ${flags.spec}`, 'store this run elsewhere: --data-dir OTHER_DIR or --no-store');

  let outcome: CliRunOutcome;
  try {
    outcome = await trainStored(spec, prepared, db, io, sweep);
  } finally {
    db?.close();
  }
  const { trainer } = prepared;
  const { status, error, last } = outcome;
  if (status === 'failed') throw new CliFailure(`train: the run${outcome.runId ? ` (run ${outcome.runId})` : ''} failed: ${error}`);

  let modelFile: string | undefined;
  if (flags.out && status !== 'diverged') {
    modelFile = resolve(flags.out);
    const model = writeModel(trainer.net, { name: spec.name, inputNames: data.inputNames, outputNames: data.outputNames, scaling: data.scaling });
    try {
      writeFileSync(modelFile, `${JSON.stringify(model, null, 2)}\n`);
    } catch (e) {
      throw new CliFailure(`cannot write the model to '${flags.out}': ${(e as Error).message}`);
    }
  }
  io.stdout.write(`${JSON.stringify({
    done: true, status, ...last, seconds: Number(outcome.seconds.toFixed(3)),
    ...(db && outcome.runId ? { runId: outcome.runId, db: db.store.file } : {}),
    ...(modelFile ? { model: modelFile } : {}),
  })}\n`);
  if (status === 'diverged') {
    io.stderr.write(`train: ${error}: lower learningRate (now ${spec.learningRate}; try ${spec.learningRate / 10})\n`);
    return 1;
  }
  if (status === 'stopped') {
    io.stderr.write(`train: stopped at epoch ${trainer.epoch} of ${spec.epochs}\n`);
    return outcome.signal ? STOP_SIGNALS[outcome.signal] : 130;
  }
  return 0;
}

interface CliRunOutcome {
  status: RunStatus;
  error: string | null;
  runId?: number;
  /** The last evaluation, at the run's final step. */
  last: EpochPoint;
  seconds: number;
  signal?: StopSignal;
}

/**
 * Drives the app's TrainLoop here: its messages are written to the store as a worker's would be
 * (storeLoopMessage), and shown. Whatever goes wrong once the run exists ends it `failed`, so no
 * stored run is left `running`.
 */
async function trainStored(spec: TrainSpec, prepared: PreparedTraining, db: LockedStore | undefined, io: TrainIo, sweep: SweepTrial | undefined): Promise<CliRunOutcome> {
  const { trainer, ready } = prepared;
  const started = performance.now();
  const store = db?.store;
  let runId: number | undefined;
  let finished = false;
  const finish = (status: RunStatus, error: string | null): void => {
    if (finished) return;
    finished = true;
    if (store && runId !== undefined) store.runs.markFinished(runId, status, error);
  };

  const bar = io.stderr.isTTY ? new ProgressBar(io.stderr) : undefined;
  const linesOnStdout = !io.stdout.isTTY;
  const totalSteps = spec.epochs * trainer.batchesPerEpoch;
  let last: EpochPoint | undefined;
  let done: Extract<TrainWorkerMessage, { type: 'done' }> | undefined;
  let notRecorded: string | null = null;
  let signal: StopSignal | undefined;
  let loop: TrainLoop | undefined;

  const post: Post = (message) => {
    if (store && runId !== undefined && notRecorded === null) {
      try {
        storeLoopMessage(store, runId, message);
      } catch (err) {
        // as in the app: a run whose rows cannot be written ends failed
        notRecorded = recordingFailure(err);
        loop?.handle({ type: 'stop' });
      }
    }
    if (message.type === 'progress') {
      const point = evaluationIn(message.metrics);
      if (point) {
        last = point;
        if (linesOnStdout) io.stdout.write(`${JSON.stringify(point)}\n`);
      }
      bar?.update(message.step / totalSteps, describe(message.epoch, spec, last));
    } else if (message.type === 'done') {
      done = message;
    }
  };
  const stoppers = (Object.keys(STOP_SIGNALS) as StopSignal[]).map((name) => {
    const stop = (): void => {
      signal ??= name;
      loop?.handle({ type: 'stop' });
    };
    process.once(name, stop);
    return () => process.removeListener(name, stop);
  });

  try {
    if (store) {
      // a planned sweep's trial goes to the sweep's experiment (created here if this store has none), as in the app
      runId = createRun(store, spec, sweep && store.experiments.ensure(sweep.id, sweep.name).id).id;
      store.runs.markStarted(runId);
    }
    loop = new TrainLoop(trainer, spec, post);
    post(ready);
    await loop.run();
    const status: RunStatus = notRecorded !== null ? 'failed' : done?.outcome ?? 'failed';
    const error = notRecorded ?? done?.error ?? (done ? null : 'the training loop ended without an outcome');
    finish(status, error);
    const final = last && last.step === trainer.step ? last : pointOf(trainer);
    return { status, error, runId, last: final, seconds: (performance.now() - started) / 1000, signal };
  } catch (err) {
    try {
      finish('failed', err instanceof Error ? err.message : String(err));
    } catch {
      // the database itself failed: the original error says more
    }
    throw err;
  } finally {
    for (const remove of stoppers) remove();
    bar?.finish();
  }
}

/**
 * A trial spec written by `sweep plan` is a training spec with a `sweep` field (sweepPlan.ts):
 * checked here and taken off, so the spec itself is checked as any other.
 */
function sweepTrialOf(json: unknown, file: string): { json: unknown; sweep?: SweepTrial } {
  if (json === null || typeof json !== 'object' || Array.isArray(json) || !('sweep' in json)) return { json };
  const { sweep, ...rest } = json as Record<string, unknown>;
  const parsed = SweepTrialSchema.safeParse(sweep);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CliFailure(`spec '${file}': sweep${issue.path.length ? `.${issue.path.map(String).join('.')}` : ''}: ${issue.message} (the sweep field is written by sweep plan; remove it to train the spec on its own)`);
  }
  return { json: rest, sweep: parsed.data };
}

function loadData(spec: TrainSpec, file: string): Dataset {
  try {
    return buildFittingDataset(spec, nodeDataSources);
  } catch (error) {
    if (error instanceof DataError) throw new CliFailure(`spec '${file}': ${error.message}`);
    throw error;
  }
}

/** The latest evaluation among a flush's metric points (the loop records the four together), if it holds one. */
function evaluationIn(metrics: readonly MetricBatch[]): EpochPoint | undefined {
  const byName = new Map(metrics.map((m) => [m.name, m]));
  const train = byName.get(METRIC.trainLoss);
  const i = train ? train.step.length - 1 : -1;
  if (!train || i < 0) return undefined;
  const step = train.step[i];
  const at = (name: string): number | null => {
    const m = byName.get(name);
    const k = m ? m.step.lastIndexOf(step) : -1;
    return m && k >= 0 ? m.value[k] : null;
  };
  return { epoch: train.epoch[i], step, trainLoss: train.value[i], testLoss: at(METRIC.testLoss), trainAcc: at(METRIC.trainAcc), testAcc: at(METRIC.testAcc) };
}

/** For the summary when the loop's last evaluation is older than the final step (a stop, a divergence); not stored. */
function pointOf(trainer: Trainer): EpochPoint {
  const finite = (v: number): number | null => (Number.isFinite(v) ? v : null);
  const train = trainer.evaluate('train');
  const test = trainer.evaluate('test');
  return {
    epoch: trainer.step / trainer.batchesPerEpoch, step: trainer.step,
    trainLoss: finite(train.loss), testLoss: finite(test.loss), trainAcc: train.accuracy, testAcc: test.accuracy,
  };
}

function describe(epoch: number, spec: TrainSpec, last: EpochPoint | undefined): string {
  const parts = [`epoch ${epoch}/${spec.epochs}`];
  if (last) {
    if (last.trainLoss !== null) parts.push(`loss ${last.trainLoss.toPrecision(4)}`);
    if (last.trainAcc !== null) parts.push(`acc ${last.trainAcc.toFixed(3)}`);
    if (last.testLoss !== null) parts.push(`test ${last.testLoss.toPrecision(4)}`);
  }
  return parts.join('  ');
}
