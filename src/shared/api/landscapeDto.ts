/** Stored loss landscapes as the API returns them. Non-finite losses (a diverging corner) travel as null. */
import type { LandscapeSettings } from '../analysis/landscape/landscapeSettings';

export interface LandscapeSummary {
  /** The artifact's id. */
  id: number;
  runId: number;
  createdAt: number;
  settings: LandscapeSettings;
  dimensions: 1 | 2;
  /** Coefficient ranges actually used (for pathPlane the path's, not settings.range). */
  alphaRange: [number, number];
  betaRange: [number, number] | null;
  /** The run's checkpoint at the centre (its latest when the landscape was computed). */
  checkpointStep: number;
  checkpointEpoch: number;
  /** L(final parameters) on the split. */
  centerLoss: number;
  centerAccuracy: number | null;
  minLoss: number | null;
  maxLoss: number | null;
  /** pathPlane: the fraction of the path's variance along the two directions. */
  explainedVarianceRatio: [number, number] | null;
  /**
   * pathPlane: the path is a line, so the second axis carries none of it (its ratio is 0) and
   * the plot should say so. From LandscapePath.pathIsLine; absent for landscapes stored before it.
   */
  pathIsLine?: boolean;
  /** Examples averaged over. */
  rows: number;
  /** Wall-clock time of the computation in the worker. */
  durationMs: number;
  /** runToRun interpolation: the other run's name. */
  otherRunName: string | null;
}

export interface LandscapePathDto {
  /** Per checkpoint, its coordinates in the plane. */
  alpha: number[];
  beta: number[];
  step: number[];
  epoch: number[];
  /** The loss at the checkpoint's own parameters. */
  loss: (number | null)[];
}

export interface LandscapeData extends LandscapeSummary {
  alphas: number[];
  betas: number[] | null;
  /** Row-major over (alpha, beta) for 2-D: loss[i * betas.length + j]. */
  loss: (number | null)[];
  accuracy: (number | null)[] | null;
  endpointLoss: [number, number] | null;
  path: LandscapePathDto | null;
}
