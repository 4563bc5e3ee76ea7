import { beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readModel } from '../../../src/shared/model';
import { ROOT, runCli, tempDir, writeJson } from './runCli';

const XOR_SPEC = join(ROOT, 'resources/examples/xor.spec.json');
let dir: string;
let modelFile: string;
let trainOut: ReturnType<typeof runCli>;

beforeAll(() => {
  dir = tempDir();
  modelFile = join(dir, 'xor.model.json');
  trainOut = runCli(['train', '--spec', XOR_SPEC, '--out', modelFile, '--data-dir', dir]);
});

describe('cli train', () => {
  it('prints JSON lines with epoch, step, losses and accuracies, then a summary', () => {
    expect(trainOut.stderr).toBe('');
    expect(trainOut.code).toBe(0);
    const lines = trainOut.stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(lines.length).toBeGreaterThanOrEqual(2);
    for (const line of lines) for (const key of ['epoch', 'step', 'trainLoss', 'testLoss', 'trainAcc', 'testAcc']) expect(line).toHaveProperty(key);
    const summary = lines[lines.length - 1];
    expect(summary).toMatchObject({ done: true, status: 'completed', epoch: 2000, trainAcc: 1 });
    expect(summary.trainLoss).toBeLessThan(0.05);
  });

  it('writes a model file the model reader accepts', () => {
    const model = readModel(JSON.parse(readFileSync(modelFile, 'utf8')));
    expect(model.spec.layers.map((l) => l.units)).toEqual([4, 1]);
    expect(model.meta.inputNames).toEqual(['x1', 'x2']);
  });

  it('stores the run, its metrics and checkpoints in the data folder', async () => {
    const summary = JSON.parse(trainOut.stdout.trim().split('\n').pop()!);
    const { openStoreIn } = await import('../../../src/main/services/store');
    const store = openStoreIn(dir);
    try {
      const run = store.runs.get(summary.runId)!;
      expect(run).toMatchObject({ status: 'completed', dataset: 'xor-gate', architecture: '2-4-1', epoch: 2000 });
      expect(store.metrics.names(run.id)).toEqual(expect.arrayContaining(['train_loss', 'train_acc']));
      expect(store.checkpoints.list(run.id).length).toBeGreaterThanOrEqual(2);
    } finally {
      store.close();
    }
  });

  it('trains the same spec with the same seed to the same loss, and --seed changes it', () => {
    const last = (args: string[]) => JSON.parse(runCli(['train', '--spec', XOR_SPEC, '--no-store', ...args]).stdout.trim().split('\n').pop()!);
    const first = JSON.parse(trainOut.stdout.trim().split('\n').pop()!);
    expect(last([]).trainLoss).toBe(first.trainLoss);
    expect(last(['--seed', '9']).trainLoss).not.toBe(first.trainLoss);
  });

  it('lists every problem of an invalid spec by field, with exit code 1', () => {
    const spec = writeJson(dir, 'bad.spec.json', {
      dataset: { kind: 'builtin', name: 'spirals' }, layers: [{ units: 1, activation: 'sigmoid' }], loss: 'bce', learningrate: 0.1, epochs: 0,
    });
    const { code, stdout, stderr } = runCli(['train', '--spec', spec, '--no-store']);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain("learningrate: unknown field; did you mean 'learningRate'?");
    expect(stderr).toContain("dataset.name: \"spirals\" is not allowed (did you mean 'spiral'?)");
    expect(stderr).toContain('epochs: must be >=1, got 0');
    expect(stderr).toContain('learningRate: missing');
  });

  it('says which output layer fits the data when the spec has the wrong one', () => {
    const spec = writeJson(dir, 'wide.spec.json', {
      dataset: { kind: 'builtin', name: 'xor-gate' }, layers: [{ units: 2, activation: 'softmax' }], loss: 'softmax-ce', learningRate: 0.1, epochs: 1,
    });
    const { code, stderr } = runCli(['train', '--spec', spec, '--no-store']);
    expect(code).toBe(1);
    expect(stderr).toMatch(/layers\[0\]\.units: the output layer has 2 units but 'xor-gate' has 1 output .*: set it to 1/);
  });

  it('reports a diverged run with exit code 1 and writes no model', () => {
    const spec = writeJson(dir, 'wild.spec.json', {
      dataset: { kind: 'builtin', name: 'plane' }, layers: [{ units: 8, activation: 'relu' }, { units: 1, activation: 'linear' }],
      loss: 'mse', learningRate: 100, epochs: 200,
    });
    const out = join(dir, 'wild.model.json');
    const { code, stdout, stderr } = runCli(['train', '--spec', spec, '--no-store', '--out', out]);
    expect(code).toBe(1);
    expect(JSON.parse(stdout.trim().split('\n').pop()!)).toMatchObject({ done: true, status: 'diverged' });
    // the app's wording (trainLoop.ts divergenceMessage), then what to change
    expect(stderr).toMatch(/^train: (loss|parameters) became (NaN|Infinity|-Infinity|NaN or Infinity) at step \d+: lower learningRate \(now 100; try 10\)$/m);
    expect(existsSync(out)).toBe(false);
  });
});

describe('cli predict', () => {
  it('prints { outputs } with --json for a headerless CSV', () => {
    const csv = join(dir, 'corners.csv');
    writeFileSync(csv, '0,0\n0,1\n1,0\n1,1\n');
    const { code, stdout } = runCli(['predict', '--model', modelFile, '--data', csv, '--json']);
    expect(code).toBe(0);
    const { outputs } = JSON.parse(stdout) as { outputs: number[][] };
    expect(outputs.map(([p]) => (p >= 0.5 ? 1 : 0))).toEqual([0, 1, 1, 0]);
  });

  it('prints a table with a header row, reading a CSV with a header or a JSON file', () => {
    const csv = join(dir, 'named.csv');
    writeFileSync(csv, 'a,b\n0,1\n');
    const table = runCli(['predict', '--model', modelFile, '--data', csv]).stdout.split('\n');
    expect(table[0]).toMatch(/^x1\s+x2\s+y$/);
    expect(table[2]).toMatch(/^\s*0\s+1\s+0\.9/);
    const json = writeJson(dir, 'points.json', { inputs: [[1, 1]] });
    expect(JSON.parse(runCli(['predict', '--model', modelFile, '--data', json, '--json']).stdout).outputs).toHaveLength(1);
  });

  it('names the example whose length does not fit the model, with exit code 1', () => {
    const csv = join(dir, 'wide.csv');
    writeFileSync(csv, '0,0,0\n');
    const { code, stderr } = runCli(['predict', '--model', modelFile, '--data', csv]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/example 1 has 3 values but the model takes 2 inputs \(x1, x2\)/);
  });
});

describe('running through npm and the bin wrapper', () => {
  it('keeps stdout pure JSON with plain npm run cli (the .npmrc silences the npm banner) and with bin/backprop-lab.mjs', () => {
    const model = join(dir, 'xor.model.json');
    const args = ['gradcheck', '--model', model, '--input', '0,1', '--target', '1', '--json'];
    const viaNpm = spawnSync('npm', ['run', 'cli', '--', ...args], { cwd: ROOT, encoding: 'utf8' });
    expect(viaNpm.status).toBe(0);
    expect(JSON.parse(viaNpm.stdout)).toHaveProperty('maxRelativeError');
    const viaBin = spawnSync(process.execPath, [join(ROOT, 'bin/backprop-lab.mjs'), ...args], { cwd: ROOT, encoding: 'utf8' });
    expect(viaBin.status).toBe(0);
    expect(JSON.parse(viaBin.stdout)).toHaveProperty('maxRelativeError');
  });
});
