/**
 * The schema as numbered migrations. Migration i brings a database from
 * `PRAGMA user_version = i` to `i + 1`. Never edit a released migration: append one.
 */
import type { Database } from 'better-sqlite3';
import { createHash } from 'node:crypto';

export type Migration = (db: Database) => void;

/**
 * Steps per row of metric_blocks (migration 2): each block keeps its lowest and highest point,
 * so a long series is downsampled from ~1/64 of its rows. Stored data depends on it: never change it.
 */
export const METRIC_BLOCK_STEPS = 64;

/** A random version-4 UUID in SQL (122 random bits): the uid every new run and experiment gets. */
const RANDOM_UUID_SQL = `(lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2)
  || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6))))`;

/**
 * The uid of a row stored before uids existed: a version-8 UUID of a SHA-256 of the table, the
 * row's id, creation time and content. The same stored row gives the same uid wherever it is
 * migrated (a data folder copied to two machines, a bundle written by an older version).
 */
export function legacyUid(table: string, fields: readonly unknown[]): string {
  const hex = createHash('sha256').update([table, ...fields.map(String)].join('\u0000')).digest('hex');
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export const MIGRATIONS: readonly Migration[] = [
  // 1: experiments, runs, metrics, checkpoints, artifacts
  (db) => db.exec(`
    CREATE TABLE experiments (
      id         INTEGER PRIMARY KEY,
      name       TEXT    NOT NULL,
      created_at INTEGER NOT NULL
    );
    CREATE TABLE runs (
      id            INTEGER PRIMARY KEY,
      experiment_id INTEGER NOT NULL REFERENCES experiments(id) ON DELETE CASCADE,
      name          TEXT    NOT NULL,
      status        TEXT    NOT NULL,
      config        TEXT    NOT NULL,
      seed          INTEGER NOT NULL,
      dataset       TEXT    NOT NULL,
      architecture  TEXT    NOT NULL,
      created_at    INTEGER NOT NULL,
      started_at    INTEGER,
      finished_at   INTEGER,
      step          INTEGER NOT NULL DEFAULT 0,
      epoch         INTEGER NOT NULL DEFAULT 0,
      error         TEXT,
      last_metrics  TEXT    NOT NULL DEFAULT '{}',
      tags          TEXT    NOT NULL DEFAULT '[]',
      notes         TEXT    NOT NULL DEFAULT ''
    );
    CREATE INDEX runs_by_experiment ON runs(experiment_id);
    CREATE INDEX runs_by_status ON runs(status);
    CREATE TABLE metrics (
      run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
      name   TEXT    NOT NULL,
      step   INTEGER NOT NULL,
      epoch  REAL    NOT NULL,
      value  REAL    NOT NULL,
      time   INTEGER NOT NULL
    );
    CREATE INDEX metrics_by_run_name_step ON metrics(run_id, name, step);
    CREATE TABLE checkpoints (
      id         INTEGER PRIMARY KEY,
      run_id     INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
      step       INTEGER NOT NULL,
      epoch      INTEGER NOT NULL,
      params     BLOB    NOT NULL,
      created_at INTEGER NOT NULL
    );
    CREATE INDEX checkpoints_by_run ON checkpoints(run_id, step);
    CREATE TABLE artifacts (
      id         INTEGER PRIMARY KEY,
      run_id     INTEGER REFERENCES runs(id) ON DELETE CASCADE,
      kind       TEXT    NOT NULL,
      json       TEXT,
      data       BLOB,
      created_at INTEGER NOT NULL
    );
    CREATE INDEX artifacts_by_run_kind ON artifacts(run_id, kind);
  `),
  // 2: experiment tracking: archived runs, cached hyperparameters, a model to start from,
  // per-metric summaries kept on insert so the runs table never scans the metric points, and
  // per-block extremes so the compare chart downsamples long series without scanning them
  (db) => db.exec(`
    ALTER TABLE runs ADD COLUMN archived INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE runs ADD COLUMN hyperparams TEXT;
    ALTER TABLE runs ADD COLUMN initial_params BLOB;
    CREATE TABLE run_metric_summary (
      run_id     INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
      name       TEXT    NOT NULL,
      count      INTEGER NOT NULL,
      first_step INTEGER NOT NULL,
      last_step  INTEGER NOT NULL,
      last_value REAL,
      min_value  REAL,
      max_value  REAL,
      PRIMARY KEY (run_id, name)
    ) WITHOUT ROWID;
    INSERT INTO run_metric_summary (run_id, name, count, first_step, last_step, last_value, min_value, max_value)
      SELECT run_id, name, count(*), min(step), max(step),
        (SELECT m2.value FROM metrics m2 WHERE m2.run_id = m.run_id AND m2.name = m.name ORDER BY m2.step DESC, m2.rowid DESC LIMIT 1),
        min(value), max(value)
      FROM metrics m GROUP BY run_id, name;
    CREATE TABLE metric_blocks (
      run_id    INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
      name      TEXT    NOT NULL,
      block     INTEGER NOT NULL,
      count     INTEGER NOT NULL,
      min_step  INTEGER, min_epoch REAL, min_time INTEGER, min_value REAL,
      max_step  INTEGER, max_epoch REAL, max_time INTEGER, max_value REAL,
      PRIMARY KEY (run_id, name, block)
    ) WITHOUT ROWID;
    INSERT INTO metric_blocks (run_id, name, block, count, min_step, min_epoch, min_time, min_value)
      SELECT run_id, name, step / ${METRIC_BLOCK_STEPS}, count(*), step, epoch, time, min(value)
      FROM metrics GROUP BY run_id, name, step / ${METRIC_BLOCK_STEPS};
    UPDATE metric_blocks SET (max_step, max_epoch, max_time, max_value) = (
      SELECT step, epoch, time, max(value) FROM metrics m
      WHERE m.run_id = metric_blocks.run_id AND m.name = metric_blocks.name
        AND m.step >= metric_blocks.block * ${METRIC_BLOCK_STEPS} AND m.step < (metric_blocks.block + 1) * ${METRIC_BLOCK_STEPS});
  `),
  // 3: ids are never reused (issue #10). Runs and artifacts (imported models, landscapes,
  // reports) get AUTOINCREMENT, so deleting the newest one no longer hands its id to the next:
  // an old tab, a `#/runs/1` link or a stale "delete 1" can no longer reach a newer row. SQLite
  // cannot add AUTOINCREMENT in place: each table is rebuilt (create the new table, copy every
  // row with its id, drop the old, rename, recreate its indexes), with foreign keys off so
  // dropping runs cascades nowhere (see migrate). Copying the rows with their ids sets
  // sqlite_sequence to the largest id in use; ids deleted above it before this migration left
  // no trace. Checkpoints are always addressed through their run, experiments are never deleted.
  (db) => db.exec(`
    CREATE TABLE runs_new (
      id             INTEGER PRIMARY KEY AUTOINCREMENT,
      experiment_id  INTEGER NOT NULL REFERENCES experiments(id) ON DELETE CASCADE,
      name           TEXT    NOT NULL,
      status         TEXT    NOT NULL,
      config         TEXT    NOT NULL,
      seed           INTEGER NOT NULL,
      dataset        TEXT    NOT NULL,
      architecture   TEXT    NOT NULL,
      created_at     INTEGER NOT NULL,
      started_at     INTEGER,
      finished_at    INTEGER,
      step           INTEGER NOT NULL DEFAULT 0,
      epoch          INTEGER NOT NULL DEFAULT 0,
      error          TEXT,
      last_metrics   TEXT    NOT NULL DEFAULT '{}',
      tags           TEXT    NOT NULL DEFAULT '[]',
      notes          TEXT    NOT NULL DEFAULT '',
      archived       INTEGER NOT NULL DEFAULT 0,
      hyperparams    TEXT,
      initial_params BLOB
    );
    INSERT INTO runs_new (id, experiment_id, name, status, config, seed, dataset, architecture, created_at, started_at,
        finished_at, step, epoch, error, last_metrics, tags, notes, archived, hyperparams, initial_params)
      SELECT id, experiment_id, name, status, config, seed, dataset, architecture, created_at, started_at,
        finished_at, step, epoch, error, last_metrics, tags, notes, archived, hyperparams, initial_params
      FROM runs;
    DROP TABLE runs;
    ALTER TABLE runs_new RENAME TO runs;
    CREATE INDEX runs_by_experiment ON runs(experiment_id);
    CREATE INDEX runs_by_status ON runs(status);

    CREATE TABLE artifacts_new (
      id         INTEGER PRIMARY KEY AUTOINCREMENT,
      run_id     INTEGER REFERENCES runs(id) ON DELETE CASCADE,
      kind       TEXT    NOT NULL,
      json       TEXT,
      data       BLOB,
      created_at INTEGER NOT NULL
    );
    INSERT INTO artifacts_new (id, run_id, kind, json, data, created_at)
      SELECT id, run_id, kind, json, data, created_at FROM artifacts;
    DROP TABLE artifacts;
    ALTER TABLE artifacts_new RENAME TO artifacts;
    CREATE INDEX artifacts_by_run_kind ON artifacts(run_id, kind);
  `),
  // 4: every run and experiment gets a globally unique uid (issue #18), so a run exported as a
  // bundle and imported elsewhere, once or many times, is recognized as the same run, and the
  // trials of a sweep trained on different machines meet in one experiment (a sweep's id is its
  // experiment's uid). A trigger gives each new row one, whichever code inserts it; a row that
  // arrives with its uid (an import) keeps it. Rows stored before this migration get a uid
  // derived from what they are (see legacyUid), so two copies of one data folder, migrated apart,
  // agree on their runs' uids.
  (db) => {
    db.exec(`
      ALTER TABLE experiments ADD COLUMN uid TEXT;
      ALTER TABLE runs ADD COLUMN uid TEXT;
    `);
    const fill = (table: 'experiments' | 'runs', fields: string): void => {
      const rows = db.prepare(`SELECT id, ${fields} FROM ${table}`).raw().all() as unknown[][];
      const update = db.prepare(`UPDATE ${table} SET uid = ? WHERE id = ?`);
      for (const row of rows) update.run(legacyUid(table, row), row[0]);
    };
    fill('experiments', 'created_at, name');
    fill('runs', 'created_at, name, config');
    db.exec(`
      CREATE UNIQUE INDEX experiments_by_uid ON experiments(uid);
      CREATE UNIQUE INDEX runs_by_uid ON runs(uid);
      CREATE TRIGGER experiments_uid AFTER INSERT ON experiments WHEN NEW.uid IS NULL
        BEGIN UPDATE experiments SET uid = ${RANDOM_UUID_SQL} WHERE id = NEW.id; END;
      CREATE TRIGGER runs_uid AFTER INSERT ON runs WHEN NEW.uid IS NULL
        BEGIN UPDATE runs SET uid = ${RANDOM_UUID_SQL} WHERE id = NEW.id; END;
    `);
  },
  // 5: a run's lineage and its learning-rate history (issue #11). `parent_run_id` is the run it
  // continued from or reran with changes (a foreign key, so run bundles remap it and deleting the
  // parent leaves the child with its kind but no link); `lineage_model` names the imported model it
  // started from. `lr_changes`: the learning rates set while it trained, [{ step, learningRate }].
  (db) => db.exec(`
    ALTER TABLE runs ADD COLUMN parent_run_id INTEGER REFERENCES runs(id) ON DELETE SET NULL;
    ALTER TABLE runs ADD COLUMN lineage TEXT CHECK (lineage IN ('continued', 'rerun', 'imported-model'));
    ALTER TABLE runs ADD COLUMN lineage_model TEXT;
    ALTER TABLE runs ADD COLUMN lr_changes TEXT NOT NULL DEFAULT '[]';
    CREATE INDEX runs_by_parent ON runs(parent_run_id);
  `),
  // 6: histograms over training (issue #14): each checkpoint keeps its layers' weights, biases,
  // gradients and activations as bins (tracking/histograms.ts), as JSON; null for checkpoints
  // stored before, or whose histograms could not be taken. A column of checkpoints, so run
  // bundles carry it with no change.
  (db) => db.exec(`
    ALTER TABLE checkpoints ADD COLUMN histograms TEXT;
  `),
];

export const SCHEMA_VERSION = MIGRATIONS.length;

interface Orphan { table: string; rowid: number | null; parent: string; fkid: number }
const orphans = (db: Database): Orphan[] => db.pragma('foreign_key_check') as Orphan[];
const key = (o: Orphan): string => `${o.table} row ${o.rowid} -> ${o.parent} (${o.fkid})`;

/**
 * Applies the migrations after the file's version, each in its own transaction with its
 * version bump, so a crash leaves the file at a consistent version. `upTo` exists for tests
 * that build an older schema.
 *
 * Foreign keys are off while migrating (SQLite ignores the pragma inside a transaction, so it
 * is switched here, around them): a table rebuild drops a parent table, which with foreign
 * keys on would delete every child row. Instead each migration ends with
 * `PRAGMA foreign_key_check` and rolls back if it left a row pointing nowhere.
 */
export function migrate(db: Database, upTo = SCHEMA_VERSION): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > SCHEMA_VERSION) {
    throw new Error(`the database was written by a newer Backprop Lab (schema ${current}, this version knows ${SCHEMA_VERSION})`);
  }
  if (current >= upTo) return;
  const foreignKeys = db.pragma('foreign_keys', { simple: true }) as number;
  db.pragma('foreign_keys = OFF');
  try {
    for (let version = current; version < upTo; version++) {
      db.transaction(() => {
        // rows a tool other than the app orphaned before (foreign keys are off by default in sqlite3) are not this migration's doing
        const before = new Set(orphans(db).map(key));
        MIGRATIONS[version](db);
        const broken = orphans(db).filter((o) => !before.has(key(o)));
        if (broken.length > 0) {
          throw new Error(`migration ${version + 1} left ${broken.length} row(s) without their parent (first: ${key(broken[0])})`);
        }
        db.pragma(`user_version = ${version + 1}`);
      })();
    }
  } finally {
    db.pragma(`foreign_keys = ${foreignKeys ? 'ON' : 'OFF'}`);
  }
}
