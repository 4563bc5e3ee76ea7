/**
 * The schema as numbered migrations. Migration i brings a database from
 * `PRAGMA user_version = i` to `i + 1`. Never edit a released migration: append one.
 */
import type { Database } from 'better-sqlite3';

export type Migration = (db: Database) => void;

/**
 * Steps per row of metric_blocks (migration 2): each block keeps its lowest and highest point,
 * so a long series is downsampled from ~1/64 of its rows. Stored data depends on it: never change it.
 */
export const METRIC_BLOCK_STEPS = 64;

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
];

export const SCHEMA_VERSION = MIGRATIONS.length;

/**
 * Applies the migrations after the file's version, each in its own transaction with its
 * version bump, so a crash leaves the file at a consistent version. `upTo` exists for tests
 * that build an older schema.
 */
export function migrate(db: Database, upTo = SCHEMA_VERSION): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > SCHEMA_VERSION) {
    throw new Error(`the database was written by a newer Backprop Lab (schema ${current}, this version knows ${SCHEMA_VERSION})`);
  }
  for (let version = current; version < upTo; version++) {
    db.transaction(() => {
      MIGRATIONS[version](db);
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
}
