/**
 * What a user chooses for one feature visualization: the objective (which unit or class to
 * maximize) and the optimization's settings. Validated by the API (featureVis.start), stored
 * with the report and read by the feature-visualization job, as landscapeSettings.ts is for
 * landscapes.
 */
import { z } from 'zod';

/**
 * What to maximize: a unit of any dense layer (0 = first hidden layer), an output class, or a
 * channel of an image layer (imageLayer: 0 = first conv or pool layer, flatten not counted; its
 * value is the mean of the channel's map).
 */
export const FeatureObjectiveSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('unit'), layer: z.number().int().min(0), unit: z.number().int().min(0), preActivation: z.boolean().default(false) }),
  z.object({ kind: z.literal('class'), class: z.number().int().min(0), output: z.enum(['logit', 'probability']).default('logit') }),
  z.object({ kind: z.literal('channel'), imageLayer: z.number().int().min(0), channel: z.number().int().min(0) }),
]);
export type FeatureObjective = z.infer<typeof FeatureObjectiveSchema>;

/** per-feature: each input between its own min and max in the training data; global: all between the data's overall min and max. */
export const KEEP_IN_RANGE = ['per-feature', 'global', 'none'] as const;
export type KeepInRange = (typeof KEEP_IN_RANGE)[number];

/** The ranges of the numeric settings (learningRate: above 0; the others from min, or 0, to max): the schema and the form read them. */
export const FEATURE_VIS_LIMITS = {
  steps: { min: 1, max: 5000 },
  learningRate: { max: 10 },
  l2: { max: 100 },
  totalVariation: { max: 100 },
  jitter: { max: 8 },
  starts: { min: 1, max: 16 },
  count: { min: 1, max: 8 },
  diversity: { max: 100 },
} as const;
const L = FEATURE_VIS_LIMITS;

export const FeatureVisSettingsSchema = z.object({
  steps: z.number().int().min(L.steps.min).max(L.steps.max).default(256),
  learningRate: z.number().positive().max(L.learningRate.max).default(0.05),
  /** Weight of -l2 ||x||^2. */
  l2: z.number().min(0).max(L.l2.max).default(0),
  /** Weight of -tv TV(x) (image inputs only). */
  totalVariation: z.number().min(0).max(L.totalVariation.max).default(0),
  /** Largest random shift in pixels per step (image inputs only). */
  jitter: z.number().int().min(0).max(L.jitter.max).default(0),
  keepInRange: z.enum(KEEP_IN_RANGE).default('per-feature'),
  /** Random starts; the best is shown first. */
  starts: z.number().int().min(L.starts.min).max(L.starts.max).default(4),
  /** Inputs optimized together per start, pushed apart by the diversity weight. */
  count: z.number().int().min(L.count.min).max(L.count.max).default(1),
  diversity: z.number().min(0).max(L.diversity.max).default(0),
  seed: z.number().int().min(0).max(0xffffffff).default(1),
});
export type FeatureVisSettings = z.infer<typeof FeatureVisSettingsSchema>;
