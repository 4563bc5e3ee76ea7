/**
 * Stored landscapes: the codec of artifacts of kind 'landscape' (the store runs the SQL). The
 * JSON holds the settings, the summary and the layout of the packed arrays (grid,
 * coefficients, path) in the BLOB, so the list reads no grid and reopening one is a single row read.
 */
import type { LandscapeJobResult } from '../../../shared/analysis/landscape/landscapeJob';
import type { LandscapeSettings } from '../../../shared/analysis/landscape/landscapeSettings';
import type { LandscapeData, LandscapeSummary } from '../../../shared/api/landscapeDto';
import type { ArtifactCodec, ArtifactHeader, Store } from '../store';
import { packArrays, unpackArrays, type ArrayLayout } from './packedArrays';

export const LANDSCAPE_ARTIFACT = 'landscape';

/** What the worker does not know but the stored landscape should say. */
export interface LandscapeContext {
  runId: number;
  settings: LandscapeSettings;
  checkpointStep: number;
  checkpointEpoch: number;
  otherRunName: string | null;
}

interface StoredJson extends Omit<LandscapeSummary, 'id' | 'runId' | 'createdAt'> {
  layout: ArrayLayout;
  endpointLoss: [number, number] | null;
  pathSteps: number[] | null;
  pathEpochs: number[] | null;
}

const finiteOrNull = (v: number): number | null => (Number.isFinite(v) ? v : null);
const toList = (values: Float64Array): (number | null)[] => Array.from(values, finiteOrNull);
const rangeOf = (values: Float64Array): [number, number] => [values[0], values[values.length - 1]];

function lossExtremes(loss: Float64Array): [number | null, number | null] {
  let min = Infinity;
  let max = -Infinity;
  for (const v of loss) {
    if (!Number.isFinite(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return min <= max ? [min, max] : [null, null];
}

/** Packs a landscape the worker computed (and what it did not know) into an artifact and back. */
export const landscapeCodec: ArtifactCodec<{ context: LandscapeContext; result: LandscapeJobResult }, LandscapeSummary, LandscapeData> = {
  pack({ context, result }) {
    const arrays: Record<string, Float64Array> = { alphas: result.alphas, loss: result.loss };
    if (result.betas) arrays.betas = result.betas;
    if (result.accuracy) arrays.accuracy = result.accuracy;
    if (result.path) {
      arrays.pathCoordinates = result.path.coordinates;
      arrays.pathLoss = result.path.loss;
    }
    const { bytes, layout } = packArrays(arrays);
    const [minLoss, maxLoss] = lossExtremes(result.loss);
    const json: StoredJson = {
      settings: context.settings,
      dimensions: result.dimensions,
      alphaRange: rangeOf(result.alphas),
      betaRange: result.betas ? rangeOf(result.betas) : null,
      checkpointStep: context.checkpointStep,
      checkpointEpoch: context.checkpointEpoch,
      centerLoss: result.centerLoss,
      centerAccuracy: result.centerAccuracy,
      minLoss, maxLoss,
      explainedVarianceRatio: result.path?.explainedVarianceRatio ?? null,
      ...(result.path ? { pathIsLine: result.path.pathIsLine } : {}),
      rows: result.rows,
      durationMs: result.durationMs,
      otherRunName: context.otherRunName,
      layout,
      endpointLoss: result.endpointLoss,
      pathSteps: result.path?.steps ?? null,
      pathEpochs: result.path?.epochs ?? null,
    };
    return { json, data: bytes };
  },

  summary: (header) => split(header).summary,

  unpack(artifact) {
    const { summary: fields, stored } = split(artifact);
    const arrays = unpackArrays(artifact.data ?? new Uint8Array(0), stored.layout);
    const coordinates = arrays.pathCoordinates;
    return {
      ...fields,
      alphas: Array.from(arrays.alphas),
      betas: arrays.betas ? Array.from(arrays.betas) : null,
      loss: toList(arrays.loss),
      accuracy: arrays.accuracy ? toList(arrays.accuracy) : null,
      endpointLoss: stored.endpointLoss,
      path: coordinates && stored.pathSteps && stored.pathEpochs ? {
        alpha: Array.from({ length: coordinates.length / 2 }, (_, i) => coordinates[2 * i]),
        beta: Array.from({ length: coordinates.length / 2 }, (_, i) => coordinates[2 * i + 1]),
        step: stored.pathSteps,
        epoch: stored.pathEpochs,
        loss: toList(arrays.pathLoss),
      } : null,
    };
  },
};

function split(header: ArtifactHeader): { summary: LandscapeSummary; stored: StoredJson } {
  const stored = header.json as StoredJson;
  const { layout: _layout, endpointLoss: _endpoints, pathSteps: _steps, pathEpochs: _epochs, ...fields } = stored;
  return { summary: { id: header.id, runId: header.runId!, createdAt: header.createdAt, ...fields }, stored };
}

/** The stored landscapes of runs: save, list (newest first), get, delete. */
export function createLandscapeStore(store: Store) {
  const landscapes = store.artifacts.collection(LANDSCAPE_ARTIFACT, landscapeCodec);
  return {
    save: (context: LandscapeContext, result: LandscapeJobResult): number => landscapes.save(context.runId, { context, result }),
    list: (runId: number): LandscapeSummary[] => landscapes.list(runId),
    get: (id: number): LandscapeData | undefined => landscapes.get(id),
    delete: (id: number): boolean => landscapes.delete(id),
  };
}
export type LandscapeStore = ReturnType<typeof createLandscapeStore>;
