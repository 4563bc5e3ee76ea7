/**
 * Feature visualization's and hidden representations' part of the contract (merged into
 * apiRequestSchemas/ApiResponses in contract.ts). Computing runs as an analysis job (progress
 * and cancel through `job.progress` / `jobs.cancel`); results are artifacts of the run.
 */
import { z } from 'zod';
import { FeatureObjectiveSchema, FeatureVisSettingsSchema } from '../analysis/featurevis/featureVisSettings';
import { UMAP_DEFAULTS } from '../analysis/featurevis/umapDefaults';
import type { ChannelsReport } from '../analysis/featurevis/channelsReport';
import type { AnalysisJobStatus } from './analysisDto';
import type { AnalysisArtifactSummary, FeatureVisArtifact, FeatureVisContext, RepresentationArtifact } from './featureVisDto';

const Id = z.number().int().min(1);

const SplitName = z.enum(['train', 'test']);

/** Checkpoints the evolution strip and the representation slider use at most (evenly spread, first and last kept). */
export const MAX_ANALYSIS_CHECKPOINTS = 16;
/** Checkpoints a UMAP of representations uses at most: each is a fit of its own. */
export const UMAP_MAX_FRAMES = 8;

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
  /** A conv net's filters, one row's maps at every conv and pool layer, and its outputs (the Channels view). */
  'featureVis.channels': z.object({ runId: Id, checkpointId: Id.optional(), split: SplitName.default('test'), row: z.number().int().min(0) }),
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
    /** A conv or pool layer's maps instead of dense layer `layer` (index into the context's imageLayers). */
    imageLayer: z.number().int().min(0).optional(),
    /** PCA, or UMAP with its settings (seeded: the same seed gives the same picture). */
    method: z.enum(['pca', 'umap']).default('pca'),
    umap: z.object({
      neighbors: z.number().int().min(2).max(100).default(UMAP_DEFAULTS.neighbors),
      minDist: z.number().min(0).max(1).default(UMAP_DEFAULTS.minDist),
      seed: z.number().int().min(0).max(0xffffffff).default(UMAP_DEFAULTS.seed),
      epochs: z.number().int().min(10).max(1000).default(UMAP_DEFAULTS.epochs),
    }).default({ ...UMAP_DEFAULTS }),
  }),
  'representations.list': z.object({ runId: Id }),
  'representations.get': z.object({ id: Id }),
  'representations.delete': z.object({ id: Id }),
} as const;

export interface FeatureVisResponses {
  'featureVis.context': FeatureVisContext;
  'featureVis.start': AnalysisJobStatus;
  'featureVis.channels': ChannelsReport;
  'featureVis.list': AnalysisArtifactSummary[];
  'featureVis.get': FeatureVisArtifact;
  'featureVis.delete': { deleted: true };
  'representations.start': AnalysisJobStatus;
  'representations.list': AnalysisArtifactSummary[];
  'representations.get': RepresentationArtifact;
  'representations.delete': { deleted: true };
}
