/**
 * What a user chooses for one loss landscape (issue 5): stored with the landscape, so a stored
 * grid always says how it was made. Validated by the API (landscape.compute) and read by the
 * landscape job. Ranges are coefficients of the directions: [-1, 1] with filter-normalized
 * directions means "up to one trained-weights norm away, per filter" (Li et al. 2018).
 */
import { z } from 'zod';

/**
 * surface        2-D: theta + a d1 + b d2 with random directions
 * pathPlane      2-D: the plane of the optimizer's path (top two PCA directions of the checkpoints)
 * line           1-D: theta + a d with one random direction
 * interpolation  1-D: (1 - a) theta0 + a theta1 (init to final, or run A to run B)
 */
export const LANDSCAPE_MODES = ['surface', 'pathPlane', 'line', 'interpolation'] as const;
export type LandscapeMode = (typeof LANDSCAPE_MODES)[number];

export const isTwoDimensional = (mode: LandscapeMode): boolean => mode === 'surface' || mode === 'pathPlane';

/** 201 x 201 is 40,401 full-batch evaluations: minutes for a large network, but never a typo's billions. */
export const MAX_GRID_RESOLUTION = 201;
export const MIN_RESOLUTION = 3;
export const MAX_LINE_RESOLUTION = 1001;

export const LandscapeSettingsSchema = z.object({
  mode: z.enum(LANDSCAPE_MODES),
  normalization: z.enum(['filter', 'layer', 'none']).default('filter'),
  /** Move the biases too (the paper leaves them out). */
  includeBiases: z.boolean().default(false),
  /** Seed of the random directions: the same seed gives the same directions and grid. */
  seed: z.number().int().min(0).max(0xffff_ffff).default(1),
  /** Points per axis. */
  resolution: z.number().int().min(MIN_RESOLUTION).max(MAX_LINE_RESOLUTION).default(51),
  /** Coefficient range of every axis; for pathPlane the path decides the range (with pathMargin). */
  range: z.tuple([z.number().finite(), z.number().finite()]).default([-1, 1]),
  split: z.enum(['train', 'test']).default('train'),
  /** Evaluate on the first this many examples of the split only (default: all). */
  maxRows: z.number().int().min(1).optional(),
  /** interpolation: from the run's first checkpoint to its last, or from its last to another run's last. */
  endpoints: z.enum(['initToFinal', 'runToRun']).default('initToFinal'),
  /** The other run of a runToRun interpolation. */
  otherRunId: z.number().int().min(1).optional(),
  /** pathPlane: room around the path on each side, as a fraction of its extent. */
  pathMargin: z.number().min(0).max(5).default(0.2),
}).superRefine((s, ctx) => {
  if (!(s.range[0] < s.range[1])) {
    ctx.addIssue({ code: 'custom', path: ['range'], message: `the range's lower end (${s.range[0]}) must be below its upper end (${s.range[1]})` });
  }
  if (isTwoDimensional(s.mode) && s.resolution > MAX_GRID_RESOLUTION) {
    ctx.addIssue({ code: 'custom', path: ['resolution'], message: `a 2-D grid has at most ${MAX_GRID_RESOLUTION} points per axis; got ${s.resolution}` });
  }
  if (s.mode === 'interpolation' && s.endpoints === 'runToRun' && s.otherRunId === undefined) {
    ctx.addIssue({ code: 'custom', path: ['otherRunId'], message: 'choose the second run to interpolate to' });
  }
});
export type LandscapeSettings = z.output<typeof LandscapeSettingsSchema>;
export type LandscapeSettingsInput = z.input<typeof LandscapeSettingsSchema>;
