/**
 * The bundle file: an SQLite database of the store's own schema (same migrations, same tables)
 * holding some runs and everything they own, plus three tables of its own: `bundle_info`
 * (format, version, what wrote it, how many rows each table holds), `bundle_runs` (the manifest:
 * each run's uid, name and data-set fingerprint) and `bundle_refs` (the uids of runs a bundled row
 * refers to but the bundle does not hold). `PRAGMA application_id` marks the file as a bundle.
 *
 * `inspectBundle` checks a file before anything is merged: an SQLite file, marked as a bundle,
 * not damaged or cut short, of a schema and format this version reads, with the rows it says it has.
 */
import Database from 'better-sqlite3';
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { BundleError } from './errors';
import { BUNDLE_TABLE_PREFIX, q, readSchema } from './bundleSchema';
import { SCHEMA_VERSION } from './migrations';

export const BUNDLE_FORMAT = 'backprop-lab.bundle';
export const BUNDLE_FORMAT_VERSION = 1;
/** `PRAGMA application_id` of a bundle: "BPLb". */
export const BUNDLE_APPLICATION_ID = 0x42504c62;
/** The extension `runs export` suggests and the app's file picker looks for (any name is read). */
export const BUNDLE_FILE_EXTENSION = '.bplab';

export const BUNDLE_TABLES_SQL = `
  CREATE TABLE ${BUNDLE_TABLE_PREFIX}info (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  CREATE TABLE ${BUNDLE_TABLE_PREFIX}runs (run_id INTEGER PRIMARY KEY, uid TEXT NOT NULL, name TEXT NOT NULL, dataset_fingerprint TEXT NOT NULL);
  CREATE TABLE ${BUNDLE_TABLE_PREFIX}refs (tbl TEXT NOT NULL, id INTEGER NOT NULL, uid TEXT NOT NULL, PRIMARY KEY (tbl, id));
`;

export interface BundleInfo {
  file: string;
  schemaVersion: number;
  /** What wrote it ("backprop-lab 0.1.0") and when (ms since 1970). */
  writtenBy: string;
  createdAt: number;
  runs: number;
  /** The uid of the experiment that was the writing store's default one: merged into the reader's default. */
  defaultExperimentUid: string | null;
}

const SQLITE_HEADER = 'SQLite format 3\0';

const refuse = (file: string, reason: string): BundleError =>
  new BundleError(`'${file}' ${reason}; nothing was imported`);

/** The first 100 bytes (the SQLite header), or fewer if the file is shorter. */
function header(file: string): Buffer {
  const fd = openSync(file, 'r');
  try {
    const bytes = Buffer.alloc(100);
    const n = readSync(fd, bytes, 0, 100, 0);
    return bytes.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

export function inspectBundle(file: string): BundleInfo {
  let size: number;
  try {
    const stat = statSync(file);
    if (!stat.isFile()) throw refuse(file, 'is not a file');
    size = stat.size;
  } catch (err) {
    if (err instanceof BundleError) throw err;
    throw refuse(file, `cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  const head = header(file);
  if (head.length < 100 || head.subarray(0, 16).toString('latin1') !== SQLITE_HEADER) {
    throw refuse(file, size === 0 ? 'is empty, not a Backprop Lab run bundle' : 'is not a Backprop Lab run bundle (not an SQLite file)');
  }
  const pageSize = head.readUInt16BE(16) === 1 ? 65536 : head.readUInt16BE(16);
  const pages = head.readUInt32BE(28);
  const applicationId = head.readUInt32BE(68);
  if (applicationId !== BUNDLE_APPLICATION_ID) {
    throw refuse(file, applicationId === 0 && head.readUInt32BE(60) > 0
      ? 'is a Backprop Lab database, not a run bundle (read it with --db FILE, or write a bundle from it with runs export)'
      : 'is not a Backprop Lab run bundle (an SQLite file of another program)');
  }
  // the header says how many pages the writer left; a shorter file lost its end on the way
  const pagesValid = head.readUInt32BE(24) === head.readUInt32BE(92);
  if (pagesValid && pages > 0 && size < pages * pageSize) {
    throw refuse(file, `is truncated: ${size} bytes of the ${pages * pageSize} it was written with`);
  }

  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true, nativeBinding: process.env.BACKPROP_LAB_SQLITE_BINDING || undefined });
  } catch (err) {
    throw refuse(file, `cannot be opened (${(err as Error).message})`);
  }
  try {
    let problems: string[];
    try {
      problems = (db.pragma('quick_check(5)') as { quick_check: string }[]).map((r) => r.quick_check).filter((r) => r !== 'ok');
    } catch (err) {
      throw refuse(file, `is damaged or truncated (${(err as Error).message})`);
    }
    if (problems.length > 0) throw refuse(file, `is damaged or truncated (${problems.join('; ')})`);
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > SCHEMA_VERSION) {
      throw refuse(file, `was written by a newer Backprop Lab (schema ${version}; this version reads up to ${SCHEMA_VERSION}): update the app to import it`);
    }
    const hasInfo = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '${BUNDLE_TABLE_PREFIX}info'`).get();
    if (version < 1 || !hasInfo) throw refuse(file, 'is not a Backprop Lab run bundle (it has no bundle manifest)');
    const info = new Map((db.prepare(`SELECT key, value FROM ${BUNDLE_TABLE_PREFIX}info`).all() as { key: string; value: string }[]).map((r) => [r.key, r.value]));
    if (info.get('format') !== BUNDLE_FORMAT) throw refuse(file, `is not a Backprop Lab run bundle (format '${info.get('format') ?? 'none'}')`);
    const formatVersion = Number(info.get('format_version'));
    if (!(formatVersion >= 1)) throw refuse(file, 'has no readable bundle format version');
    if (formatVersion > BUNDLE_FORMAT_VERSION) {
      throw refuse(file, `is a bundle of format version ${formatVersion}; this version reads up to ${BUNDLE_FORMAT_VERSION}: update the app to import it`);
    }
    // every table holds the rows the writer counted (a file cut at a page boundary passes the checks above)
    const expected = JSON.parse(info.get('row_counts') ?? '{}') as Record<string, number>;
    const present = readSchema(db).tables;
    for (const [table, count] of Object.entries(expected)) {
      const actual = present.has(table) ? (db.prepare(`SELECT count(*) AS n FROM ${q(table)}`).get() as { n: number }).n : 0;
      if (actual !== count) throw refuse(file, `is incomplete: table ${table} has ${actual} rows of the ${count} it was written with`);
    }
    return {
      file, schemaVersion: version, writtenBy: info.get('written_by') ?? 'unknown', createdAt: Number(info.get('created_at') ?? 0),
      runs: expected.runs ?? 0, defaultExperimentUid: info.get('default_experiment_uid') ?? null,
    };
  } finally {
    db.close();
  }
}
