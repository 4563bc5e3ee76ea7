/** Artifacts: results computed from a run (landscape grids, feature-vis images, exports), as JSON and/or bytes. */
import type { Db } from './connection';

export interface Artifact { id: number; runId: number | null; kind: string; json: unknown; data: Uint8Array | null; createdAt: number }

interface ArtifactRow { id: number; run_id: number | null; kind: string; json: string | null; data: Buffer | null; created_at: number }

const toArtifact = (row: ArtifactRow): Artifact => ({
  id: row.id, runId: row.run_id, kind: row.kind, json: row.json === null ? null : JSON.parse(row.json),
  data: row.data && new Uint8Array(row.data), createdAt: row.created_at,
});

export function createArtifactsRepo(db: Db) {
  const insert = db.prepare<[number | null, string, string | null, Buffer | null, number]>(
    'INSERT INTO artifacts (run_id, kind, json, data, created_at) VALUES (?, ?, ?, ?, ?)');
  const selectOne = db.prepare<[number], ArtifactRow>('SELECT * FROM artifacts WHERE id = ?');
  const selectByRun = db.prepare<[number, string], ArtifactRow>('SELECT * FROM artifacts WHERE run_id = ? AND kind = ? ORDER BY id');

  return {
    add(runId: number | null, kind: string, json: unknown, data?: Uint8Array): number {
      const bytes = data ? Buffer.from(data.buffer, data.byteOffset, data.byteLength) : null;
      return Number(insert.run(runId, kind, json === undefined ? null : JSON.stringify(json), bytes, Date.now()).lastInsertRowid);
    },
    get(id: number): Artifact | undefined {
      const row = selectOne.get(id);
      return row && toArtifact(row);
    },
    list: (runId: number, kind: string): Artifact[] => selectByRun.all(runId, kind).map(toArtifact),
  };
}
