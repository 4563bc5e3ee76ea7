/**
 * Run bundles: writing some runs of the store, with everything they own, to a bundle file
 * (bundleFile.ts), and merging bundle files into the store. Rows are copied whole, every column
 * the schema has (bundleSchema.ts), with SQLite doing the copying (ATTACH, INSERT ... SELECT),
 * so 10 million metric points merge in seconds.
 *
 * Merging: a run or experiment the store already has (same uid) is left as it is; every other row
 * gets a new local id, and each reference (a metric's run, a run's experiment, a run continued
 * from another) is remapped through the ids handed out. The merge is one transaction over all the
 * files, after every file has been checked: a bad file, or any failure, leaves the store as it was.
 */
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { closeSync, copyFileSync, fsyncSync, mkdtempSync, openSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { BundleImportReport, MergedRun } from '../../../shared/api/bundleDto';
import { FINAL_STATUSES } from '../../../shared/tracking/runs';
import type { Db } from './connection';
import { BundleError } from './errors';
import { BUNDLE_TABLE_PREFIX, EXPERIMENTS, q, readSchema, RUNS, type BundleSchema, type TableShape } from './bundleSchema';
import { BUNDLE_APPLICATION_ID, BUNDLE_FORMAT, BUNDLE_FORMAT_VERSION, BUNDLE_TABLES_SQL, inspectBundle, type BundleInfo } from './bundleFile';
import { migrate, SCHEMA_VERSION } from './migrations';

/** SQLite attaches at most 10 databases to a connection; more files are first merged into staging bundles. */
const MAX_ATTACHED = 8;

export interface BundleWritten { file: string; runs: number; bytes: number }

interface MergeCounts { addedIds: number[]; alreadyPresent: number; experimentsAdded: string[]; linksDropped: number }

const nativeBinding = (): string | undefined => process.env.BACKPROP_LAB_SQLITE_BINDING || undefined;

/** A key-sorted JSON text, so equal data sets give equal fingerprints whatever the key order. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** sha256 of the run's data set as its spec describes it (a built-in with its parameters and seed, or the inline rows). */
export function datasetFingerprint(config: string): string {
  let dataset: unknown = null;
  try {
    dataset = (JSON.parse(config) as { dataset?: unknown }).dataset ?? null;
  } catch {
    // a stored spec that is not JSON has no data set to fingerprint; the run still travels
  }
  return `sha256:${createHash('sha256').update(canonicalJson(dataset)).digest('hex')}`;
}

/** An empty bundle file: the store's schema, the bundle's own tables, marked as a bundle. */
function createBundleFile(file: string): void {
  rmSync(file, { force: true });
  const db = new Database(file, { nativeBinding: nativeBinding() });
  try {
    db.pragma('journal_mode = OFF');
    db.pragma(`application_id = ${BUNDLE_APPLICATION_ID}`);
    migrate(db);
    db.exec(BUNDLE_TABLES_SQL);
  } finally {
    db.close();
  }
}

function fsyncFile(file: string): void {
  const fd = openSync(file, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export function createBundles(db: Db, defaultExperimentId: () => number) {
  /** Rows of the store's tables under `alias` (an attached bundle), all columns. */
  const columnList = (t: TableShape, withRowid = true): string[] => t.columns.filter((c) => withRowid || c !== t.rowid);
  const rowidOf = (t: TableShape): string => t.rowid ?? 'rowid';

  function writeInfo(alias: string, entries: Record<string, string>): void {
    const put = db.prepare(`INSERT OR REPLACE INTO ${q(alias)}.${BUNDLE_TABLE_PREFIX}info (key, value) VALUES (?, ?)`);
    for (const [key, value] of Object.entries(entries)) put.run(key, value);
  }

  function rowCounts(alias: string, schema: BundleSchema): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const t of schema.tables.values()) {
      if (t.name === EXPERIMENTS || t.name === RUNS || schema.owned.includes(t)) {
        counts[t.name] = (db.prepare(`SELECT count(*) AS n FROM ${q(alias)}.${q(t.name)}`).get() as { n: number }).n;
      }
    }
    return counts;
  }

  /** Copies the selected runs (temp.bundle_selection) and what they own into the attached bundle `bundle`. */
  function copyInto(schema: BundleSchema): void {
    const runs = schema.tables.get(RUNS)!;
    const copy = (t: TableShape, where: string, orderBy = ''): void => {
      const cols = columnList(t).map(q).join(', ');
      db.exec(`INSERT OR IGNORE INTO bundle.${q(t.name)} (${cols}) SELECT ${cols} FROM main.${q(t.name)} WHERE ${where}${orderBy}`);
    };
    copy(runs, `${rowidOf(runs)} IN (SELECT id FROM temp.bundle_selection)`);
    // what runs refer to and do not own: their experiment (a sweep)
    for (const fk of runs.foreignKeys) {
      const parent = schema.tables.get(fk.parent);
      if (!parent || fk.parent === RUNS || schema.owned.includes(parent)) continue;
      copy(parent, `${rowidOf(parent)} IN (SELECT ${q(fk.column)} FROM bundle.${q(RUNS)})`);
    }
    for (const t of schema.owned) {
      const parent = schema.tables.get(t.owner!.parent)!;
      // grouped by run: the merge then appends each run's rows to the store's indexes in order
      copy(t, `${q(t.owner!.column)} IN (SELECT ${rowidOf(parent)} FROM bundle.${q(parent.name)})`, ` ORDER BY ${q(t.owner!.column)}`);
    }
    const bundled = [runs, ...schema.owned];
    // rows of an owned table that belong to no run but that a bundled row refers to (an imported model a run started from)
    for (const t of bundled) {
      for (const fk of t.foreignKeys) {
        const parent = schema.tables.get(fk.parent);
        if (!parent?.owner || !parent.rowid || fk === t.owner) continue;
        copy(parent, `${q(parent.rowid)} IN (SELECT ${q(fk.column)} FROM bundle.${q(t.name)}) AND ${q(parent.owner.column)} IS NULL`);
      }
    }
    // runs (or experiments) referred to but not bundled: their uids, so the reader can find them
    for (const t of [...bundled, ...[...schema.tables.values()].filter((x) => x.name === EXPERIMENTS)]) {
      for (const fk of t.foreignKeys) {
        const parent = schema.tables.get(fk.parent);
        if (!parent?.hasUid) continue;
        const id = rowidOf(parent);
        db.exec(`INSERT OR IGNORE INTO bundle.${BUNDLE_TABLE_PREFIX}refs (tbl, id, uid)
          SELECT '${parent.name}', ${q(id)}, uid FROM main.${q(parent.name)}
          WHERE ${q(id)} IN (SELECT ${q(fk.column)} FROM bundle.${q(t.name)}) AND ${q(id)} NOT IN (SELECT ${q(id)} FROM bundle.${q(parent.name)})`);
      }
    }
    const manifest = db.prepare(`INSERT INTO bundle.${BUNDLE_TABLE_PREFIX}runs (run_id, uid, name, dataset_fingerprint) VALUES (?, ?, ?, ?)`);
    for (const r of db.prepare('SELECT id, uid, name, config FROM bundle.runs ORDER BY id').all() as { id: number; uid: string; name: string; config: string }[]) {
      manifest.run(r.id, r.uid, r.name, datasetFingerprint(r.config));
    }
  }

  /**
   * Writes the runs (all when `runIds` is undefined) to `out`: first to `out.partial`, renamed
   * when complete, so an interrupted export leaves no bundle that looks whole.
   */
  function exportRuns(out: string, runIds: readonly number[] | undefined, writtenBy: string): BundleWritten {
    const existing = db.prepare('SELECT id FROM runs ORDER BY id').pluck().all() as number[];
    const ids = runIds ? [...new Set(runIds)] : existing;
    const known = new Set(existing);
    const missing = ids.filter((id) => !known.has(id));
    if (missing.length > 0) throw new BundleError(`${missing.length === 1 ? 'run' : 'runs'} ${missing.join(', ')} ${missing.length === 1 ? 'does' : 'do'} not exist (see: runs list); nothing was written`);
    if (ids.length === 0) throw new BundleError('the store has no runs to export; nothing was written');

    const partial = `${out}.partial`;
    const schema = readSchema(db);
    createBundleFile(partial);
    const foreignKeys = db.pragma('foreign_keys', { simple: true }) as number;
    try {
      db.prepare('ATTACH DATABASE ? AS bundle').run(partial);
      // a bundled run may refer to a run it does not carry (bundle_refs has its uid): no foreign key check while copying
      db.pragma('foreign_keys = OFF');
      try {
        db.pragma('bundle.journal_mode = OFF');
        db.pragma('bundle.synchronous = OFF');
        db.transaction(() => {
          db.exec('CREATE TEMP TABLE IF NOT EXISTS bundle_selection (id INTEGER PRIMARY KEY); DELETE FROM temp.bundle_selection;');
          const select = db.prepare('INSERT INTO temp.bundle_selection (id) VALUES (?)');
          for (const id of ids) select.run(id);
          copyInto(schema);
          const defaultUid = db.prepare('SELECT uid FROM main.experiments WHERE id = ?').pluck().get(defaultExperimentId()) as string | undefined;
          writeInfo('bundle', {
            format: BUNDLE_FORMAT, format_version: String(BUNDLE_FORMAT_VERSION), written_by: writtenBy,
            created_at: String(Date.now()), schema_version: String(SCHEMA_VERSION),
            row_counts: JSON.stringify(rowCounts('bundle', schema)),
            ...(defaultUid ? { default_experiment_uid: defaultUid } : {}),
          });
          db.exec('DELETE FROM temp.bundle_selection');
        })();
      } finally {
        db.pragma(`foreign_keys = ${foreignKeys ? 'ON' : 'OFF'}`);
        db.exec('DETACH DATABASE bundle');
      }
      fsyncFile(partial);
      renameSync(partial, out);
    } catch (err) {
      rmSync(partial, { force: true });
      throw err;
    }
    return { file: out, runs: ids.length, bytes: statSync(out).size };
  }

  /**
   * Merges the attached bundles `aliases` into this connection's main database, in one
   * transaction. `carryRefs`: keep references this merge cannot resolve as bundle_refs of the
   * target (the target is a staging bundle, merged into the store later).
   */
  function mergeAttached(aliases: readonly { alias: string; info: BundleInfo }[], defaultExperiment: () => number, carryRefs: boolean): MergeCounts {
    const schema = readSchema(db);
    const runs = schema.tables.get(RUNS)!;
    const report = { addedIds: [] as number[], alreadyPresent: 0, experimentsAdded: [] as string[], linksDropped: 0 };

    db.exec(`CREATE TEMP TABLE IF NOT EXISTS bundle_map (src TEXT NOT NULL, tbl TEXT NOT NULL, old INTEGER NOT NULL, new INTEGER NOT NULL, added INTEGER NOT NULL,
      PRIMARY KEY (src, tbl, old)) WITHOUT ROWID; DELETE FROM temp.bundle_map;`);
    const remember = db.prepare('INSERT INTO temp.bundle_map (src, tbl, old, new, added) VALUES (?, ?, ?, ?, ?)');
    const mapped = db.prepare<[string, string, number], number>('SELECT new FROM temp.bundle_map WHERE src = ? AND tbl = ? AND old = ?').pluck();

    /** The local id of `parent` row `ref` of bundle `alias`: through the ids handed out, else by uid (bundle_refs). */
    const resolve = (alias: string, parent: TableShape, ref: number): number | undefined => {
      const local = mapped.get(alias, parent.name, ref);
      if (local !== undefined || !parent.hasUid) return local;
      const uid = db.prepare(`SELECT uid FROM ${q(alias)}.${BUNDLE_TABLE_PREFIX}refs WHERE tbl = ? AND id = ?`).pluck().get(parent.name, ref) as string | undefined;
      return uid === undefined ? undefined : db.prepare(`SELECT ${q(rowidOf(parent))} FROM main.${q(parent.name)} WHERE uid = ?`).pluck().get(uid) as number | undefined;
    };
    /** The SQL for column `c` of bundle row `t` in the store: remapped when it refers to another row. */
    const valueSql = (alias: string, table: TableShape, column: string, deferred: Set<string>): string => {
      const fk = table.foreignKeys.find((f) => f.column === column);
      if (!fk) return `t.${q(column)}`;
      if (deferred.has(column)) return 'NULL';
      return `(SELECT new FROM temp.bundle_map WHERE src = '${alias}' AND tbl = '${fk.parent}' AND old = t.${q(column)})`;
    };
    const insertCopy = (alias: string, table: TableShape, deferred: Set<string>) => {
      const cols = columnList(table, false);
      return db.prepare(`INSERT INTO main.${q(table.name)} (${cols.map(q).join(', ')})
        SELECT ${cols.map((c) => valueSql(alias, table, c, deferred)).join(', ')} FROM ${q(alias)}.${q(table.name)} t WHERE t.${q(rowidOf(table))} = ?`);
    };

    // runs' references to runs and to owned rows are set once every bundle's rows are in (a run may continue one of another file)
    const runsDeferred = new Set(runs.foreignKeys.filter((fk) => fk.parent === RUNS || schema.owned.some((t) => t.name === fk.parent)).map((fk) => fk.column));

    for (const { alias, info } of aliases) {
      const experiments = schema.tables.get(EXPERIMENTS)!;
      const addExperiment = insertCopy(alias, experiments, new Set());
      for (const e of db.prepare(`SELECT ${q(rowidOf(experiments))} AS id, uid, name FROM ${q(alias)}.experiments ORDER BY 1`).all() as { id: number; uid: string; name: string }[]) {
        let local = db.prepare('SELECT id FROM main.experiments WHERE uid = ?').pluck().get(e.uid) as number | undefined;
        // each store has its own default experiment: runs in the writer's default land in this one's
        if (local === undefined && e.uid === info.defaultExperimentUid) local = defaultExperiment();
        if (local !== undefined) {
          remember.run(alias, EXPERIMENTS, e.id, local, 0);
          continue;
        }
        remember.run(alias, EXPERIMENTS, e.id, Number(addExperiment.run(e.id).lastInsertRowid), 1);
        report.experimentsAdded.push(e.name);
      }

      const addRun = insertCopy(alias, runs, runsDeferred);
      for (const r of db.prepare(`SELECT ${q(rowidOf(runs))} AS id, uid FROM ${q(alias)}.runs ORDER BY 1`).all() as { id: number; uid: string }[]) {
        const local = db.prepare('SELECT id FROM main.runs WHERE uid = ?').pluck().get(r.uid) as number | undefined;
        if (local !== undefined) {
          remember.run(alias, RUNS, r.id, local, 0);
          report.alreadyPresent++;
          continue;
        }
        const id = Number(addRun.run(r.id).lastInsertRowid);
        remember.run(alias, RUNS, r.id, id, 1);
        report.addedIds.push(id);
      }

      for (const t of schema.owned) {
        const owner = t.owner!;
        const cols = columnList(t, false);
        const values = cols.map((c) => (c === owner.column ? 'o.new' : valueSql(alias, t, c, new Set())));
        const fromOwned = `FROM ${q(alias)}.${q(t.name)} t JOIN temp.bundle_map o ON o.src = '${alias}' AND o.tbl = '${owner.parent}' AND o.old = t.${q(owner.column)} AND o.added = 1`;
        const insertSql = `INSERT INTO main.${q(t.name)} (${cols.map(q).join(', ')}) SELECT ${values.join(', ')}`;
        if (!(schema.isReferenced(t.name) && t.rowid)) {
          db.exec(`${insertSql} ${fromOwned}`);
          continue;
        }
        // rows other rows refer to: one at a time, remembering each new id
        const rowid = q(t.rowid);
        const addOne = db.prepare(`${insertSql} ${fromOwned} WHERE t.${rowid} = ?`);
        for (const old of db.prepare(`SELECT t.${rowid} ${fromOwned}`).pluck().all() as number[]) {
          remember.run(alias, t.name, old, Number(addOne.run(old).lastInsertRowid), 1);
        }
        // rows of no run, brought along because a run refers to them: the store's identical row if it has one
        const same = cols.filter((c) => c !== owner.column).map((c) => `m.${q(c)} IS t.${q(c)}`).join(' AND ');
        const findSame = db.prepare(`SELECT m.${rowid} FROM main.${q(t.name)} m JOIN ${q(alias)}.${q(t.name)} t ON t.${rowid} = ? WHERE m.${q(owner.column)} IS NULL AND ${same} LIMIT 1`).pluck();
        const addLoose = insertCopy(alias, t, new Set());
        for (const old of db.prepare(`SELECT ${rowid} FROM ${q(alias)}.${q(t.name)} WHERE ${q(owner.column)} IS NULL`).pluck().all() as number[]) {
          const local = findSame.get(old) as number | undefined;
          remember.run(alias, t.name, old, local ?? Number(addLoose.run(old).lastInsertRowid), local === undefined ? 1 : 0);
        }
      }
    }

    // the deferred references of the added runs, now that every run and result of every bundle is in
    let placeholder = carryRefs ? Math.min(0, db.prepare(`SELECT coalesce(min(id), 0) FROM main.${BUNDLE_TABLE_PREFIX}refs`).pluck().get() as number) - 1 : -1;
    for (const { alias } of aliases) {
      for (const column of runsDeferred) {
        const parent = schema.tables.get(runs.foreignKeys.find((fk) => fk.column === column)!.parent)!;
        const set = db.prepare(`UPDATE main.runs SET ${q(column)} = ? WHERE ${q(rowidOf(runs))} = ?`);
        const refs = db.prepare(`SELECT m.new AS id, t.${q(column)} AS ref FROM ${q(alias)}.runs t
          JOIN temp.bundle_map m ON m.src = '${alias}' AND m.tbl = 'runs' AND m.old = t.${q(rowidOf(runs))} AND m.added = 1
          WHERE t.${q(column)} IS NOT NULL`).all() as { id: number; ref: number }[];
        for (const { id, ref } of refs) {
          const local = resolve(alias, parent, ref);
          if (local !== undefined) {
            set.run(local, id);
            continue;
          }
          const uid = parent.hasUid ? db.prepare(`SELECT uid FROM ${q(alias)}.${BUNDLE_TABLE_PREFIX}refs WHERE tbl = ? AND id = ?`).pluck().get(parent.name, ref) as string | undefined : undefined;
          if (carryRefs && uid !== undefined) {
            db.prepare(`INSERT OR IGNORE INTO main.${BUNDLE_TABLE_PREFIX}refs (tbl, id, uid) VALUES (?, ?, ?)`).run(parent.name, placeholder, uid);
            set.run(placeholder--, id);
          } else {
            report.linksDropped++;
          }
        }
      }
    }

    // a run still active where it was written has no worker here, and never will
    const finals = FINAL_STATUSES.map((s) => `'${s}'`).join(', ');
    db.prepare(`UPDATE main.runs SET status = 'interrupted', finished_at = coalesce(finished_at, ?),
        error = coalesce(error, 'it was still active in the store it was exported from')
      WHERE id IN (SELECT new FROM temp.bundle_map WHERE tbl = 'runs' AND added = 1) AND status NOT IN (${finals})`).run(Date.now());
    db.exec('DELETE FROM temp.bundle_map');
    return report;
  }

  /** Attaches the files, merges them (one transaction), detaches them again. */
  function mergeFiles(sources: readonly { file: string; info: BundleInfo }[], defaultExperiment: () => number, carryRefs: boolean) {
    const attached: { alias: string; info: BundleInfo }[] = [];
    try {
      sources.forEach(({ file, info }, k) => {
        const alias = `b${k}`;
        db.prepare(`ATTACH DATABASE ? AS ${alias}`).run(file);
        attached.push({ alias, info });
      });
      return db.transaction(() => mergeAttached(attached, defaultExperiment, carryRefs)).immediate();
    } finally {
      for (const { alias } of attached) db.exec(`DETACH DATABASE ${alias}`);
    }
  }

  function importFiles(files: readonly string[]): BundleImportReport {
    if (files.length === 0) throw new BundleError('no bundle files given');
    // every file is checked before anything is written
    const infos = files.map((file) => inspectBundle(file));
    const work = mkdtempSync(join(tmpdir(), 'backprop-lab-import-'));
    try {
      let sources = infos.map((info, k) => {
        if (info.schemaVersion === SCHEMA_VERSION) return { file: info.file, info };
        // an older schema: a copy brought up to date by the store's own migrations (uids included)
        const copy = join(work, `older-${k}.bplab`);
        copyFileSync(info.file, copy);
        const old = new Database(copy, { nativeBinding: nativeBinding() });
        try {
          migrate(old);
        } catch (err) {
          throw new BundleError(`'${info.file}' is of an older schema (${info.schemaVersion}) that could not be brought up to date (${(err as Error).message}); nothing was imported`);
        } finally {
          old.close();
        }
        return { file: copy, info };
      });
      // more files than one connection attaches: merged into staging bundles first (the store is not touched)
      let stage = 0;
      while (sources.length > MAX_ATTACHED) {
        const next: typeof sources = [];
        for (let k = 0; k < sources.length; k += MAX_ATTACHED) {
          const file = join(work, `stage-${stage++}.bplab`);
          next.push({ file, info: stageBundles(file, sources.slice(k, k + MAX_ATTACHED)) });
        }
        sources = next;
      }
      const { addedIds, ...merged } = mergeFiles(sources, defaultExperimentId, false);
      const describe = db.prepare<[number], MergedRun>('SELECT r.id, r.uid, r.name, e.name AS experiment FROM runs r JOIN experiments e ON e.id = r.experiment_id WHERE r.id = ?');
      return { ...merged, files: files.map((f) => basename(f)), added: addedIds.map((id) => describe.get(id)!) };
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  }

  /** Merges `sources` into a new bundle file `file` with a connection of its own; its info says what a store needs to merge it. */
  function stageBundles(file: string, sources: readonly { file: string; info: BundleInfo }[]): BundleInfo {
    createBundleFile(file);
    const staging = new Database(file, { nativeBinding: nativeBinding() });
    try {
      staging.pragma('foreign_keys = OFF');
      let defaultId: number | undefined;
      const defaultExperiment = (): number => defaultId ??= Number(staging.prepare("INSERT INTO experiments (name, created_at) VALUES ('Default', ?)").run(Date.now()).lastInsertRowid);
      createBundles(staging, defaultExperiment).mergeInto(sources, defaultExperiment);
      const info: Record<string, string> = {
        format: BUNDLE_FORMAT, format_version: String(BUNDLE_FORMAT_VERSION), written_by: 'staging', created_at: String(Date.now()),
        schema_version: String(SCHEMA_VERSION),
      };
      const defaultUid = defaultId === undefined ? undefined : staging.prepare('SELECT uid FROM experiments WHERE id = ?').pluck().get(defaultId) as string;
      if (defaultUid) info.default_experiment_uid = defaultUid;
      const put = staging.prepare(`INSERT OR REPLACE INTO ${BUNDLE_TABLE_PREFIX}info (key, value) VALUES (?, ?)`);
      for (const [key, value] of Object.entries(info)) put.run(key, value);
      const runs = (staging.prepare('SELECT count(*) FROM runs').pluck().get() as number);
      return { file, schemaVersion: SCHEMA_VERSION, writtenBy: 'staging', createdAt: Date.now(), runs, defaultExperimentUid: defaultUid ?? null };
    } finally {
      staging.close();
    }
  }

  return {
    /** Writes a bundle of the runs (every run when `runIds` is undefined) to `out`. */
    export: exportRuns,
    /** Checks every file, then merges them all into the store in one transaction; says what it merged. */
    import: importFiles,
    /** For staging only: merges already-checked files into this connection's database. */
    mergeInto: (sources: readonly { file: string; info: BundleInfo }[], defaultExperiment: () => number): MergeCounts =>
      mergeFiles(sources, defaultExperiment, true),
  };
}
