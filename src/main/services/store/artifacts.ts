/**
 * Artifacts: results kept as JSON and/or bytes, of a run (landscape grids, feature-vis reports)
 * or of none (imported models). Each kind's shape is a codec's business (see `ArtifactCodec`);
 * this repository only stores, lists and deletes rows. Listing reads the JSON, never the bytes.
 */
import type { Db } from './connection';

/** Model files imported by the user: artifacts without a run. */
export const IMPORTED_MODEL_KIND = 'imported-model';

/** An artifact as listed: everything but its bytes. */
export interface ArtifactHeader { id: number; runId: number | null; kind: string; json: unknown; createdAt: number }
export interface Artifact extends ArtifactHeader { data: Uint8Array | null }

/** What an artifact row holds: JSON (small, read by lists) and bytes (read only when one is opened). */
export interface PackedArtifact { json: unknown; data?: Uint8Array }

/**
 * How one kind of artifact is stored: `pack` makes the row's JSON and bytes, `summary` reads a
 * listed row (JSON only), `unpack` reads a whole one.
 */
export interface ArtifactCodec<Value, Summary, Full> {
  pack(value: Value): PackedArtifact;
  summary(header: ArtifactHeader): Summary;
  unpack(artifact: Artifact): Full;
}

/** One kind of artifact seen through its codec. */
export interface ArtifactCollection<Value, Summary, Full> {
  save(runId: number | null, value: Value): number;
  /** Summaries of the run's artifacts of this kind (for null: of no run), newest first. */
  list(runId: number | null): Summary[];
  get(id: number): Full | undefined;
  delete(id: number): boolean;
}

interface HeaderRow { id: number; run_id: number | null; kind: string; json: string | null; created_at: number }
interface ArtifactRow extends HeaderRow { data: Buffer | null }

const toHeader = (row: HeaderRow): ArtifactHeader => ({
  id: row.id, runId: row.run_id, kind: row.kind, json: row.json === null ? null : JSON.parse(row.json), createdAt: row.created_at,
});
const toArtifact = (row: ArtifactRow): Artifact => ({ ...toHeader(row), data: row.data && new Uint8Array(row.data) });

export function createArtifactsRepo(db: Db) {
  const insert = db.prepare<[number | null, string, string | null, Buffer | null, number]>(
    'INSERT INTO artifacts (run_id, kind, json, data, created_at) VALUES (?, ?, ?, ?, ?)');
  const selectOne = db.prepare<[number], ArtifactRow>('SELECT id, run_id, kind, json, data, created_at FROM artifacts WHERE id = ?');
  const selectByRun = db.prepare<[number, string], HeaderRow>(
    'SELECT id, run_id, kind, json, created_at FROM artifacts WHERE run_id = ? AND kind = ? ORDER BY id DESC');
  const selectRunless = db.prepare<[string], HeaderRow>(
    'SELECT id, run_id, kind, json, created_at FROM artifacts WHERE run_id IS NULL AND kind = ? ORDER BY id DESC');
  const selectJson = db.prepare<[number, string], { json: string | null }>('SELECT json FROM artifacts WHERE id = ? AND kind = ?');
  const remove = db.prepare<[number, string]>('DELETE FROM artifacts WHERE id = ? AND kind = ?');

  const add = (runId: number | null, kind: string, json: unknown, data?: Uint8Array): number => {
    const bytes = data ? Buffer.from(data.buffer, data.byteOffset, data.byteLength) : null;
    return Number(insert.run(runId, kind, json === undefined ? null : JSON.stringify(json), bytes, Date.now()).lastInsertRowid);
  };
  /**
   * Like add, for JSON a worker already serialized (a large model file): main only stores the
   * text. Returns the id and the creation time, so the caller needs no read-back.
   */
  const addText = (runId: number | null, kind: string, jsonText: string): { id: number; createdAt: number } => {
    const createdAt = Date.now();
    return { id: Number(insert.run(runId, kind, jsonText, null, createdAt).lastInsertRowid), createdAt };
  };
  /** An artifact's JSON as stored, unparsed (a worker parses it); with a kind, only if it is of that kind. */
  const jsonText = (id: number, kind: string): string | undefined => selectJson.get(id, kind)?.json ?? undefined;
  /** One artifact; with a kind, only if it is of that kind. */
  const get = (id: number, kind?: string): Artifact | undefined => {
    const row = selectOne.get(id);
    return row && (kind === undefined || row.kind === kind) ? toArtifact(row) : undefined;
  };
  /** The artifacts of a kind of a run (or, for null, of no run), newest first, without their bytes. */
  const list = (runId: number | null, kind: string): ArtifactHeader[] =>
    (runId === null ? selectRunless.all(kind) : selectByRun.all(runId, kind)).map(toHeader);
  /** Deletes an artifact if it is of that kind; says whether it did. */
  const remove_ = (id: number, kind: string): boolean => remove.run(id, kind).changes > 0;

  return {
    add,
    addText,
    get,
    jsonText,
    list,
    delete: remove_,
    /** One kind of artifact through its codec: save, list (summaries, newest first), get, delete. */
    collection<Value, Summary, Full>(kind: string, codec: ArtifactCodec<Value, Summary, Full>): ArtifactCollection<Value, Summary, Full> {
      return {
        save(runId: number | null, value: Value): number {
          const { json, data } = codec.pack(value);
          return add(runId, kind, json, data);
        },
        list: (runId: number | null): Summary[] => list(runId, kind).map((header) => codec.summary(header)),
        get(id: number): Full | undefined {
          const artifact = get(id, kind);
          return artifact && codec.unpack(artifact);
        },
        delete: (id: number): boolean => remove_(id, kind),
      };
    },
  };
}
