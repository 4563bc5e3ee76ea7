/**
 * Feature visualization's and hidden representations' part of the contract (merged into
 * apiRequestSchemas/ApiResponses in contract.ts). Computing runs as an analysis job (progress
 * and cancel through `job.progress` / `jobs.cancel`); results are artifacts of the run.
 */
import { z } from 'zod';
import type { AnalysisJobStatus } from './analysisDto';
import type { AnalysisArtifactSummary, FeatureVisArtifact, FeatureVisContext, RepresentationArtifact } from './featureVisDto';

const Id = z.number().int().min(1);

/** What to maximize: a unit of any layer (0 = first hidden layer), or an output class. */
export const FeatureObjectiveSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('unit'), layer: z.number().int().min(0), unit: z.number().int().min(0), preActivation: z.boolean().default(false) }),
  z.object({ kind: z.literal('class'), class: z.number().int().min(0), output: z.enum(['logit', 'probability']).default('logit') }),
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

const SplitName = z.enum(['train', 'test']);

/** Checkpoints the evolution strip and the representation slider use at most (evenly spread, first and last kept). */
export const MAX_ANALYSIS_CHECKPOINTS = 16;

export const featureVisRequestSchemas = {
  /** The run's network, input layout, checkpoints and (for images) first-layer weight pictures. */
  'featureVis.context': z.object({ runId: Id, checkpointId: Id.optional() }),
  /** Queues activation maximization of one unit, with its dataset examples, the plane heatmap for 2-D inputs and the evolution over checkpoints. */
  'featureVis.start': z.object({
    runId: Id,
    /** The run's latest checkpoint when omitted. */
    checkpointId: Id.optional(),
    objective: FeatureObjectiveSchema,
    settings: FeatureVisSettingsSchema.default(FeatureVisSettingsSchema.parse({})),
    examples: z.object({ split: SplitName.default('test'), k: z.number().int().min(1).max(25).default(9) }).default({ split: 'test', k: 9 }),
    evolution: z.boolean().default(true),
  }),
  'featureVis.list': z.object({ runId: Id }),
  'featureVis.get': z.object({ id: Id }),
  'featureVis.delete': z.object({ id: Id }),

  /** Queues a layer's hidden representation of the data at each checkpoint. */
  'representations.start': z.object({
    runId: Id,
    layer: z.number().int().min(0),
    split: SplitName.default('test'),
    maxPoints: z.number().int().min(10).max(5000).default(1500),
    preActivation: z.boolean().default(false),
  }),
  'representations.list': z.object({ runId: Id }),
  'representations.get': z.object({ id: Id }),
  'representations.delete': z.object({ id: Id }),
} as const;

export interface FeatureVisResponses {
  'featureVis.context': FeatureVisContext;
  'featureVis.start': AnalysisJobStatus;
  'featureVis.list': AnalysisArtifactSummary[];
  'featureVis.get': FeatureVisArtifact;
  'featureVis.delete': { deleted: true };
  'representations.start': AnalysisJobStatus;
  'representations.list': AnalysisArtifactSummary[];
  'representations.get': RepresentationArtifact;
  'representations.delete': { deleted: true };
}
