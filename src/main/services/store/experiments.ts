/** Experiments: named groups of runs. There is always a default one. */
import type { ExperimentSummary } from '../../../shared/api/dto';
import type { Db } from './connection';

export const DEFAULT_EXPERIMENT_NAME = 'Default';

interface ExperimentRow { id: number; name: string; created_at: number; run_count: number }

const toSummary = (row: ExperimentRow): ExperimentSummary => ({
  id: row.id, name: row.name, createdAt: row.created_at, runCount: row.run_count,
});

export function createExperimentsRepo(db: Db) {
  const selectAll = db.prepare<[], ExperimentRow>(`
    SELECT e.id, e.name, e.created_at, (SELECT count(*) FROM runs r WHERE r.experiment_id = e.id) AS run_count
    FROM experiments e ORDER BY e.id`);
  const selectOne = db.prepare<[number], ExperimentRow>(`
    SELECT e.id, e.name, e.created_at, (SELECT count(*) FROM runs r WHERE r.experiment_id = e.id) AS run_count
    FROM experiments e WHERE e.id = ?`);
  const selectFirst = db.prepare<[], { id: number }>('SELECT id FROM experiments ORDER BY id LIMIT 1');
  const insert = db.prepare<[string, number]>('INSERT INTO experiments (name, created_at) VALUES (?, ?)');
  const selectByUid = db.prepare<[string], { id: number }>('SELECT id FROM experiments WHERE uid = ?');
  const insertWithUid = db.prepare<[string, number, string]>('INSERT INTO experiments (name, created_at, uid) VALUES (?, ?, ?)');

  const create = (name: string): ExperimentSummary => {
    const id = Number(insert.run(name, Date.now()).lastInsertRowid);
    return toSummary(selectOne.get(id)!);
  };

  return {
    list: (): ExperimentSummary[] => selectAll.all().map(toSummary),
    get: (id: number): ExperimentSummary | undefined => {
      const row = selectOne.get(id);
      return row && toSummary(row);
    },
    create,
    /**
     * The experiment with this uid, created with `name` when the store has none: a sweep planned
     * for a cluster (its id is the uid) gathers its trials in one experiment in every store.
     */
    ensure: (uid: string, name: string): ExperimentSummary => {
      const id = selectByUid.get(uid)?.id ?? Number(insertWithUid.run(name, Date.now(), uid).lastInsertRowid);
      return toSummary(selectOne.get(id)!);
    },
    /** The experiment runs go to when none is named; created on first use. */
    defaultId: (): number => selectFirst.get()?.id ?? create(DEFAULT_EXPERIMENT_NAME).id,
  };
}
