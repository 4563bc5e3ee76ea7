/**
 * The CLI's `train` runs the app's training loop in its own process: a CLI run and an app run of
 * one spec store the same metric names, checkpoint steps, final status and error, and the CLI's
 * run has the checkpoints a loss landscape of the optimizer's path needs. Whatever goes wrong
 * once the run is stored ends it `failed`.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AnalysisJobStatus } from '../../src/shared/api/analysisDto';
import type { RunSummary } from '../../src/shared/api/dto';
import type { LandscapeData } from '../../src/shared/api/landscapeDto';
import { Trainer } from '../../src/shared/training/trainer';
import type { TrainSpecInput } from '../../src/shared/training/trainSpec';
import { trainCommand, type TrainIo } from '../../src/main/cli/commands/train';
import { CliFailure } from '../../src/main/cli/errors';
import { createAppServices } from '../../src/main/services/app';
import { LOCK_FILE } from '../../src/main/services/dataDirLock';
import { DATABASE_FILE, openStoreIn, type Store } from '../../src/main/services/store';
import { call, divergingSpec, FINAL, tempDir, waitForStatus, withDatabase, captureIo } from './helpers';

/** Mini-batches, a test split and a ReLU layer: every kind of metric the loop records. */
const spiralSpec = (): TrainSpecInput => ({
  name: 'spiral parity',
  dataset: { kind: 'builtin', name: 'spiral', samples: 200, noise: 0.1, testFraction: 0.2, seed: 1 },
  layers: [{ units: 8, activation: 'relu' }, { units: 1, activation: 'sigmoid' }],
  loss: 'bce',
  optimizer: { kind: 'adam' },
  learningRate: 0.01,
  batchSize: 20,
  epochs: 30,
  seed: 2,
});

const io = captureIo;

interface Stored { run: RunSummary; metricNames: string[]; checkpointSteps: number[] }

function storedRun(store: Store, runId: number): Stored {
  return {
    run: store.runs.get(runId)!,
    metricNames: [...store.metrics.names(runId)].sort(),
    checkpointSteps: store.checkpoints.list(runId).map((c) => c.step),
  };
}

/** Trains the spec as the app does (runs.start in browser-mode services) and returns what was stored. */
async function appRun(spec: TrainSpecInput): Promise<Stored> {
  const temp = tempDir();
  const services = createAppServices({ dataDir: temp.dir, mode: 'browser', maxJobs: 1 });
  try {
    const started = await call<RunSummary>(services, 'runs.start', { spec });
    await waitForStatus(services, started.id, FINAL);
    return storedRun(services.store, started.id);
  } finally {
    await services.close();
    temp.remove();
  }
}

describe('cli train and an app run of the same spec', () => {
  let temp: ReturnType<typeof tempDir>;
  beforeEach(() => { temp = tempDir(); });
  afterEach(() => {
    vi.restoreAllMocks();
    temp.remove();
  });

  /** `train --spec FILE --data-dir DIR` in this process; its exit code, output and summary line. */
  async function cliRun(spec: TrainSpecInput, extra: string[] = []) {
    const file = join(temp.dir, 'spec.json');
    writeFileSync(file, JSON.stringify(spec));
    const cli = io();
    const code = await trainCommand(['--spec', file, '--data-dir', temp.dir, ...extra], cli.io as unknown as TrainIo);
    const lines = cli.out().trim().split('\n').map((l) => JSON.parse(l));
    return { code, lines, summary: lines.at(-1), stderr: cli.err() };
  }

  it('stores the same metrics, checkpoints and status, and the path landscape computes on the CLI run', async () => {
    const app = await appRun(spiralSpec());
    const cli = await cliRun(spiralSpec());
    expect(cli.code).toBe(0);
    expect(cli.summary).toMatchObject({ done: true, status: 'completed', epoch: 30, step: app.run.step });

    const services = createAppServices({ dataDir: temp.dir, mode: 'browser', maxJobs: 1 });
    try {
      const stored = storedRun(services.store, cli.summary.runId);
      expect(stored.metricNames).toEqual(app.metricNames);
      expect(stored.metricNames).toEqual(expect.arrayContaining(['train_loss', 'test_loss', 'train_acc', 'test_acc', 'lr', 'batch_loss', 'grad_norm/1', 'dead_relu/1']));
      expect(stored.checkpointSteps).toEqual(app.checkpointSteps);
      expect(stored.checkpointSteps.length).toBeGreaterThanOrEqual(20);
      expect(stored.run).toMatchObject({
        status: app.run.status, error: app.run.error, step: app.run.step, epoch: app.run.epoch,
        name: app.run.name, architecture: app.run.architecture, dataset: app.run.dataset,
      });
      // the same seed and data order: the same final network
      expect(stored.run.lastMetrics.train_loss).toBe(app.run.lastMetrics.train_loss);

      // the loss landscape with the optimizer's path, as the app computes it
      const job = await call<AnalysisJobStatus>(services, 'landscape.compute', { runId: stored.run.id, settings: { mode: 'pathPlane', resolution: 7 } });
      const done = await services.analysis.whenSettled(job.jobId);
      expect(done.status, done.error ?? '').toBe('done');
      const landscape = await call<LandscapeData>(services, 'landscape.get', { id: done.artifactId });
      expect(landscape.path!.step).toEqual(stored.checkpointSteps);
    } finally {
      await services.close();
    }
  });

  it('words and stores a divergence as the app does', async () => {
    const app = await appRun(divergingSpec());
    expect(app.run.status).toBe('diverged');
    const cli = await cliRun(divergingSpec(), ['--out', join(temp.dir, 'model.json')]);
    expect(cli.code).toBe(1);
    expect(cli.summary).toMatchObject({ done: true, status: 'diverged' });
    expect(cli.stderr).toContain(`train: ${app.run.error}: lower learningRate (now 100; try 10)`);
    const store = openStoreIn(temp.dir);
    try {
      const stored = storedRun(store, cli.summary.runId);
      expect(stored.run).toMatchObject({ status: 'diverged', error: app.run.error, step: app.run.step });
      expect(stored.metricNames).toEqual(app.metricNames);
      expect(stored.checkpointSteps).toEqual(app.checkpointSteps);
    } finally {
      store.close();
    }
  });

  it('ends the run failed, not running, when training throws, and frees the data folder', async () => {
    const real = Trainer.prototype.trainBatch;
    let calls = 0;
    vi.spyOn(Trainer.prototype, 'trainBatch').mockImplementation(function (this: Trainer) {
      if (++calls > 50) throw new Error('the engine broke (test)');
      return real.call(this);
    });
    await expect(cliRun(spiralSpec())).rejects.toThrow('the engine broke (test)');
    const store = openStoreIn(temp.dir);
    try {
      const [run] = store.runs.list();
      expect(run).toMatchObject({ status: 'failed', error: 'the engine broke (test)' });
    } finally {
      store.close();
    }
    // the lock is gone: the app can open the folder
    const services = createAppServices({ dataDir: temp.dir, mode: 'browser', maxJobs: 1 });
    await services.close();
  });

  it('ends the run failed when its rows cannot be written, saying so', async () => {
    openStoreIn(temp.dir).close();
    // as if the disk filled up after the first checkpoint
    withDatabase(join(temp.dir, DATABASE_FILE), (db) => db.exec(`CREATE TRIGGER full_disk BEFORE INSERT ON checkpoints WHEN NEW.step > 0 BEGIN SELECT RAISE(ABORT, 'database or disk is full (test)'); END`));
    const failure = await cliRun(spiralSpec()).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(CliFailure);
    expect((failure as CliFailure).message).toMatch(/^train: the run \(run 1\) failed: could not record the run: database or disk is full \(test\)$/);
    const check = openStoreIn(temp.dir);
    try {
      expect(check.runs.get(1)).toMatchObject({ status: 'failed', error: 'could not record the run: database or disk is full (test)' });
    } finally {
      check.close();
    }
    expect(() => writeFileSync(join(temp.dir, LOCK_FILE), 'x', { flag: 'wx' })).not.toThrow();
  });
});
