/** Errors the store raises on purpose. No SQLite here, so the CLI can import it. */
import { statfsSync } from 'node:fs';

/** Thrown when a stored row cannot be read back (its JSON no longer fits the schema): names the row. */
export class StoredDataError extends Error {
  override readonly name = 'StoredDataError';
}

/**
 * The database file cannot be used at all: it is damaged, it is not a Backprop Lab database (not
 * SQLite, or another program's), or a newer version wrote it. The file is left exactly as it was;
 * the message names it and says what to do.
 */
export class DatabaseUnusable extends Error {
  override readonly name = 'DatabaseUnusable';
  constructor(readonly file: string, reason: string) {
    super(`the run database '${file}' ${reason}. It was left untouched: move it aside to start with an empty one, or use another data folder (--data-dir).`);
  }
}

/** Why a write could not reach the disk: it is full, or the file cannot be written at all. */
export type StorageErrorCode = 'storage-full' | 'storage-unavailable';

/**
 * A write the disk refused (SQLITE_FULL; an I/O, read-only or cannot-open error). SQLite rolls
 * the statement back, so the file stays consistent; the caller decides what the lost write means
 * (a run ends failed, an API call answers with this code and message).
 */
export class StorageError extends Error {
  override readonly name = 'StorageError';
  constructor(readonly code: StorageErrorCode, message: string) {
    super(message);
  }
}

const FULL = new Set(['SQLITE_FULL']);
const UNAVAILABLE = /^SQLITE_(IOERR|READONLY|CANTOPEN|CORRUPT|NOTADB)/;

/** Free space for an unprivileged writer in a folder, in MB ("?" when the folder cannot be asked). */
export function freeMegabytes(dir: string): string {
  try {
    const stats = statfsSync(dir);
    const mb = (Number(stats.bavail) * Number(stats.bsize)) / (1024 * 1024);
    return mb < 10 ? mb.toFixed(1) : String(Math.round(mb));
  } catch {
    return '?';
  }
}

/** The StorageError an error of SQLite's stands for, or null when it is something else (a constraint, a bug). */
export function storageErrorOf(err: unknown, dir: string): StorageError | null {
  if (err instanceof StorageError) return err;
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return null;
  if (FULL.has(code)) return new StorageError('storage-full', `disk full: ${freeMegabytes(dir)} MB free in ${dir}`);
  if (UNAVAILABLE.test(code)) {
    const reason = err instanceof Error ? err.message : code;
    return new StorageError('storage-unavailable', `storage unavailable: ${reason} (${freeMegabytes(dir)} MB free in ${dir})`);
  }
  return null;
}

/**
 * A run bundle that cannot be written or merged: not a bundle, damaged or truncated, from a newer
 * version, or runs that do not exist. Raised before the store is touched; the message names the file.
 */
export class BundleError extends Error {
  override readonly name = 'BundleError';
}
