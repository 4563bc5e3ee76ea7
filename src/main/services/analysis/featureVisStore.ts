/**
 * Stored feature visualizations and representations: the codec of artifacts of kind
 * 'feature-vis' and 'representation' (the store runs the SQL). The JSON column holds only what
 * the list shows (label, checkpoint); the report itself is gzipped JSON in the BLOB, so listing
 * reads no pictures and reopening one is a single row read.
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import type { AnalysisArtifactSummary, CheckpointRef } from '../../../shared/api/featureVisDto';
import type { ArtifactCodec, ArtifactHeader, Store } from '../store';

export const FEATURE_VIS_ARTIFACT = 'feature-vis';
export const REPRESENTATION_ARTIFACT = 'representation';
export type ReportArtifactKind = typeof FEATURE_VIS_ARTIFACT | typeof REPRESENTATION_ARTIFACT;

interface SummaryJson { label: string; checkpoint: CheckpointRef }

export interface ReportInput<Report> { label: string; checkpoint: CheckpointRef; report: Report }

const summary = (header: ArtifactHeader): AnalysisArtifactSummary => {
  const json = header.json as SummaryJson;
  return { id: header.id, runId: header.runId!, createdAt: header.createdAt, label: json.label, checkpoint: json.checkpoint };
};

/** A report as list JSON (label, checkpoint) and gzipped JSON bytes, and back. */
export const reportCodec = <Report>(): ArtifactCodec<ReportInput<Report>, AnalysisArtifactSummary, AnalysisArtifactSummary & { report: Report }> => ({
  pack: ({ label, checkpoint, report }) => ({ json: { label, checkpoint } satisfies SummaryJson, data: gzipSync(JSON.stringify(report)) }),
  summary,
  unpack: (artifact) => ({ ...summary(artifact), report: JSON.parse(gunzipSync(artifact.data ?? new Uint8Array(0)).toString('utf8')) as Report }),
});

/** The stored reports of one kind: save, list (newest first), get, delete. */
export function createReportStore<Report>(store: Store, kind: ReportArtifactKind) {
  const reports = store.artifacts.collection(kind, reportCodec<Report>());
  return {
    save: (runId: number, label: string, checkpoint: CheckpointRef, report: Report): number => reports.save(runId, { label, checkpoint, report }),
    list: (runId: number): AnalysisArtifactSummary[] => reports.list(runId),
    get: (id: number): (AnalysisArtifactSummary & { report: Report }) | undefined => reports.get(id),
    delete: (id: number): boolean => reports.delete(id),
  };
}
