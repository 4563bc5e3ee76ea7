/**
 * One writing process per data folder: the app, browser mode, the CLI's `serve` and a stored
 * CLI `train`. A second one would take the first one's active runs for leftovers of a crash
 * and mark them interrupted, or delete rows the first is writing. A lock file holds the owner's
 * pid (and on a second line what it is doing); a lock whose process is gone is stale (that
 * crash) and is taken over. Reading the database beside the owner is fine.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const LOCK_FILE = 'backprop-lab.lock';

/** The folder is held by another live process: `pid`, and `holder` when it said what it is. */
export class DataDirLocked extends Error {
  override readonly name = 'DataDirLocked';
  constructor(readonly dataDir: string, readonly pid: number, readonly holder: string | null) {
    super(`another Backprop Lab (pid ${pid}${holder ? `: ${holder}` : ''}) is using ${dataDir}; close it or choose another --data-dir`);
  }
}

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * Takes the folder's lock or throws DataDirLocked naming the process that holds it; returns the
 * release function. `holder` says what this process is, for the message another one gets.
 */
export function lockDataDir(dataDir: string, holder?: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, holder ? `${process.pid}\n${holder}\n` : String(process.pid), { flag: 'wx' });
      return () => rmSync(file, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const [pidLine, holderLine] = readFileSync(file, 'utf8').split('\n');
      const owner = Number(pidLine);
      if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && isAlive(owner)) {
        throw new DataDirLocked(dataDir, owner, holderLine?.trim() || null);
      }
      rmSync(file, { force: true });
    }
  }
  throw new Error(`could not lock ${dataDir}`);
}
