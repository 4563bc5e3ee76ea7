/**
 * From a DatasetSpec to the arrays the engine trains on:
 * rows (generated, fixed or inline) -> seeded shuffle -> train/test split -> removed and
 * extra points -> feature columns -> scaling fitted on the training split.
 */
import type { z } from 'zod';
import { mulberry32, permutation } from '../nn/rng';
import { BUILTIN_CATALOG, classesOf } from './catalog';
import { DataError } from './errors';
import { inputSize } from './inputSize';
import { copyRow, featureMapper, type RowMapper } from './features';
import type { DataSources } from './mnist';
import { applyScaling, fitScaling, isIdentity } from './scaling';
import {
  type BuiltinDatasetSpec, BUILTIN_DATASETS, type ColumnScaling, type Dataset, type DatasetInfo, type DatasetPreview, type DatasetSpec, DatasetSpecSchema,
  type InlineDatasetSpec, MAX_CSV_MAGNITUDE, type PreviewSample, type ScalingKind,
} from './spec';
import { packRows, type RawTable } from './table';

export type DatasetSpecInput = z.input<typeof DatasetSpecSchema>;

/** Everything about a set before its rows are packed: the rows, their order and how to map and scale them. */
interface Plan {
  name: string;
  task: Dataset['task'];
  table: RawTable;
  train: number[];
  test: number[];
  inputNames: string[];
  outputNames: string[];
  mapX: RowMapper;
  inputDim: number;
  classes?: number;
  scaling: ScalingKind;
}

export function buildDataset(spec: DatasetSpecInput, sources?: DataSources): Dataset {
  return materialize(plan(parseSpec(spec), sources, true));
}

/**
 * Up to `maxPoints` rows (evenly strided, split in proportion) for plotting. The points are
 * in the set's own coordinates, before feature mapping, so a plot of the plane shows them
 * where they are; scaling is applied, as the network sees the data.
 */
export function previewDataset(spec: DatasetSpecInput, maxPoints: number, sources?: DataSources): DatasetPreview {
  return previewOf(previewSample(spec, maxPoints, sources));
}

/**
 * The rows previewDataset shows, still as flat arrays: what a compute worker sends main (typed
 * arrays travel cheaply; main turns them into rows in slices, so a large preview never stalls it).
 */
export function previewSample(spec: DatasetSpecInput, maxPoints: number, sources?: DataSources): PreviewSample {
  const p = plan(parseSpec(spec), sources, false);
  const totals = { train: p.train.length, test: p.test.length };
  const total = p.train.length + p.test.length;
  const budget = Math.max(1, Math.floor(maxPoints));
  const trainShare = total === 0 ? 0 : Math.round((budget * p.train.length) / total);
  p.train = strided(p.train, Math.min(p.train.length, trainShare));
  p.test = strided(p.test, Math.min(p.test.length, budget - p.train.length));
  return { ...materialize(p), totals };
}

/** A preview sample as the API returns it, each row an array; `toRows` may be a sliced variant. */
export function previewOf(data: PreviewSample, toRows?: (values: Float64Array, n: number, dim: number) => number[][]): DatasetPreview;
export function previewOf(
  data: PreviewSample, toRows: (values: Float64Array, n: number, dim: number) => Promise<number[][]>,
): Promise<DatasetPreview>;
export function previewOf(
  data: PreviewSample, toRows: (values: Float64Array, n: number, dim: number) => number[][] | Promise<number[][]> = rowsOf,
): DatasetPreview | Promise<DatasetPreview> {
  const head = {
    name: data.name, task: data.task, inputNames: data.inputNames, outputNames: data.outputNames, totals: data.totals,
    ...(data.classes !== undefined ? { classes: data.classes } : {}),
  };
  const parts = [data.train.x, data.train.y, data.test.x, data.test.y].map((values, k) =>
    toRows(values, k < 2 ? data.train.n : data.test.n, k % 2 === 0 ? data.inputDim : data.outputDim));
  const assemble = ([tx, ty, sx, sy]: number[][][]): DatasetPreview => ({ ...head, train: { x: tx, y: ty }, test: { x: sx, y: sy } });
  return parts.some((part) => part instanceof Promise)
    ? Promise.all(parts).then(assemble)
    : assemble(parts as number[][][]);
}

export function listBuiltinDatasets(): DatasetInfo[] {
  return BUILTIN_DATASETS.map((name) => {
    const entry = BUILTIN_CATALOG[name];
    const classes = classesOf({ kind: 'builtin', name, noise: 0, testFraction: 0, seed: 1 });
    return {
      name, label: entry.label, task: entry.task, description: entry.description,
      inputDim: inputSize({ kind: 'builtin', name }),
      outputDim: classes !== undefined && classes > 2 ? classes : (entry.outputNames?.length ?? 1),
    };
  });
}

function parseSpec(spec: DatasetSpecInput): DatasetSpec {
  const parsed = DatasetSpecSchema.safeParse(spec);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new DataError(`dataset.${issue.path.join('.') || '(spec)'}: ${issue.message}`);
}

function plan(spec: DatasetSpec, sources: DataSources | undefined, withFeatures: boolean): Plan {
  return spec.kind === 'builtin' ? planBuiltin(spec, sources, withFeatures) : planInline(spec);
}

function planBuiltin(spec: BuiltinDatasetSpec, sources: DataSources | undefined, withFeatures: boolean): Plan {
  const entry = BUILTIN_CATALOG[spec.name];
  const classes = classesOf(spec);
  const rng = mulberry32(spec.seed);
  const generated = entry.make({
    samples: spec.samples ?? entry.defaultSamples ?? 0, noise: spec.noise, classes: classes ?? 2, rng, sources,
  });
  // Generated rows come out class by class, so they are always shuffled, from the same stream
  // as the generator (TASKS.md T1); fixed tables keep the lecture's order unless a split needs a shuffle.
  const shuffled = entry.generated || spec.testFraction > 0;
  let order = shuffled ? Array.from(permutation(generated.n, rng)) : identity(generated.n);
  // a set larger than the samples asked for (MNIST's 10,000 digits) gives a seeded subset of
  // that many rows: the preview, the training, the stored spec and every analysis see the same set
  if (spec.samples !== undefined && spec.samples < order.length) order = order.slice(0, spec.samples);
  const { train, test } = split(order, spec.testFraction);
  const table = withExtraPoints(generated, spec, train);
  removePoints(train, spec.removedPoints ?? []);

  const rawNames = entry.inputNames ?? (entry.rawDim === 1 ? ['x1'] : ['x1', 'x2']);
  const features = withFeatures ? spec.features : undefined;
  if (features && entry.inputNames) {
    throw new DataError(`'${spec.name}' has its own input columns (${entry.inputNames.length > 3 ? `${entry.inputNames.length} pixels` : entry.inputNames.join(', ')}); features apply to points on a line or the plane: remove "features"`);
  }
  return {
    name: spec.name, task: entry.task, table, train, test, classes,
    inputNames: features ? [...features] : [...rawNames],
    outputNames: entry.outputNames ? [...entry.outputNames] : outputNamesFor(classes),
    mapX: features ? featureMapper(features, entry.rawDim, spec.name) : copyRow(table.xDim),
    inputDim: features ? features.length : table.xDim,
    scaling: entry.scaling ?? 'none',
  };
}

function planInline(spec: InlineDatasetSpec): Plan {
  const n = spec.inputs.length;
  const xDim = spec.inputNames.length;
  const yDim = spec.outputNames.length;
  if (spec.targets.length !== n) throw new DataError(`dataset has ${n} input rows but ${spec.targets.length} target rows: give one target row per input row`);
  const x = new Float64Array(n * xDim);
  const y = new Float64Array(n * yDim);
  for (let r = 0; r < n; r++) {
    copyChecked(spec.inputs[r], x, r, spec.inputNames, 'inputs');
    copyChecked(spec.targets[r], y, r, spec.outputNames, 'targets');
  }
  if (spec.task === 'classification') {
    const bad = y.findIndex((v) => v !== 0 && v !== 1);
    if (bad >= 0) throw new DataError(`targets row ${Math.floor(bad / yDim) + 1}: classification targets are 0 or 1 (one-hot, or one 0/1 column), got ${y[bad]}`);
  }
  const order = spec.testFraction > 0 ? Array.from(permutation(n, mulberry32(spec.seed))) : identity(n);
  const { train, test } = split(order, spec.testFraction);
  return {
    name: spec.name, task: spec.task, table: { n, xDim, yDim, x, y }, train, test,
    classes: spec.task === 'classification' ? (yDim === 1 ? 2 : yDim) : undefined,
    inputNames: [...spec.inputNames], outputNames: [...spec.outputNames],
    mapX: copyRow(xDim), inputDim: xDim, scaling: spec.scaling,
  };
}

function materialize(p: Plan): Dataset {
  const train = packRows(p.table, p.train, p.inputDim, p.mapX);
  const test = packRows(p.table, p.test, p.inputDim, p.mapX);
  const data: Dataset = {
    name: p.name, task: p.task, inputDim: p.inputDim, outputDim: p.table.yDim,
    inputNames: p.inputNames, outputNames: p.outputNames, train, test,
    ...(p.classes !== undefined ? { classes: p.classes } : {}),
  };
  if (p.scaling !== 'none') {
    const inputs = fitScaling(p.scaling, train.x, train.n, p.inputDim);
    // Class targets stay 0/1; regression targets are scaled like the inputs, as in the lecture.
    const outputs: ColumnScaling[] = p.task === 'regression'
      ? fitScaling(p.scaling, train.y, train.n, p.table.yDim)
      : fitScaling('none', train.y, train.n, p.table.yDim);
    for (const s of [train, test]) {
      applyScaling(s.x, p.inputDim, inputs);
      if (!isIdentity(outputs)) applyScaling(s.y, p.table.yDim, outputs);
    }
    data.scaling = { inputs, outputs };
  }
  return data;
}

/** The first rows of the order train, the last round(n * testFraction) test. */
function split(order: number[], testFraction: number): { train: number[]; test: number[] } {
  const nTrain = order.length - Math.round(order.length * testFraction);
  return { train: order.slice(0, nTrain), test: order.slice(nTrain) };
}

/** Appends the clicked-in points to the table and to the training rows. */
function withExtraPoints(table: RawTable, spec: BuiltinDatasetSpec, train: number[]): RawTable {
  const extra = spec.extraPoints ?? [];
  if (extra.length === 0) return table;
  const n = table.n + extra.length;
  const x = new Float64Array(n * table.xDim);
  const y = new Float64Array(n * table.yDim);
  x.set(table.x);
  y.set(table.y);
  extra.forEach((point, i) => {
    if (point.x.length !== table.xDim || point.y.length !== table.yDim) {
      throw new DataError(`extraPoints[${i}] has ${point.x.length} inputs and ${point.y.length} targets; '${spec.name}' points have ${table.xDim} and ${table.yDim}`);
    }
    x.set(point.x, (table.n + i) * table.xDim);
    y.set(point.y, (table.n + i) * table.yDim);
    train.push(table.n + i);
  });
  return { ...table, n, x, y };
}

/** Removes training rows by their position in the training split (as the plane shows them). */
function removePoints(train: number[], removed: readonly number[]): void {
  const tooLarge = removed.find((i) => i >= train.length);
  if (tooLarge !== undefined) throw new DataError(`removedPoints: ${tooLarge} is past the last training point (${train.length - 1})`);
  const drop = new Set(removed);
  let kept = 0;
  for (let i = 0; i < train.length; i++) if (!drop.has(i)) train[kept++] = train[i];
  train.length = kept;
}

function copyChecked(row: readonly number[], into: Float64Array, r: number, names: readonly string[], what: string): void {
  if (row.length !== names.length) throw new DataError(`${what} row ${r + 1} has ${row.length} values; expected ${names.length} (${names.join(', ')})`);
  row.forEach((v, k) => {
    if (!Number.isFinite(v)) throw new DataError(`${what} row ${r + 1}, column '${names[k]}': ${v} is not a finite number`);
    if (Math.abs(v) > MAX_CSV_MAGNITUDE) {
      throw new DataError(`${what} row ${r + 1}, column '${names[k]}': ${v} is too large; values must lie within ±${MAX_CSV_MAGNITUDE} (MAX_CSV_MAGNITUDE), or scaling overflows`);
    }
    into[r * names.length + k] = v;
  });
}

const identity = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

const outputNamesFor = (classes: number | undefined): string[] =>
  classes !== undefined && classes > 2 ? Array.from({ length: classes }, (_, c) => `class ${c}`) : ['y'];

function strided(rows: number[], count: number): number[] {
  if (count >= rows.length) return rows;
  return Array.from({ length: count }, (_, i) => rows[Math.floor((i * rows.length) / count)]);
}

function rowsOf(values: Float64Array, n: number, dim: number): number[][] {
  return Array.from({ length: n }, (_, r) => Array.from(values.subarray(r * dim, (r + 1) * dim)));
}
