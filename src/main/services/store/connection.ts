/** Opens the one SQLite connection: WAL, foreign keys, schema migrated to the latest version. */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { migrate } from './migrations';

export type Db = Database.Database;

/**
 * Electron needs better-sqlite3 built for its own ABI while Node (tests, CLI, browser mode)
 * needs the one in node_modules; scripts/start.mjs builds the Electron copy aside and names it here.
 */
const nativeBinding = (): string | undefined => process.env.BACKPROP_LAB_SQLITE_BINDING || undefined;

export function openDatabase(file: string): Db {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file, { nativeBinding: nativeBinding() });
  db.pragma('journal_mode = WAL');
  // WAL makes NORMAL durable enough: a power loss may drop the last commits, never corrupt.
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db);
  return db;
}
