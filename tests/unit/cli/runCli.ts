/** Runs the CLI as a child process, as a user would, and returns what it printed. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export interface CliResult { code: number | null; stdout: string; stderr: string }

export function runCli(args: string[], options: { env?: NodeJS.ProcessEnv } = {}): CliResult {
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'src/main/cli.ts'), ...args], {
    cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...options.env }, timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'backprop-lab-cli-'));
}

export function writeJson(dir: string, name: string, value: unknown): string {
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify(value));
  return file;
}

/** The lecture's worked example (the model file of docs/architecture.md): 2-2-2 sigmoid, mse-half. */
export const LECTURE_MODEL = {
  format: 'backprop-lab.model', version: 1, inputs: 2,
  layers: [
    { units: 2, activation: 'sigmoid', weights: [[0.15, 0.25], [0.2, 0.3]], bias: [0.35, 0.35] },
    { units: 2, activation: 'sigmoid', weights: [[0.4, 0.5], [0.45, 0.55]], bias: [0.6, 0.6] },
  ],
  loss: 'mse-half',
};
