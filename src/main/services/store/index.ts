/**
 * The store: one connection and one repository per table. All SQL lives in this folder and
 * the connection never leaves it. Knows nothing of Electron.
 *
 * Every repository method is guarded: an error of SQLite's that means the disk refused a write
 * (full, not writable) is thrown as a StorageError with "disk full: N MB free in DIR", and the
 * store reports the change of state once (`onStorageChange`), and again once a write succeeds.
 */
import { dirname, join } from 'node:path';
import type { StorageStatusEvent } from '../../../shared/api/dto';
import { openDatabase, type Db } from './connection';
import { createArtifactsRepo } from './artifacts';
import { createBundles } from './bundles';
import { createCheckpointsRepo } from './checkpoints';
import { StorageError, storageErrorOf } from './errors';
import { createExperimentsRepo } from './experiments';
import { createMetricsRepo } from './metrics';
import { createRunsRepo } from './runs';

export const DATABASE_FILE = 'backprop-lab.sqlite';

export { IMPORTED_MODEL_KIND, type Artifact, type ArtifactCodec, type ArtifactCollection, type ArtifactHeader, type PackedArtifact } from './artifacts';
export { BundleError, DatabaseUnusable, StoredDataError, StorageError, type StorageErrorCode } from './errors';
export { BUNDLE_FILE_EXTENSION } from './bundleFile';

export interface StoreOptions {
  /** Told once when writes start failing for lack of space (or access), and once when they work again. */
  onStorageChange?: (state: StorageStatusEvent) => void;
  /** For tests only: `PRAGMA max_page_count`, so a test can fill the database as if the disk were full. */
  maxPageCount?: number;
}

export function openStore(file: string, options: StoreOptions = {}) {
  const db: Db = openDatabase(file);
  if (options.maxPageCount !== undefined) db.pragma(`max_page_count = ${Math.floor(options.maxPageCount)}`);
  const health = storageHealth(db, file === ':memory:' ? process.cwd() : dirname(file), options.onStorageChange);
  const experiments = health.guard(createExperimentsRepo(db));
  experiments.defaultId();
  const metrics = createMetricsRepo(db);
  const runs = createRunsRepo(db, metrics);
  return {
    file,
    experiments,
    runs: health.guard(runs),
    metrics: health.guard(metrics),
    checkpoints: health.guard(createCheckpointsRepo(db)),
    artifacts: health.guard(createArtifactsRepo(db)),
    /** Run bundles: `export(out, runIds?, writtenBy)` writes one file, `import(files)` merges files (bundles.ts). */
    bundles: health.guard(createBundles(db, () => experiments.defaultId())),
    /**
     * Runs `fn` in one transaction: every write in it lands, or (when it throws, a full disk
     * included) none does. For services whose one action writes several tables.
     */
    atomically: health.guard({ run: <T>(fn: () => T): T => db.transaction(fn)() }).run,
    /** At startup: runs a previous process left active can never resume (their worker died with it). */
    interruptStaleRuns: health.guard({ run: (): number => runs.interruptStale() }).run,
    /** Moves the write-ahead log into the database file (before measuring or copying the file). */
    checkpointWal: (): void => { db.pragma('wal_checkpoint(TRUNCATE)'); },
    /** Whether the last write the disk refused has been followed by one that succeeded. */
    storageOk: (): boolean => health.ok(),
    /** For tests only: changes `PRAGMA max_page_count` (raise it to give the "disk" its space back). */
    setMaxPageCount: (pages: number): void => { db.pragma(`max_page_count = ${Math.floor(pages)}`); },
    /** `PRAGMA integrity_check`: 'ok', or what is wrong. */
    integrityCheck: (): string => (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check).join('; '),
    close: (): void => { if (db.open) db.close(); },
  };
}
export type Store = ReturnType<typeof openStore>;

export const openStoreIn = (dataDir: string, options?: StoreOptions): Store => openStore(join(dataDir, DATABASE_FILE), options);

/**
 * Watches the store's writes: turns SQLite's storage errors into StorageError and reports the
 * state when it changes. Back to ok is noticed when a write after the refusal made the database
 * bigger (`PRAGMA page_count` grew): a write that fits in pages the file already has says nothing
 * about room on the disk, and would make the state flap.
 */
function storageHealth(db: Db, dir: string, onChange: ((state: StorageStatusEvent) => void) | undefined) {
  let failedAt: number | null = null;
  const pageCount = (): number => db.pragma('page_count', { simple: true }) as number;
  const report = (state: StorageStatusEvent): void => {
    try {
      onChange?.(state);
    } catch (err) {
      console.error('storage state listener failed:', err);
    }
  };
  const failed = (err: StorageError): void => {
    const first = failedAt === null;
    failedAt = pageCount();
    if (first) {
      console.error(`Backprop Lab: ${err.message}`);
      report({ ok: false, code: err.code, message: err.message });
    }
  };
  const succeeded = (): void => {
    if (failedAt === null || !db.open || pageCount() <= failedAt) return;
    failedAt = null;
    report({ ok: true, code: null, message: null });
  };
  const wrap = (fn: (...args: unknown[]) => unknown, self: unknown) => (...args: unknown[]): unknown => {
    let result: unknown;
    try {
      result = fn.apply(self, args);
    } catch (err) {
      const storage = storageErrorOf(err, dir);
      if (!storage) throw err;
      failed(storage);
      throw storage;
    }
    succeeded();
    // a repository handing out another (artifacts.collection) hands it out guarded
    return isRepo(result) ? guard(result) : result;
  };
  const guard = <T extends object>(repo: T): T => {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(repo)) out[key] = typeof value === 'function' ? wrap(value as (...args: unknown[]) => unknown, repo) : value;
    return out as T;
  };
  return { guard, ok: (): boolean => failedAt === null };
}

const isRepo = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype
  && Object.values(value).some((v) => typeof v === 'function');
