/**
 * Experiment tracking's part of the contract (merged into apiRequestSchemas/ApiResponses in
 * contract.ts): the runs table and run metadata, compare series, sweeps, model export,
 * import and evaluation, metric export.
 */
import { z } from 'zod';
import { MAX_MODEL_BYTES, MAX_ONNX_BYTES } from './limits';
import { DatasetSpecSchema } from '../data/spec';
import { SweepSpecSchema } from '../tracking/sweep';
import { NewTrainSpecSchema } from '../training/trainSpec';
import type { RunSummary } from './dto';
import type {
  CompareSeries, ExportedFile, ImportedModel, ImportedModelDetail, ModelEvaluation, RunsTable, SweepProgress, SweepStarted,
} from './trackingDto';

const Id = z.number().int().min(1);
const Ids = z.array(Id).min(1).max(1000);
const Scalar = z.union([z.number(), z.string().max(200), z.boolean()]);

/** A trained network: a run's checkpoint (the latest when checkpointId is omitted) or an imported model. */
export const ModelRefSchema = z.object({
  runId: Id.optional(),
  checkpointId: Id.optional(),
  modelId: Id.optional(),
}).refine((r) => (r.runId === undefined) !== (r.modelId === undefined), 'give either runId (and optionally checkpointId) or modelId')
  .refine((r) => r.checkpointId === undefined || r.runId !== undefined, { message: 'checkpointId needs runId', path: ['checkpointId'] });
export type ModelRef = z.infer<typeof ModelRefSchema>;

/** Model files are JSON text (api/limits.ts). */
export const MAX_MODEL_TEXT = MAX_MODEL_BYTES;
/** ONNX files travel as base64: four characters for every three bytes. */
export const MAX_ONNX_BASE64 = Math.ceil(MAX_ONNX_BYTES / 3) * 4;

export const trackingRequestSchemas = {
  /**
   * The runs table. `filter` is the filter language (src/shared/tracking/filter.ts), `search`
   * plain words; `sort.key` is any filter field: a column (lr, status, name, durationMs...),
   * a metric (`test_acc`, `test_acc.best`) or a hyperparameter path.
   */
  'runs.table': z.object({
    experimentId: Id.optional(),
    includeArchived: z.boolean().default(false),
    filter: z.string().max(2000).default(''),
    search: z.string().max(500).default(''),
    sort: z.object({ key: z.string().min(1).max(200), direction: z.enum(['asc', 'desc']).default('desc') }).optional(),
  }),
  'runs.rename': z.object({ id: Id, name: z.string().trim().min(1).max(200) }),
  /** set replaces the tags of every run; add and remove change only the given ones. */
  'runs.setTags': z.object({ ids: Ids, tags: z.array(z.string().trim().min(1).max(50)).max(50), mode: z.enum(['set', 'add', 'remove']).default('set') }),
  'runs.setNotes': z.object({ id: Id, notes: z.string().max(20_000) }),
  'runs.archive': z.object({ ids: Ids, archived: z.boolean().default(true) }),
  /** All or nothing: refused while any of the runs is active. `confirm` must be true (the UI asked). */
  'runs.deleteMany': z.object({ ids: Ids, confirm: z.literal(true) }),
  /** "Run again with changes": the run's spec with dotted-path changes (`learningRate`, `layers.0.units`), queued as a new run. */
  'runs.rerun': z.object({
    id: Id,
    changes: z.record(z.string().min(1).max(200), Scalar).default({}),
    name: z.string().trim().min(1).max(200).optional(),
    experimentId: Id.optional(),
    /** Start from the run's latest checkpoint instead of a fresh initialization. */
    continueTraining: z.boolean().default(false),
  }),
  /** Downsampled series for the compare chart: at most about maxPoints points per run and metric. */
  'runs.series': z.object({
    ids: z.array(Id).min(1).max(50),
    names: z.array(z.string().min(1).max(100)).min(1).max(20),
    maxPoints: z.number().int().min(10).max(20_000).default(1000),
    /** Only points with from <= step <= to (for zooming in). */
    range: z.object({ from: z.number(), to: z.number() }).optional(),
  }),
  /** Every stored point of the runs' metrics as a file (CSV columns run,series,step,epoch,time,value). */
  'runs.exportMetrics': z.object({
    ids: z.array(Id).min(1).max(100),
    names: z.array(z.string().min(1).max(100)).max(100).optional(),
    format: z.enum(['csv', 'json']).default('csv'),
  }),

  /** Expands the sweep and queues its runs in an experiment (a new one named after the sweep unless experimentId is given). */
  'sweeps.start': z.object({ sweep: SweepSpecSchema, experimentId: Id.optional() }),
  /** The runs a sweep would queue, without queueing them. */
  'sweeps.preview': z.object({ sweep: SweepSpecSchema }),
  'sweeps.progress': z.object({ experimentId: Id }),

  'models.export': z.object({ model: ModelRefSchema, format: z.enum(['json', 'onnx']) }),
  /** A model file's text, or an ONNX file's bytes as base64; validated completely before anything is stored. */
  'models.import': z.object({
    text: z.string().max(MAX_MODEL_TEXT).optional(),
    onnx: z.base64().max(MAX_ONNX_BASE64).optional(),
    name: z.string().trim().min(1).max(200).optional(),
  }).refine((r) => (r.text === undefined) !== (r.onnx === undefined), 'give either text (a model file) or onnx (an ONNX file as base64)'),
  'models.list': z.object({}),
  'models.get': z.object({ id: Id }),
  'models.delete': z.object({ id: Id }),
  'models.evaluate': z.object({
    model: ModelRefSchema,
    dataset: DatasetSpecSchema,
    split: z.enum(['train', 'test', 'all']).default('all'),
    maxPredictions: z.number().int().min(0).max(10_000).default(100),
  }),
  /**
   * An imported model as a run on the spec's data set, without training (one checkpoint: the
   * model), so the analysis views open it; refused in words when the model does not fit the spec.
   */
  'models.open': z.object({ modelId: Id, spec: NewTrainSpecSchema, experimentId: Id.optional() }),
} as const;

export interface TrackingResponses {
  'runs.table': RunsTable;
  'runs.rename': RunSummary;
  'runs.setTags': { updated: number };
  'runs.setNotes': RunSummary;
  'runs.archive': { updated: number };
  'runs.deleteMany': { deleted: number };
  'runs.rerun': RunSummary;
  'runs.series': CompareSeries[];
  'runs.exportMetrics': ExportedFile;
  'sweeps.start': SweepStarted;
  'sweeps.preview': { name: string; assignment: Record<string, string | number | boolean> }[];
  'sweeps.progress': SweepProgress;
  'models.export': ExportedFile;
  'models.import': ImportedModel;
  'models.list': ImportedModel[];
  'models.get': ImportedModelDetail;
  'models.delete': { deleted: true };
  'models.evaluate': ModelEvaluation;
  'models.open': RunSummary;
}

