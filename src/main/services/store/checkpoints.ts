/** Checkpoints: the flat parameter vector at a step, stored as the raw bytes of a Float64Array. */
import type { CheckpointInfo } from '../../../shared/api/dto';
import type { LayerHistograms } from '../../../shared/tracking/histograms';
import { float64Array, float64Bytes } from './blobs';
import type { Db } from './connection';

export interface Checkpoint extends CheckpointInfo { params: Float64Array }

interface InfoRow { id: number; run_id: number; step: number; epoch: number; created_at: number }
interface FullRow extends InfoRow { params: Buffer }

const toInfo = (row: InfoRow): CheckpointInfo => ({ id: row.id, runId: row.run_id, step: row.step, epoch: row.epoch, createdAt: row.created_at });

export function createCheckpointsRepo(db: Db) {
  const insert = db.prepare<[number, number, number, Buffer, number, string | null]>(
    'INSERT INTO checkpoints (run_id, step, epoch, params, created_at, histograms) VALUES (?, ?, ?, ?, ?, ?)');
  const selectHistograms = db.prepare<[number], InfoRow & { histograms: string }>(
    'SELECT id, run_id, step, epoch, created_at, histograms FROM checkpoints WHERE run_id = ? AND histograms IS NOT NULL ORDER BY step, id');
  const selectInfos = db.prepare<[number], InfoRow>(
    'SELECT id, run_id, step, epoch, created_at FROM checkpoints WHERE run_id = ? ORDER BY step, id');
  const selectOne = db.prepare<[number, number], FullRow>(
    'SELECT id, run_id, step, epoch, created_at, params FROM checkpoints WHERE run_id = ? AND id = ?');
  const selectLatest = db.prepare<[number], FullRow>(
    'SELECT id, run_id, step, epoch, created_at, params FROM checkpoints WHERE run_id = ? ORDER BY step DESC, id DESC LIMIT 1');

  const full = (row: FullRow | undefined): Checkpoint | undefined => row && { ...toInfo(row), params: float64Array(row.params) };

  return {
    add(runId: number, step: number, epoch: number, params: Float64Array, histograms: LayerHistograms[] | null = null): CheckpointInfo {
      const id = Number(insert.run(runId, step, epoch, float64Bytes(params), Date.now(), histograms && JSON.stringify(histograms)).lastInsertRowid);
      return { id, runId, step, epoch, createdAt: Date.now() };
    },
    list: (runId: number): CheckpointInfo[] => selectInfos.all(runId).map(toInfo),
    /** The checkpoints that kept histograms, in step order, with them. */
    histograms: (runId: number): (CheckpointInfo & { layers: LayerHistograms[] })[] =>
      selectHistograms.all(runId).map((row) => ({ ...toInfo(row), layers: JSON.parse(row.histograms) as LayerHistograms[] })),
    /** One checkpoint by id, or the run's latest when no id is given. */
    get: (runId: number, checkpointId?: number): Checkpoint | undefined =>
      full(checkpointId === undefined ? selectLatest.get(runId) : selectOne.get(runId, checkpointId)),
  };
}
