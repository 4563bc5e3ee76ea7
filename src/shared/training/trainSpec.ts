/**
 * A training spec: everything that determines a run. The same spec and seed give a
 * bit-identical run. Read by the CLI (`train --spec`), the API (`runs.start`) and the
 * worker, stored with the run as its config.
 */
import { z } from 'zod';
import { DatasetSpecSchema } from '../data/spec';
import {
  InitSpecSchema, LayerSpecSchema, LearningRateSchema, LossNameSchema, MAX_LAYERS, OptimizerSpecSchema,
  RegularizationSpecSchema, ScheduleSpecSchema, SeedSchema,
} from '../nn/spec';

export const TrainSpecSchema = z.object({
  name: z.string().max(200).optional(),
  dataset: DatasetSpecSchema,
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
  /** Keep a checkpoint of the parameters every this many epochs (0: automatic, about 30 spread over the run; see checkpointPlan.ts). */
  checkpointEvery: z.number().int().min(0).default(0),
});
export type TrainSpec = z.infer<typeof TrainSpecSchema>;
export type TrainSpecInput = z.input<typeof TrainSpecSchema>;
