/**
 * The one contract between renderer and main. Every method is `domain.action`, has a zod
 * schema for its request (main validates with it: the renderer is untrusted) and a response
 * type. Both transports (Electron IPC, browser-mode WebSocket) carry exactly these.
 */
import { z } from 'zod';
import { LearningRateSchema } from '../nn/spec';
import { NewTrainSpecSchema } from '../training/trainSpec';
import { RunPaceSchema } from '../training/pace';
import { DatasetSpecSchema } from '../data/spec';
import type { ConfusionReport } from '../model/confusion';
import type { LayerHistograms } from '../tracking/histograms';

/** A run's checkpoints that kept histograms (runs recorded before issue #14's histograms have none). */
export interface RunHistograms {
  runId: number;
  checkpoints: { id: number; step: number; epoch: number; layers: LayerHistograms[] }[];
}
import type {
  AppInfo, CheckpointData, CheckpointInfo, DatasetInfo, DatasetPreview, ExperimentSummary,
  MetricSeries, RunDetail, RunSummary, ApiEvents, ApiEventName,
} from './dto';
import { ModelRefSchema, trackingRequestSchemas, type TrackingResponses } from './trackingContract';
import { ParamsSchema, playgroundRequestSchemas, type PlaygroundResponses } from './playgroundContract';
import { analysisRequestSchemas, type AnalysisResponses } from './analysisContract';
import { landscapeRequestSchemas, type LandscapeResponses } from './landscapeContract';
import { featureVisRequestSchemas, type FeatureVisResponses } from './featureVisContract';
import { bundleRequestSchemas, type BundleResponses } from './bundleContract';

const Id = z.number().int().min(1);
const RunRef = z.object({ id: Id });

export const apiRequestSchemas = {
  'app.info': z.object({}),

  'experiments.list': z.object({}),
  'experiments.create': z.object({ name: z.string().trim().min(1).max(200) }),

  'datasets.list': z.object({}),
  'datasets.preview': z.object({ spec: DatasetSpecSchema, maxPoints: z.number().int().min(1).max(20_000).default(2000) }),

  'runs.list': z.object({ experimentId: Id.optional() }),
  'runs.get': RunRef,
  /**
   * The starting point, instead of a fresh initialization (at most one): fromModel, a run's
   * checkpoint or an imported model; initialParams, a flat parameter vector (weights typed in
   * before training), as many as the spec's network has.
   */
  'runs.start': z.object({
    spec: NewTrainSpecSchema, experimentId: Id.optional(), fromModel: ModelRefSchema.optional(), initialParams: ParamsSchema.optional(),
    /** How the run is driven, not what it computes: paused at its initialization, steps per second (not stored). */
    pace: RunPaceSchema.optional(),
    /** The run this one repeats with changes ("Run again with changes…"): stored as its lineage. */
    rerunOf: Id.optional(),
  }),
  'runs.pause': RunRef,
  'runs.resume': RunRef,
  /** One mini-batch or one epoch, then paused again. */
  'runs.step': z.object({ id: Id, unit: z.enum(['batch', 'epoch']).default('batch') }),
  'runs.stop': RunRef,
  /** Changes the base learning rate of a running or paused run from its next step on. */
  'runs.setLearningRate': z.object({ id: Id, learningRate: LearningRateSchema }),
  'runs.delete': RunRef,
  'runs.metrics': z.object({ id: Id, names: z.array(z.string()).optional() }),
  'runs.checkpoints': RunRef,
  'runs.checkpoint': z.object({ id: Id, checkpointId: Id.optional() }),
  /** Each checkpoint's histograms of every layer's weights, biases, gradients and activations, in step order. */
  'runs.histograms': RunRef,
  /** A classification run's confusion matrix on a split at a checkpoint (the latest when omitted) and its most confident mistakes. */
  'runs.confusion': z.object({ id: Id, checkpointId: Id.optional(), split: z.enum(['train', 'test']).default('test'), maxExamples: z.number().int().min(0).max(100).default(24) }),
  ...trackingRequestSchemas,
  ...playgroundRequestSchemas,
  ...analysisRequestSchemas,
  ...landscapeRequestSchemas,
  ...featureVisRequestSchemas,
  ...bundleRequestSchemas,
} as const;

export type ApiMethod = keyof typeof apiRequestSchemas;
/** What a caller passes (defaults may be omitted). */
export type ApiRequest<M extends ApiMethod> = z.input<(typeof apiRequestSchemas)[M]>;
/** What a handler receives after validation (defaults filled in). */
export type ApiParsedRequest<M extends ApiMethod> = z.output<(typeof apiRequestSchemas)[M]>;

export interface ApiResponses extends TrackingResponses, PlaygroundResponses, AnalysisResponses, LandscapeResponses, FeatureVisResponses, BundleResponses {
  'app.info': AppInfo;
  'experiments.list': ExperimentSummary[];
  'experiments.create': ExperimentSummary;
  'datasets.list': DatasetInfo[];
  'datasets.preview': DatasetPreview;
  'runs.list': RunSummary[];
  'runs.get': RunDetail;
  'runs.start': RunSummary;
  'runs.pause': RunSummary;
  'runs.resume': RunSummary;
  'runs.step': RunSummary;
  'runs.stop': RunSummary;
  'runs.setLearningRate': RunSummary;
  'runs.delete': { deleted: true };
  'runs.metrics': MetricSeries[];
  'runs.checkpoints': CheckpointInfo[];
  'runs.checkpoint': CheckpointData;
  'runs.confusion': ConfusionReport;
  'runs.histograms': RunHistograms;
}

export const API_METHODS = Object.keys(apiRequestSchemas) as ApiMethod[];

/** The handlers main implements: one function per method, given the validated request. */
export type ApiHandlers = { [M in ApiMethod]: (req: ApiParsedRequest<M>) => Promise<ApiResponses[M]> | ApiResponses[M] };

type DomainOf<M extends string> = M extends `${infer D}.${string}` ? D : never;
export type ApiDomain = DomainOf<ApiMethod>;

/** The domain-shaped object the renderer calls: `api.runs.start({ spec })`. */
export type DomainApi = {
  [D in ApiDomain]: {
    [M in ApiMethod as M extends `${D}.${infer A}` ? A : never]: (req: ApiRequest<M>) => Promise<ApiResponses[M]>;
  };
};

export type EventHandler<E extends ApiEventName> = (payload: ApiEvents[E]) => void;

/** What the preload exposes on `window.api` and the browser client implements. */
export interface BackpropApi extends DomainApi {
  on<E extends ApiEventName>(event: E, handler: EventHandler<E>): () => void;
}

/** The Electron IPC channel of a method; the preload refuses anything else. */
export const ipcChannel = (method: ApiMethod): string => `app:${method}`;
export const IPC_EVENT_CHANNEL = 'app:event';
