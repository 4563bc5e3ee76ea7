/**
 * Where the database lives: `--data-dir`, else BACKPROP_LAB_HOME, else the folder the
 * caller's platform prefers (Electron's userData), else ~/.backprop-lab.
 */
import { homedir } from 'node:os';
import { resolve } from 'node:path';
import { argValue } from './args';

export function resolveDataDir(argv: readonly string[], env: NodeJS.ProcessEnv, platformDefault?: string): string {
  const chosen = argValue(argv, 'data-dir') ?? env.BACKPROP_LAB_HOME ?? platformDefault;
  return resolve(chosen ?? resolve(homedir(), '.backprop-lab'));
}
