/** Opens the one SQLite connection: WAL, foreign keys, schema migrated to the latest version. */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseUnusable } from './errors';
import { migrate, SCHEMA_VERSION } from './migrations';

export type Db = Database.Database;

/**
 * Electron needs better-sqlite3 built for its own ABI while Node (tests, CLI, browser mode)
 * needs the one in node_modules; scripts/start.mjs builds the Electron copy aside and names it here.
 */
const nativeBinding = (): string | undefined => process.env.BACKPROP_LAB_SQLITE_BINDING || undefined;

export function openDatabase(file: string): Db {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file, { nativeBinding: nativeBinding() });
  try {
    refuseForeign(db, file);
  } catch (err) {
    db.close();
    throw err;
  }
  db.pragma('journal_mode = WAL');
  // WAL makes NORMAL durable enough: a power loss may drop the last commits, never corrupt.
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db);
  return db;
}

/**
 * Reads before writing anything: a damaged file, a file that is not SQLite, another program's
 * database (tables but no schema version of ours) or a newer version's is refused, untouched.
 */
function refuseForeign(db: Db, file: string): void {
  let version: number;
  let tables: number;
  try {
    version = db.pragma('user_version', { simple: true }) as number;
    tables = (db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get() as { n: number }).n;
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    if (code === 'SQLITE_NOTADB') throw new DatabaseUnusable(file, 'is not a Backprop Lab database (not an SQLite file, or encrypted)');
    if (typeof code === 'string' && code.startsWith('SQLITE_CORRUPT')) throw new DatabaseUnusable(file, `is damaged (${(err as Error).message})`);
    throw err;
  }
  if (version === 0 && tables > 0) throw new DatabaseUnusable(file, 'is not a Backprop Lab database (an SQLite file of another program)');
  if (version > SCHEMA_VERSION) {
    throw new DatabaseUnusable(file, `was written by a newer Backprop Lab (schema ${version}; this version reads up to ${SCHEMA_VERSION}): update the app`);
  }
}
