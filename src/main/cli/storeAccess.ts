/**
 * Opening the run database for commands that read it (export --run, runs list|show): --db FILE,
 * else --data-dir DIR, else $BACKPROP_LAB_HOME, else ~/.backprop-lab. The store module (and
 * better-sqlite3's native binding) is loaded only when a command needs it.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { resolveDataDir } from '../services/dataDir';
import type { Store } from '../services/store';
import { CliFailure, UsageError } from './errors';

export interface CliIo { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream; env: NodeJS.ProcessEnv }

export async function openRunStore(command: string, flags: { db?: string; 'data-dir'?: string }, env: NodeJS.ProcessEnv): Promise<Store> {
  if (flags.db && flags['data-dir']) throw new UsageError(`${command}: --db and --data-dir exclude each other: choose one`);
  const { openStore, DATABASE_FILE } = await import('../services/store');
  const file = flags.db ? resolve(flags.db) : join(flags['data-dir'] ? resolve(flags['data-dir']) : resolveDataDir([], env), DATABASE_FILE);
  // reading must not create an empty database where the user mistyped a path
  if (!existsSync(file)) throw new CliFailure(`${command}: no run database at '${file}': give --data-dir or --db, or train a run first`);
  try {
    return openStore(file);
  } catch (error) {
    throw new CliFailure(`${command}: cannot open the run database '${file}' (${(error as Error).message}); run 'npm rebuild better-sqlite3' if the native module was built for Electron`);
  }
}

export function runId(command: string, raw: string | undefined): number {
  const id = Number(raw);
  if (raw === undefined || !Number.isInteger(id) || id < 1) throw new UsageError(`${command}: expected a run id (a whole number >= 1), got ${raw === undefined ? 'nothing' : `'${raw}'`}`);
  return id;
}
