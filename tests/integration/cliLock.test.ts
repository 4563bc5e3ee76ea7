/**
 * The data folder's lock between the CLI and the app's services: a writing command (a stored
 * `train`, `serve`) beside a holder is refused with the holder's pid and what to do; an app or
 * server started during a CLI run is refused the same way, and the CLI run ends on its own terms;
 * reading commands (`runs list|show`, `export`) work beside either.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunSummary } from '../../src/shared/api/dto';
import { createAppServices, type AppServices } from '../../src/main/services/app';
import { DataDirLocked, LOCK_FILE } from '../../src/main/services/dataDirLock';
import { openStoreIn } from '../../src/main/services/store';
import { ROOT, runCli, writeJson } from '../unit/cli/runCli';
import type { TrainSpecInput } from '../../src/shared/training/trainSpec';
import { call, FINAL, tempDir, waitForStatus, xorSpec } from './helpers';

/** Truly endless here: 40 mini-batches an epoch for a million epochs (helpers' XOR endlessSpec now trains through in about a second). */
const longSpec = (): TrainSpecInput => ({
  dataset: { kind: 'builtin', name: 'spiral', samples: 400, noise: 0.1, seed: 1 },
  layers: [{ units: 8, activation: 'tanh' }, { units: 1, activation: 'sigmoid' }],
  loss: 'bce', learningRate: 0.05, batchSize: 10, epochs: 1_000_000,
});

const CLI = join(ROOT, 'src/main/cli.ts');

describe('a CLI beside a server holding the data folder', () => {
  let temp: ReturnType<typeof tempDir>;
  let services: AppServices;
  let run: RunSummary;
  beforeEach(async () => {
    temp = tempDir();
    services = createAppServices({ dataDir: temp.dir, mode: 'browser', maxJobs: 1 });
    run = await call<RunSummary>(services, 'runs.start', { spec: xorSpec({ name: 'app xor' }) });
    await waitForStatus(services, run.id, FINAL);
  });
  afterEach(async () => {
    await services.close();
    temp.remove();
  });

  it('refuses train, naming the pid that holds the folder and what to do, and stores nothing', () => {
    const spec = writeJson(temp.dir, 'xor.spec.json', xorSpec());
    const result = runCli(['train', '--spec', spec, '--data-dir', temp.dir]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`train: ${temp.dir} is in use by another Backprop Lab (pid ${process.pid}: browser mode)`);
    expect(result.stderr).toContain(`kill ${process.pid}`);
    expect(result.stderr).toContain('--data-dir OTHER_DIR or --no-store');
    expect(services.store.runs.list().map((r) => r.id)).toEqual([run.id]);
    // the server still holds the folder
    expect(readFileSync(join(temp.dir, LOCK_FILE), 'utf8').split('\n')[0]).toBe(String(process.pid));
    // --no-store needs no lock
    expect(runCli(['train', '--spec', spec, '--no-store']).code).toBe(0);
  });

  it('refuses serve on the same folder with the pid', () => {
    const result = runCli(['serve', '--data-dir', temp.dir, '--port', '0']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`serve: ${temp.dir} is in use by another Backprop Lab (pid ${process.pid}: browser mode)`);
    expect(result.stdout).toBe('');
  });

  it('lets the reading commands run beside it', () => {
    const list = runCli(['runs', 'list', '--json', '--data-dir', temp.dir]);
    expect(list.code, list.stderr).toBe(0);
    expect(JSON.parse(list.stdout)).toEqual([expect.objectContaining({ id: run.id, name: 'app xor', status: 'completed' })]);
    const show = runCli(['runs', 'show', String(run.id), '--json', '--data-dir', temp.dir]);
    expect(show.code, show.stderr).toBe(0);
    expect(JSON.parse(show.stdout).checkpoints.length).toBeGreaterThanOrEqual(3);
    const out = join(temp.dir, 'xor.onnx');
    const exported = runCli(['export', '--run', String(run.id), '--format', 'onnx', '--out', out, '--data-dir', temp.dir]);
    expect(exported.code, exported.stderr).toBe(0);
    expect(existsSync(out)).toBe(true);
  });
});

/** Resolves once `check` holds, polling. */
async function until(check: () => boolean, what: string, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('a server started during a CLI run', () => {
  let temp: ReturnType<typeof tempDir>;
  let child: ChildProcess | undefined;
  beforeEach(() => { temp = tempDir(); });
  afterEach(() => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    temp.remove();
  });

  it('is refused with the CLI\'s pid; the CLI run goes on, stops on Ctrl-C and is not marked interrupted', async () => {
    const spec = writeJson(temp.dir, 'long.spec.json', longSpec());
    const proc = spawn(process.execPath, ['--import', 'tsx', CLI, 'train', '--spec', spec, '--data-dir', temp.dir], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    child = proc;
    let stderr = '';
    let stdout = '';
    proc.stderr!.on('data', (d) => { stderr += d; });
    proc.stdout!.on('data', (d) => { stdout += d; });
    const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
    const lock = join(temp.dir, LOCK_FILE);
    const runningRun = (): RunSummary | undefined => {
      const store = openStoreIn(temp.dir);
      try {
        const run = store.runs.list()[0];
        return run && run.status === 'running' && run.step > 0 ? run : undefined;
      } finally {
        store.close();
      }
    };
    // a line with a step past 0: the database is made, the run stored and training
    await until(() => stdout.split('\n').some((line) => line.startsWith('{') && JSON.parse(line).step > 0), 'the CLI run to start');
    expect(runningRun()).toBeDefined();
    expect(readFileSync(lock, 'utf8')).toMatch(new RegExp(`^${proc.pid}\\nbackprop-lab train --spec `));

    let refusal: unknown;
    try {
      await createAppServices({ dataDir: temp.dir, mode: 'browser', maxJobs: 1 }).close();
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(DataDirLocked);
    expect((refusal as DataDirLocked).pid).toBe(proc.pid);
    expect((refusal as Error).message).toMatch(new RegExp(`^another Backprop Lab \\(pid ${proc.pid}: backprop-lab train --spec .*\\) is using `));

    // reading beside the CLI run
    const list = runCli(['runs', 'list', '--json', '--data-dir', temp.dir]);
    expect(list.code, list.stderr).toBe(0);
    expect(JSON.parse(list.stdout)[0]).toMatchObject({ status: 'running' });
    const before = runningRun()!;

    proc.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(stderr).toMatch(/train: stopped at epoch \d+ of 1000000/);
    expect(existsSync(lock)).toBe(false);

    const services = createAppServices({ dataDir: temp.dir, mode: 'browser', maxJobs: 1 });
    try {
      const run = services.store.runs.get(before.id)!;
      expect(run.status).toBe('stopped');
      expect(run.error).toBeNull();
      expect(run.step).toBeGreaterThanOrEqual(before.step);
      // a stop keeps the final step's parameters, as in the app
      expect(services.store.checkpoints.list(run.id).at(-1)!.step).toBe(run.step);
    } finally {
      await services.close();
    }
  });
});
