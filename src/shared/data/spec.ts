/**
 * What a dataset is, as a spec (what to generate or what was imported) and as the
 * materialized arrays the engine trains on. Built-in names, their task and shape live
 * here once; the generators in this folder implement them.
 */
import { z } from 'zod';
import { SeedSchema } from '../nn/spec';

export const BUILTIN_DATASETS = [
  // logic gates: the four corners of the unit square
  'and', 'or', 'nand', 'xor-gate',
  // 2-D binary classification (TensorFlow Playground's sets and more)
  'circle', 'xor', 'gauss', 'spiral', 'moons',
  // 2-D multi-class
  'spiral-multi', 'blobs',
  // regression
  'plane', 'multi-gauss', 'sine', 'abs', 'step-fn',
  // the lecture's building-energy table (scaled as in the lecture)
  'energy',
  // the `mnist` package's 10,000 real digits, 28x28 in [0, 1]
  'mnist',
] as const;
export const BuiltinDatasetNameSchema = z.enum(BUILTIN_DATASETS);
export type BuiltinDatasetName = z.infer<typeof BuiltinDatasetNameSchema>;

/** Derived input features for 2-D sets, as TensorFlow Playground offers them. */
export const FEATURES = ['x1', 'x2', 'x1^2', 'x2^2', 'x1*x2', 'sin x1', 'sin x2'] as const;
export const FeatureNameSchema = z.enum(FEATURES);
export type FeatureName = z.infer<typeof FeatureNameSchema>;

export const TaskSchema = z.enum(['classification', 'regression']);
export type Task = z.infer<typeof TaskSchema>;

export const ScalingKindSchema = z.enum(['min-max', 'standardize', 'none']);
export type ScalingKind = z.infer<typeof ScalingKindSchema>;

/** Limits that keep a hostile or mistaken request from exhausting memory. */
export const MAX_SAMPLES = 100_000;
export const MIN_SAMPLES = 4;
export const MAX_NOISE = 1;
export const MIN_CLASSES = 2;
export const MAX_CLASSES = 10;
/** The largest share of rows held out for testing. */
export const MAX_TEST_FRACTION = 0.9;
/** Columns of an imported CSV: room for an MNIST-sized row of pixels plus labels. */
export const MAX_CSV_COLUMNS = 5_000;
/** Rows of an imported CSV (a header not counted): every row is kept in memory and with the run. */
export const MAX_CSV_ROWS = MAX_SAMPLES;
/** Bytes of an imported CSV file. */
export const MAX_CSV_BYTES = 50 * 1024 * 1024;
/**
 * The largest magnitude a CSV cell may have: min-max scaling subtracts two cells, which
 * overflows to Infinity past ~1.8e308, and standardizing squares deviations (past ~1e154).
 */
export const MAX_CSV_MAGNITUDE = 1e150;

export const BuiltinDatasetSpecSchema = z.object({
  kind: z.literal('builtin'),
  name: BuiltinDatasetNameSchema,
  /** Number of points for generated sets (ignored by gates, energy and mnist's fixed size). */
  samples: z.number().int().min(MIN_SAMPLES).max(MAX_SAMPLES).optional(),
  noise: z.number().min(0).max(MAX_NOISE).default(0),
  /** Classes for the multi-class sets. */
  classes: z.number().int().min(MIN_CLASSES).max(MAX_CLASSES).optional(),
  testFraction: z.number().min(0).max(MAX_TEST_FRACTION).default(0),
  seed: SeedSchema.default(1),
  features: z.array(FeatureNameSchema).min(1).optional(),
  /** Points added or removed by clicking on the plane: appended to the generated training set. */
  extraPoints: z.array(z.object({ x: z.array(z.number()), y: z.array(z.number()) })).max(10_000).optional(),
  removedPoints: z.array(z.number().int().min(0)).max(MAX_SAMPLES).optional(),
});
export type BuiltinDatasetSpec = z.infer<typeof BuiltinDatasetSpecSchema>;

/** Data given row by row: CSV imports and hand-made sets. Stored with the run, so a run can be reproduced. */
export const InlineDatasetSpecSchema = z.object({
  kind: z.literal('inline'),
  name: z.string().min(1).max(200).default('imported'),
  task: TaskSchema,
  inputNames: z.array(z.string()).min(1),
  outputNames: z.array(z.string()).min(1),
  inputs: z.array(z.array(z.number())).min(1).max(MAX_SAMPLES),
  /** Regression: one value per output; classification: one-hot rows, or a single 0/1 column. */
  targets: z.array(z.array(z.number())).min(1).max(MAX_SAMPLES),
  scaling: ScalingKindSchema.default('none'),
  testFraction: z.number().min(0).max(MAX_TEST_FRACTION).default(0),
  seed: SeedSchema.default(1),
});
export type InlineDatasetSpec = z.infer<typeof InlineDatasetSpecSchema>;

export const DatasetSpecSchema = z.discriminatedUnion('kind', [BuiltinDatasetSpecSchema, InlineDatasetSpecSchema]);
export type DatasetSpec = z.infer<typeof DatasetSpecSchema>;

/** Per-column affine scaling: scaled = (raw - offset) / scale. Kept so predictions can be shown in raw units. */
export interface ColumnScaling { offset: number; scale: number }

/** Rows packed row-major: x is n * inputDim, y is n * outputDim. */
export interface Split { x: Float64Array; y: Float64Array; n: number }

export interface Dataset {
  name: string;
  task: Task;
  inputDim: number;
  outputDim: number;
  inputNames: string[];
  outputNames: string[];
  /** Number of classes for classification (2 for a single 0/1 output). */
  classes?: number;
  train: Split;
  test: Split;
  scaling?: { inputs: ColumnScaling[]; outputs: ColumnScaling[] };
}

/** A built-in set as the dataset picker lists it. */
export interface DatasetInfo {
  name: string;
  label: string;
  task: Task;
  inputDim: number;
  outputDim: number;
  description: string;
}

/** Up to a given number of a set's rows, for plotting (previewDataset). */
export interface DatasetPreview {
  name: string;
  task: Task;
  inputNames: string[];
  outputNames: string[];
  classes?: number;
  train: { x: number[][]; y: number[][] };
  test: { x: number[][]; y: number[][] };
  /** Rows of the whole set as it trains (the preview shows at most its budget of them). */
  totals: { train: number; test: number };
}

/** The rows a preview shows, as flat arrays, and the sizes of the whole set they come from. */
export type PreviewSample = Dataset & { totals: { train: number; test: number } };
