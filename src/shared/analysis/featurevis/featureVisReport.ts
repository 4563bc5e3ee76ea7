/**
 * Everything the feature-visualization view shows for one unit, computed in one job (the
 * analysis worker runs it; tests call it directly): activation maximization from several
 * starts, the dataset examples that excite the unit most and slightly, the unit over the plane
 * for 2-D inputs, and the same optimization at each earlier checkpoint (the evolution strip),
 * all from the same seed so the strip shows the weights changing, not the starting point.
 */
import type { Dataset, DatasetSpec, Split } from '../../data/spec';
import type { FeatureObjective, FeatureVisSettings } from './featureVisSettings';
import type { CheckpointRef, EvolutionFrame, ExampleDto, FeatureVisReport, InputLayout, PlaneHeatmap } from './reportTypes';
import { Network } from '../../nn/network';
import type { NetworkSpec } from '../../nn/spec';
import { featureBounds, type FeatureBounds } from './bounds';
import type { JobControl } from '../control';
import { datasetExamples } from './datasetExamples';
import { visualizeFeature, type FeatureVisOptions } from './featureVis';
import { inputLayout } from './inputLayout';
import { resolveObjective } from './objective';
import { rowLabels, roundArray, roundNumber } from './reportValues';
import { objectiveLabel } from './unitLabels';
import { unitActivations } from './unitActivations';

export interface CheckpointParams extends CheckpointRef { params: Float64Array }

export interface FeatureVisJobRequest {
  /** The run's data (the worker builds it: seeded, so the very rows it trained on). */
  dataset: DatasetSpec;
  spec: NetworkSpec;
  checkpoint: CheckpointParams;
  objective: FeatureObjective;
  settings: FeatureVisSettings;
  examples: { split: 'train' | 'test'; k: number };
  /** Earlier (and later) checkpoints for the evolution strip, in step order; may include `checkpoint`. */
  evolution: CheckpointParams[];
}

/** Cells per side of the 2-D heatmap, and how far it reaches past the data (fraction of its extent). */
const PLANE_RESOLUTION = 80;
const PLANE_MARGIN = 0.1;
const PLANE_POINTS = 400;

/** Which settings need a picture, with the message that names what to change. */
export function settingsProblem(settings: FeatureVisSettings, layout: InputLayout): string | null {
  if (layout.kind === 'image') return null;
  if (settings.totalVariation > 0) return 'settings.totalVariation: total variation needs image inputs; set it to 0 for this run';
  if (settings.jitter > 0) return 'settings.jitter: jitter needs image inputs; set it to 0 for this run';
  return null;
}

export function featureVisReport(dataset: Dataset, request: FeatureVisJobRequest, control?: JobControl): FeatureVisReport {
  const began = Date.now();
  const { spec, settings, objective } = request;
  const layout = inputLayout(dataset.name, dataset.inputNames);
  const problem = settingsProblem(settings, layout);
  if (problem) throw new Error(problem);
  const net = new Network(spec, request.checkpoint.params);
  const bounds = rangeBounds(dataset.train, spec.inputs, settings.keepInRange);
  const options: FeatureVisOptions = {
    objective,
    steps: settings.steps,
    learningRate: settings.learningRate,
    l2: settings.l2,
    totalVariation: settings.totalVariation > 0 ? { weight: settings.totalVariation } : undefined,
    image: layout.kind === 'image' ? { width: layout.width, height: layout.height } : undefined,
    jitter: settings.jitter,
    starts: settings.starts,
    count: settings.count,
    diversity: settings.diversity,
    seed: settings.seed,
    bounds,
  };
  const evolution = request.evolution;
  const mainWork = settings.starts * settings.steps;
  const total = mainWork + evolution.length * settings.steps + 1;
  const offset = (base: number): JobControl => ({
    onProgress: (done) => control?.onProgress?.(base + done, total),
    shouldCancel: control?.shouldCancel,
  });

  const result = visualizeFeature(net, options, offset(0));
  const split = dataset[request.examples.split];
  const values = objectiveValues(net, split, objective);
  const found = datasetExamples(values, { k: request.examples.k });
  const labels = rowLabels(split, dataset);
  const example = (e: { index: number; activation: number }): ExampleDto => ({
    index: e.index,
    activation: roundNumber(e.activation),
    x: roundArray(split.x.subarray(e.index * spec.inputs, (e.index + 1) * spec.inputs)),
    label: labels[e.index],
  });

  const frames: EvolutionFrame[] = [];
  evolution.forEach((checkpoint, f) => {
    const atCheckpoint = new Network(spec, checkpoint.params);
    const run = visualizeFeature(atCheckpoint, { ...options, starts: 1, count: 1, diversity: 0 }, offset(mainWork + f * settings.steps));
    const start = run.starts[0];
    frames.push({
      checkpoint: { id: checkpoint.id, step: checkpoint.step, epoch: checkpoint.epoch },
      input: roundArray(start.inputs[0]),
      value: roundNumber(start.values[0]),
      outputs: roundArray(start.outputs[0]),
    });
  });

  const plane = layout.kind === 'plane' ? planeHeatmap(net, objective, dataset) : null;
  control?.onProgress?.(total, total);
  const { min, max } = valueRange(dataset.train, spec.inputs);
  return {
    objective,
    objectiveLabel: objectiveLabel(objective, spec, dataset.outputNames),
    settings,
    checkpoint: { id: request.checkpoint.id, step: request.checkpoint.step, epoch: request.checkpoint.epoch },
    layout,
    range: { min, max },
    outputNames: dataset.outputNames,
    classes: dataset.task === 'classification' ? dataset.classes ?? null : null,
    starts: result.starts.map((s) => ({
      inputs: s.inputs.map(roundArray),
      values: roundArray(s.values),
      objective: roundNumber(s.objective),
      outputs: s.outputs.map(roundArray),
      trajectory: roundArray(s.trajectory),
    })),
    best: result.best,
    examples: {
      split: request.examples.split,
      slightTarget: Number.isNaN(found.slightTarget) ? null : roundNumber(found.slightTarget),
      top: found.top.map(example),
      slight: found.slight.map(example),
      bottom: found.bottom.map(example),
      stats: stats(values),
    },
    plane,
    evolution: frames,
    elapsedMs: Date.now() - began,
  };
}

/** The objective's value (s v + o, regularizers excluded) for every row of a split. */
export function objectiveValues(net: Network, split: Split, objective: FeatureObjective): Float64Array {
  const resolved = resolveObjective(net, objective);
  const values = unitActivations(net, split, resolved.unit);
  for (let r = 0; r < values.length; r++) values[r] = resolved.sign * values[r] + resolved.offset;
  return values;
}

function rangeBounds(train: Split, dim: number, keep: FeatureVisSettings['keepInRange']): FeatureBounds | undefined {
  if (keep === 'none') return undefined;
  if (keep === 'per-feature') return featureBounds(train, dim);
  const { min, max } = valueRange(train, dim);
  return { lower: new Float64Array(dim).fill(min), upper: new Float64Array(dim).fill(max) };
}

function valueRange(split: Split, dim: number): { min: number; max: number } {
  let min = Infinity;
  let max = -Infinity;
  for (let k = 0; k < split.n * dim; k++) {
    const v = split.x[k];
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return { min: roundNumber(min), max: roundNumber(max) };
}

function stats(values: Float64Array): FeatureVisReport['examples']['stats'] {
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
    sum += v;
  }
  return { min: roundNumber(min), max: roundNumber(max), mean: roundNumber(sum / Math.max(1, values.length)), rows: values.length };
}

/** The objective over a grid covering the training data plus a margin, and some training points. */
function planeHeatmap(net: Network, objective: FeatureObjective, dataset: Dataset): PlaneHeatmap {
  const { train } = dataset;
  const bounds = featureBounds(train, 2);
  const pad = (i: number) => Math.max(1e-6, (bounds.upper[i] - bounds.lower[i]) * PLANE_MARGIN);
  const x = { min: roundNumber(bounds.lower[0] - pad(0)), max: roundNumber(bounds.upper[0] + pad(0)) };
  const y = { min: roundNumber(bounds.lower[1] - pad(1)), max: roundNumber(bounds.upper[1] + pad(1)) };
  const n = PLANE_RESOLUTION;
  const grid = new Float64Array(n * n * 2);
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      const k = (r * n + c) * 2;
      grid[k] = x.min + ((c + 0.5) / n) * (x.max - x.min);
      grid[k + 1] = y.min + ((r + 0.5) / n) * (y.max - y.min);
    }
  }
  const values = objectiveValues(net, { x: grid, y: new Float64Array(n * n), n: n * n }, objective);
  const labels = rowLabels(train, dataset);
  const stride = Math.max(1, Math.ceil(train.n / PLANE_POINTS));
  const points: number[][] = [];
  const pointLabels: (number | null)[] = [];
  for (let r = 0; r < train.n; r += stride) {
    points.push(roundArray(train.x.subarray(r * 2, r * 2 + 2)));
    pointLabels.push(labels[r]);
  }
  return { x, y, resolution: n, values: roundArray(values), data: { x: points, label: pointLabels } };
}
