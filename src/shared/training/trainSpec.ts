/**
 * A training spec: everything that determines a run. The same spec and seed give a
 * bit-identical run. Read by the CLI (`train --spec`), the API (`runs.start`) and the
 * worker, stored with the run as its config.
 */
import { z } from 'zod';
import { inputShape, inputSize, type InputSizeSource } from '../data/inputSize';
import { DatasetSpecSchema } from '../data/spec';
import { resolvePrecision } from '../nn/precision';
import {
  imageLayerIssues, ImageLayerSpecSchema, InitSpecSchema, LayerSpecSchema, layerLossIssues, LearningRateSchema, LossNameSchema, MAX_LAYERS, OptimizerSpecSchema,
  parameterBudgetProblem, PrecisionSchema, RegularizationSpecSchema, ScheduleSpecSchema, SeedSchema, type ImageLayerSpec, type LayerSpec, type LossName,
  type NetworkSpec, type Precision,
} from '../nn/spec';

export const TrainSpecSchema = z.object({
  name: z.string().max(200).optional(),
  dataset: DatasetSpecSchema,
  /** Conv and pooling layers over the data set's images, before the dense layers (absent: none). */
  imageLayers: z.array(ImageLayerSpecSchema).max(MAX_LAYERS).optional(),
  /** Hidden layers then the output layer; the input size comes from the dataset. */
  layers: z.array(LayerSpecSchema).min(1).max(MAX_LAYERS),
  loss: LossNameSchema,
  optimizer: OptimizerSpecSchema.default({ kind: 'sgd' }),
  learningRate: LearningRateSchema,
  schedule: ScheduleSpecSchema.default({ kind: 'constant' }),
  regularization: RegularizationSpecSchema.default({ kind: 'none', lambda: 0 }),
  init: InitSpecSchema.default({ kind: 'glorot-uniform', range: 0.5 }),
  /** Rows per mini-batch; 0 or a size at least the training set means full batch. */
  batchSize: z.number().int().min(0).max(100_000).default(0),
  epochs: z.number().int().min(1).max(1_000_000),
  /** Seeds initialization and shuffling; the dataset has its own seed. */
  seed: SeedSchema.default(1),
  shuffle: z.boolean().default(true),
  /** float32 or float64 arithmetic for training; 'auto' picks by the network's size (nn/precision.ts). */
  precision: PrecisionSchema.default('auto'),
  /** Keep a checkpoint of the parameters every this many epochs (0: automatic, about 30 spread over the run; see checkpointPlan.ts). */
  checkpointEvery: z.number().int().min(0).default(0),
});
export type TrainSpec = z.infer<typeof TrainSpecSchema>;
export type TrainSpecInput = z.input<typeof TrainSpecSchema>;

/**
 * What TrainSpecSchema alone lets through but no run can train: the rules between layers and
 * loss (softmax only on the output, bce needs sigmoid, softmax-ce needs softmax) and the
 * parameter budget (MAX_PARAMETERS, counted with the dataset's input size). Each names its field.
 */
export function trainSpecIssues(spec: { dataset: InputSizeSource; imageLayers?: readonly ImageLayerSpec[]; layers: readonly LayerSpec[]; loss: LossName; precision?: Precision }): { path: (string | number)[]; message: string }[] {
  const inputs = inputSize(spec.dataset);
  const shape = inputShape(spec.dataset);
  const issues = [...imageLayerIssues(inputs, shape, spec.imageLayers), ...layerLossIssues(spec.layers, spec.loss)];
  if (spec.precision === 'float32' && spec.imageLayers?.length) {
    issues.push({ path: ['precision'], message: 'float32 is for dense layers only: a network with conv or pooling layers trains in float64 (choose auto or float64)' });
  }
  const budget = parameterBudgetProblem({ inputs, inputShape: shape, imageLayers: spec.imageLayers, layers: spec.layers });
  if (budget) issues.push({ path: ['layers'], message: budget });
  return issues;
}

/**
 * The network a training spec describes, with `inputs` inputs (the data set's input size): its
 * image shape comes from the data set, and image layers only when the spec has some, so a
 * dense-only spec gives exactly the network it always did.
 */
export function networkSpecOf(spec: Pick<TrainSpec, 'dataset' | 'imageLayers' | 'layers' | 'loss'>, inputs: number = inputSize(spec.dataset)): NetworkSpec {
  if (!spec.imageLayers?.length) return { inputs, layers: spec.layers, loss: spec.loss };
  return { inputs, inputShape: inputShape(spec.dataset), imageLayers: spec.imageLayers, layers: spec.layers, loss: spec.loss };
}

/**
 * A spec for a new run: TrainSpecSchema plus trainSpecIssues, its precision 'auto' replaced by
 * the one it chooses for this network (nn/precision.ts), so the stored spec says what ran. Every door that starts a run
 * (runs.start, sweeps, the CLI's --spec) parses with it; a stored spec is read back with the
 * plain TrainSpecSchema, so a run stored before a rule existed stays readable.
 */
export const NewTrainSpecSchema = TrainSpecSchema.superRefine((spec, ctx) => {
  for (const issue of trainSpecIssues(spec)) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
}).transform((spec): TrainSpec => ({ ...spec, precision: resolvePrecision(spec.precision, networkSpecOf(spec)) }));

/**
 * The precision a stored run trained in: new runs store the one 'auto' chose (NewTrainSpecSchema),
 * so a stored 'auto' is a run from before float32 training existed, which trained in float64.
 */
export const trainedPrecision = (spec: Pick<TrainSpec, 'precision'>): 'float32' | 'float64' => (spec.precision === 'float32' ? 'float32' : 'float64');
