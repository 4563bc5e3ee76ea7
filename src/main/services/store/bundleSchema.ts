/**
 * What a run bundle carries, read from the schema itself rather than listed by hand, so a column
 * or table a later migration adds travels with no change here: `experiments`, `runs`, and every
 * table that refers to runs through a foreign key (directly, or through another such table), each
 * with all its columns. Foreign keys (`REFERENCES`) are how a row's references are found and
 * remapped to the ids of the store it is merged into; a column that refers to another row must
 * declare one.
 */
import type { Db } from './connection';

export interface ForeignKey { column: string; parent: string }

export interface TableShape {
  name: string;
  columns: string[];
  /** The INTEGER PRIMARY KEY column (the rowid), renumbered on import; null for tables without one. */
  rowid: string | null;
  foreignKeys: ForeignKey[];
  /** The foreign key that says which run (or run-owned row) a row belongs to; null for runs and experiments. */
  owner: ForeignKey | null;
  /** Whether the table has a `uid` column (runs, experiments): rows recognized across stores by it. */
  hasUid: boolean;
}

export interface BundleSchema {
  tables: Map<string, TableShape>;
  /** Tables owned by runs, parents before children (checkpoints, metrics, artifacts, summaries, ...). */
  owned: TableShape[];
  /** Whether some foreign key points at this table, so its renumbered ids must be remembered. */
  isReferenced(table: string): boolean;
}

export const RUNS = 'runs';
export const EXPERIMENTS = 'experiments';
/** Tables of the bundle file itself (manifest, references), never merged into a store. */
export const BUNDLE_TABLE_PREFIX = 'bundle_';

const quote = (name: string): string => `"${name.replace(/"/g, '""')}"`;
export const q = quote;

/** The shape of the schema `schema` ('main' or an attached bundle's name) of a connection. */
export function readSchema(db: Db, schema = 'main'): BundleSchema {
  const names = (db.prepare(`SELECT name FROM ${quote(schema)}.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '${BUNDLE_TABLE_PREFIX}%' ORDER BY name`)
    .all() as { name: string }[]).map((r) => r.name);
  const tables = new Map<string, TableShape>();
  for (const name of names) {
    const info = db.prepare(`PRAGMA ${quote(schema)}.table_info(${quote(name)})`).all() as { name: string; type: string; pk: number }[];
    const keys = info.filter((c) => c.pk > 0);
    const rowid = keys.length === 1 && keys[0].type.toUpperCase() === 'INTEGER' ? keys[0].name : null;
    const foreignKeys = (db.prepare(`PRAGMA ${quote(schema)}.foreign_key_list(${quote(name)})`).all() as { from: string; table: string }[])
      .map((fk) => ({ column: fk.from, parent: fk.table }));
    tables.set(name, { name, columns: info.map((c) => c.name), rowid, foreignKeys, owner: null, hasUid: info.some((c) => c.name === 'uid') });
  }
  // owned tables: a foreign key to runs or to an owned table; found parents first
  const owned: TableShape[] = [];
  const isOwner = (parent: string): boolean => parent === RUNS || owned.some((t) => t.name === parent);
  for (let grew = true; grew;) {
    grew = false;
    for (const table of tables.values()) {
      if (table.name === RUNS || table.name === EXPERIMENTS || owned.includes(table)) continue;
      const owner = table.foreignKeys.find((fk) => isOwner(fk.parent));
      if (owner) {
        table.owner = owner;
        owned.push(table);
        grew = true;
      }
    }
  }
  const referenced = new Set([...tables.values()].flatMap((t) => t.foreignKeys.map((fk) => fk.parent)));
  return { tables, owned, isReferenced: (table) => referenced.has(table) };
}
