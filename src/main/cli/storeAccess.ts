/**
 * The run database for CLI commands. Reading (export --run, runs list|show) opens it beside
 * whatever else uses the folder: --db FILE, else --data-dir DIR, else $BACKPROP_LAB_HOME, else
 * ~/.backprop-lab. Writing (a stored `train`) first takes the data folder's lock, as the app and
 * browser mode do, or refuses naming the process that holds it. The store module (and
 * better-sqlite3's native binding) is loaded only when a command needs it.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { resolveDataDir } from '../services/dataDir';
import { DataDirLocked, lockDataDir } from '../services/dataDirLock';
import type { Store } from '../services/store';
import { DatabaseUnusable } from '../services/store/errors';
import { CliFailure, UsageError } from './errors';

export interface CliIo { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream; env: NodeJS.ProcessEnv }

/**
 * Why the database could not be opened, in words: a damaged or foreign file names itself (and
 * was left untouched); only a native module built for another runtime gets the rebuild advice.
 */
function openFailure(command: string, file: string, error: unknown): CliFailure {
  if (error instanceof DatabaseUnusable) return new CliFailure(`${command}: ${error.message}`);
  const message = (error as Error).message;
  const nativeModule = /NODE_MODULE_VERSION|compiled against a different|invalid ELF|better_sqlite3\.node/.test(message);
  return new CliFailure(`${command}: cannot open the run database '${file}' (${message})${nativeModule ? "; run 'npm rebuild better-sqlite3': the native module was built for another runtime (Electron)" : ''}`);
}

export async function openRunStore(command: string, flags: { db?: string; 'data-dir'?: string }, env: NodeJS.ProcessEnv): Promise<Store> {
  if (flags.db && flags['data-dir']) throw new UsageError(`${command}: --db and --data-dir exclude each other: choose one`);
  const { openStore, DATABASE_FILE } = await import('../services/store');
  const file = flags.db ? resolve(flags.db) : join(flags['data-dir'] ? resolve(flags['data-dir']) : resolveDataDir([], env), DATABASE_FILE);
  // reading must not create an empty database where the user mistyped a path
  if (!existsSync(file)) throw new CliFailure(`${command}: no run database at '${file}': give --data-dir or --db, or train a run first`);
  try {
    return openStore(file);
  } catch (error) {
    throw openFailure(command, file, error);
  }
}

export interface LockedStore {
  store: Store;
  /** Closes the database, then frees the folder. */
  close(): void;
}

/**
 * Takes the lock of the folder the database is in (--db FILE's folder, else the data folder),
 * then opens the database for writing. `holder` says what this process is to whoever is refused;
 * `elsewhere` what this command could do instead ("--data-dir OTHER_DIR or --no-store").
 */
export async function openLockedStore(
  command: string, location: { db?: string; dataDir: string }, holder: string, elsewhere: string,
): Promise<LockedStore> {
  const folder = location.db ? dirname(location.db) : location.dataDir;
  let release: () => void;
  try {
    release = lockDataDir(folder, holder);
  } catch (error) {
    if (error instanceof DataDirLocked) throw new CliFailure(lockedMessage(command, error, elsewhere));
    throw new CliFailure(`${command}: cannot use the folder '${folder}': ${(error as Error).message}`);
  }
  let store: Store;
  let file = location.db ?? location.dataDir;
  try {
    const { openStore, DATABASE_FILE } = await import('../services/store');
    file = location.db ?? join(location.dataDir, DATABASE_FILE);
    store = openStore(file);
  } catch (error) {
    release();
    throw openFailure(command, file, error);
  }
  return { store, close: () => { try { store.close(); } finally { release(); } } };
}

/** "train: /x is in use by another Backprop Lab (pid 42: browser mode). Stop it first ..., or ..." */
export function lockedMessage(command: string, locked: DataDirLocked, elsewhere: string): string {
  return `${command}: ${locked.dataDir} is in use by another Backprop Lab (pid ${locked.pid}${locked.holder ? `: ${locked.holder}` : ''}). `
    + `Only one process may write to a data folder: stop that one first (Ctrl-C in its terminal, or kill ${locked.pid}) or wait until it ends, `
    + `or ${elsewhere}. Reading commands (runs list, runs show, export) work beside it.`;
}

export function runId(command: string, raw: string | undefined): number {
  const id = Number(raw);
  if (raw === undefined || !Number.isInteger(id) || id < 1) throw new UsageError(`${command}: expected a run id (a whole number >= 1), got ${raw === undefined ? 'nothing' : `'${raw}'`}`);
  return id;
}
