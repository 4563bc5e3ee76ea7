import { beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LECTURE_MODEL, runCli, tempDir, writeJson } from './runCli';

let dir: string;
let model: string;
const example = ['--input', '0.05,0.10', '--target', '0.01,0.99'];

beforeAll(() => {
  dir = tempDir();
  model = writeJson(dir, 'lecture.json', LECTURE_MODEL);
});

describe('cli trace', () => {
  it("prints the lecture's numbers for one step as JSON, matrices as [i][j]", () => {
    const { code, stdout, stderr } = runCli(['trace', '--model', model, ...example, '--lr', '0.5']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const trace = JSON.parse(stdout);
    expect(trace.loss).toBeCloseTo(0.298371109, 9);
    expect(trace.lossAfter).toBeLessThan(trace.loss);
    expect(trace.layers).toHaveLength(2);
    for (const layer of trace.layers) {
      for (const key of ['z', 'a', 'delta', 'gradWeights', 'gradBias', 'newWeights', 'newBias']) expect(layer).toHaveProperty(key);
    }
    const [hidden, output] = trace.layers;
    expect(hidden.a[0]).toBeCloseTo(0.593269992, 9);
    expect(output.gradWeights[0][0]).toBeCloseTo(0.082167041, 9);
    expect(output.newWeights[0][0]).toBeCloseTo(0.35891648, 8);
    expect(hidden.newWeights[0][0]).toBeCloseTo(0.149780716, 9);
  });

  it('keeps the biases with --freeze-bias and differentiates another loss with --loss', () => {
    const frozen = JSON.parse(runCli(['trace', '--model', model, ...example, '--lr', '0.5', '--freeze-bias']).stdout);
    expect(frozen.layers[1].newBias).toEqual([0.6, 0.6]);
    const mse = JSON.parse(runCli(['trace', '--model', model, ...example, '--lr', '0.5', '--loss', 'mse']).stdout);
    expect(mse.loss).toBeCloseTo(0.298371109, 9);
  });

  it('says how many values --input needs when it has the wrong number, with exit code 2', () => {
    const { code, stdout, stderr } = runCli(['trace', '--model', model, '--input', '1,2,3', '--target', '0,1', '--lr', '0.5']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('--input has 3 values but the model has 2 inputs: give 2');
  });

  it('names a missing model file and a file that is not JSON, with exit code 1', () => {
    const missing = runCli(['trace', '--model', join(dir, 'nope.json'), ...example, '--lr', '0.5']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/nope\.json' does not exist/);
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{ "format": ');
    const invalid = runCli(['trace', '--model', bad, ...example, '--lr', '0.5']);
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toMatch(/bad\.json' is not valid JSON/);
  });

  it('refuses a model file of another format, naming the field', () => {
    const other = writeJson(dir, 'other.json', { ...LECTURE_MODEL, format: 'keras' });
    const { code, stderr } = runCli(['trace', '--model', other, ...example, '--lr', '0.5']);
    expect(code).toBe(1);
    expect(stderr).toMatch(/format: unknown format "keras"/);
  });
});

describe('cli gradcheck', () => {
  it('prints the largest relative error, tiny for a correct backprop', () => {
    const { code, stdout } = runCli(['gradcheck', '--model', model, ...example]);
    expect(code).toBe(0);
    expect(Number(stdout)).toBeLessThan(1e-6);
  });

  it('prints where the largest error is with --json', () => {
    const result = JSON.parse(runCli(['gradcheck', '--model', model, ...example, '--json']).stdout);
    expect(result.maxRelativeError).toBeLessThan(1e-6);
    expect(result).toHaveProperty('analytic');
    expect(result).toHaveProperty('numeric');
  });
});

describe('cli usage', () => {
  it('prints help on stdout for help and --help, and a command help for <command> --help', () => {
    for (const args of [['help'], ['--help']]) {
      const { code, stdout } = runCli(args);
      expect(code).toBe(0);
      expect(stdout).toMatch(/commands:[\s\S]*train[\s\S]*trace[\s\S]*predict[\s\S]*gradcheck/);
    }
    expect(runCli(['trace', '--help']).stdout).toMatch(/--freeze-bias/);
  });

  it('rejects an unknown command or flag with exit code 2 and nothing on stdout', () => {
    const unknown = runCli(['fly']);
    expect([unknown.code, unknown.stdout]).toEqual([2, '']);
    expect(unknown.stderr).toMatch(/unknown command 'fly'/);
    const flag = runCli(['gradcheck', '--model', model, '--inptu', '1,2']);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toMatch(/unknown flag '--inptu'; gradcheck takes --model, --input/);
    expect(runCli([]).code).toBe(2);
  });
});
