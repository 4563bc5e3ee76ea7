/**
 * A database file the app cannot use (damaged, not SQLite, another program's, a newer
 * version's) is refused by name, with what to do, and left byte for byte as it was: through the
 * services (what a server or the app says), the CLI's reading commands and its writing `train`.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runsCommand } from '../../src/main/cli/commands/runs';
import { trainCommand, type TrainIo } from '../../src/main/cli/commands/train';
import { createAppServices } from '../../src/main/services/app';
import { LOCK_FILE } from '../../src/main/services/dataDirLock';
import { DATABASE_FILE, DatabaseUnusable } from '../../src/main/services/store';
import { SCHEMA_VERSION } from '../../src/main/services/store/migrations';
import { captureIo, tempDir, xorSpec } from './helpers';

const cases: { name: string; make: (file: string) => void; says: RegExp }[] = [
  { name: 'a file that is not SQLite', make: (file) => writeFileSync(file, 'these are not the bytes of a database'.repeat(200)), says: /is not a Backprop Lab database \(not an SQLite file, or encrypted\)/ },
  {
    name: 'a damaged database (its header intact, its pages overwritten)',
    make: (file) => {
      const db = new Database(file);
      db.exec('CREATE TABLE t (x); INSERT INTO t VALUES (1);');
      db.pragma('user_version = 1');
      db.close();
      const bytes = readFileSync(file);
      bytes.fill(0xab, 100, bytes.length);
      writeFileSync(file, bytes);
    },
    says: /is damaged|is not a Backprop Lab database/,
  },
  {
    name: "another program's SQLite database",
    make: (file) => { const db = new Database(file); db.exec('CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)'); db.close(); },
    says: /is not a Backprop Lab database \(an SQLite file of another program\)/,
  },
  {
    name: 'a database of a newer Backprop Lab',
    make: (file) => { const db = new Database(file); db.exec('CREATE TABLE runs (id INTEGER PRIMARY KEY)'); db.pragma(`user_version = ${SCHEMA_VERSION + 1}`); db.close(); },
    says: /was written by a newer Backprop Lab/,
  },
];

describe('a database the app cannot use', () => {
  let temp: ReturnType<typeof tempDir>;
  let file: string;
  beforeEach(() => {
    temp = tempDir();
    mkdirSync(temp.dir, { recursive: true });
    file = join(temp.dir, DATABASE_FILE);
  });
  afterEach(() => temp.remove());

  for (const { name, make, says } of cases) {
    it(`refuses ${name}, naming the file, and leaves it untouched`, async () => {
      make(file);
      const before = readFileSync(file);

      let refused: unknown;
      try {
        createAppServices({ dataDir: temp.dir, mode: 'browser', maxJobs: 1 });
      } catch (err) {
        refused = err;
      }
      expect(refused).toBeInstanceOf(DatabaseUnusable);
      expect((refused as Error).message).toMatch(says);
      expect((refused as Error).message).toContain(file);
      expect((refused as Error).message).toContain('left untouched');

      await expect(runsCommand(['list', '--data-dir', temp.dir], captureIo().io)).rejects.toThrow(says);
      const specFile = join(temp.dir, '..', `${temp.dir.split('/').pop()}-spec.json`);
      writeFileSync(specFile, JSON.stringify(xorSpec({ epochs: 5 })));
      const train = trainCommand(['--spec', specFile, '--data-dir', temp.dir], captureIo().io as unknown as TrainIo);
      await expect(train).rejects.toThrow(says);
      await expect(trainCommand(['--spec', specFile, '--data-dir', temp.dir], captureIo().io as unknown as TrainIo)).rejects.not.toThrow(/npm rebuild/);

      expect(readFileSync(file).equals(before)).toBe(true);
      // nothing kept the folder's lock
      expect(existsSync(join(temp.dir, LOCK_FILE))).toBe(false);
    });
  }
});
