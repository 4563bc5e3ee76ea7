/**
 * Stored feature visualizations and representations: artifacts of kind 'feature-vis' and
 * 'representation'. The JSON column holds only what the list shows (label, checkpoint); the
 * report itself is gzipped JSON in the BLOB, so listing reads no pictures and reopening one is
 * a single row read.
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import type { AnalysisArtifactSummary, CheckpointRef } from '../../../shared/api/featureVisDto';
import type { Store } from '../store';

export const FEATURE_VIS_ARTIFACT = 'feature-vis';
export const REPRESENTATION_ARTIFACT = 'representation';
export type ReportArtifactKind = typeof FEATURE_VIS_ARTIFACT | typeof REPRESENTATION_ARTIFACT;

interface SummaryJson { label: string; checkpoint: CheckpointRef }
interface Row { id: number; run_id: number; json: string; created_at: number }

export function createReportStore<Report>(store: Store, kind: ReportArtifactKind) {
  const { db } = store;
  const selectSummaries = db.prepare<[number, string], Row>(
    'SELECT id, run_id, json, created_at FROM artifacts WHERE run_id = ? AND kind = ? ORDER BY id DESC');
  const selectOne = db.prepare<[number, string], Row & { data: Buffer }>(
    'SELECT id, run_id, json, data, created_at FROM artifacts WHERE id = ? AND kind = ?');
  const remove = db.prepare<[number, string]>('DELETE FROM artifacts WHERE id = ? AND kind = ?');

  const summary = (row: Row): AnalysisArtifactSummary => {
    const json = JSON.parse(row.json) as SummaryJson;
    return { id: row.id, runId: row.run_id, createdAt: row.created_at, label: json.label, checkpoint: json.checkpoint };
  };

  return {
    save(runId: number, label: string, checkpoint: CheckpointRef, report: Report): number {
      const json: SummaryJson = { label, checkpoint };
      return store.artifacts.add(runId, kind, json, gzipSync(JSON.stringify(report)));
    },
    list: (runId: number): AnalysisArtifactSummary[] => selectSummaries.all(runId, kind).map(summary),
    get(id: number): (AnalysisArtifactSummary & { report: Report }) | undefined {
      const row = selectOne.get(id, kind);
      if (!row) return undefined;
      return { ...summary(row), report: JSON.parse(gunzipSync(row.data).toString('utf8')) as Report };
    },
    delete: (id: number): boolean => remove.run(id, kind).changes > 0,
  };
}
