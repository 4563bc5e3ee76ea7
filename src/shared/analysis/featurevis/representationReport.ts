/**
 * A layer's hidden representation of the data at each checkpoint, for the slider of the
 * Representations view. PCA is computed per checkpoint, and each frame's axes are turned to
 * agree in sign with the previous frame's (an eigenvector's sign is arbitrary), so sliding
 * shows the data moving rather than the picture flipping. UMAP (umapEmbedding.ts) is fitted per
 * checkpoint with the same seed, each frame standardized and turned onto the one before.
 */
import type { RepresentationFrame, RepresentationReport } from './reportTypes';
import type { Dataset, DatasetSpec } from '../../data/spec';
import { Network } from '../../nn/network';
import type { NetworkSpec } from '../../nn/spec';
import { reportProgress, type JobControl } from '../control';
import type { CheckpointParams } from './featureVisReport';
import { rowLabels, roundArray, roundNumber } from './reportValues';
import { imageLayerValues, layerValues, representationOf } from './representations';
import { alignTo, standardize, umapEmbedding, type UmapOptions } from './umapEmbedding';
import { imageLayerInfos, layerInfos } from './unitLabels';
import { dot } from '../vectors';

export interface RepresentationJobRequest {
  dataset: DatasetSpec;
  spec: NetworkSpec;
  layer: number;
  split: 'train' | 'test';
  maxPoints: number;
  preActivation: boolean;
  /** In step order. */
  checkpoints: CheckpointParams[];
  /** A conv or pool layer instead of `layer` (index into the image layers; their maps flattened). */
  imageLayer?: number;
  /** PCA (default) or UMAP, with its settings. */
  method?: 'pca' | 'umap';
  umap?: UmapOptions;
}

/** Units named per PCA axis: the largest weights of its direction. */
const AXIS_UNITS = 3;

export function representationReport(dataset: Dataset, request: RepresentationJobRequest, control?: JobControl): RepresentationReport {
  const began = Date.now();
  const { spec, layer } = request;
  const image = request.imageLayer === undefined ? undefined : imageLayerInfos(spec)[request.imageLayer];
  if (request.imageLayer !== undefined && !image) throw new Error(`imageLayer: this network has no image layer ${request.imageLayer}`);
  const info = image
    ? { label: image.label, units: image.output[0] * image.output[1] * image.output[2] }
    : layerInfos(spec)[layer];
  if (!info) throw new Error(`layer: this network has layers 0..${spec.layers.length - 1} (0 = first hidden layer), got ${layer}`);
  if (request.checkpoints.length === 0) throw new Error('this run has no checkpoint yet: train it first');
  const split = dataset[request.split];
  if (split.n < 1) throw new Error(`the ${request.split} split is empty: pick the other split`);
  // evenly strided rows, the same for every frame
  const count = Math.min(split.n, request.maxPoints);
  const rows = Array.from({ length: count }, (_, i) => Math.floor((i * split.n) / count));
  const dim = spec.inputs;
  const x = new Float64Array(count * dim);
  rows.forEach((r, i) => x.set(split.x.subarray(r * dim, (r + 1) * dim), i * dim));
  const allLabels = rowLabels(split, dataset);
  // one network for every checkpoint, its parameters set in turn: a conv net's buffers are tens of
  // megabytes in the kernels' memory, which a synchronous job would not get back until it ends
  const net = new Network(spec);
  const valuesAt = (): { values: Float64Array; units: number } => (request.imageLayer !== undefined
    ? imageLayerValues(net, x, count, request.imageLayer)
    : layerValues(net, x, count, layer, { preActivation: request.preActivation }));

  const frames: RepresentationFrame[] = [];
  let previous: Float64Array[] | null = null;
  let kind: RepresentationReport['kind'] = 'raw';
  let dims = 2;
  const lo = [Infinity, Infinity];
  const hi = [-Infinity, -Infinity];
  const umap = request.method === 'umap' && info.units > 2 ? request.umap : undefined;
  if (request.method === 'umap' && !request.umap) throw new Error('umap: the UMAP settings are missing');
  let previousUmap: Float64Array | null = null;
  request.checkpoints.forEach((checkpoint, f) => {
    net.setParams(checkpoint.params);
    if (umap) {
      const { values, units } = valuesAt();
      const frameCount = request.checkpoints.length;
      const coordinates = umapEmbedding(values, count, units, umap, (done, total) => {
        if (done % 10 === 0 || done === total) reportProgress(control, f * total + done, frameCount * total);
      });
      standardize(coordinates);
      if (previousUmap) alignTo(coordinates, previousUmap);
      previousUmap = coordinates;
      kind = 'umap';
      for (let k = 0; k < coordinates.length; k++) {
        const a = k % 2;
        if (coordinates[k] < lo[a]) lo[a] = coordinates[k];
        if (coordinates[k] > hi[a]) hi[a] = coordinates[k];
      }
      frames.push({ checkpoint: { id: checkpoint.id, step: checkpoint.step, epoch: checkpoint.epoch }, coordinates: roundArray(coordinates), explained: null, axisUnits: null });
      return;
    }
    const rep = representationOf(valuesAt(), count);
    kind = rep.kind;
    dims = rep.dims;
    const coordinates = rep.coordinates.slice(0, count * rep.dims);
    let axisUnits: RepresentationFrame['axisUnits'] = null;
    if (rep.components) {
      const components = rep.components.map((c) => c.slice());
      if (previous) alignAxes(components, previous, coordinates, rep.dims);
      previous = components;
      axisUnits = components.map(largestWeights);
    }
    for (let r = 0; r < count; r++) {
      for (let a = 0; a < rep.dims; a++) {
        const v = coordinates[r * rep.dims + a];
        if (v < lo[a]) lo[a] = v;
        if (v > hi[a]) hi[a] = v;
      }
    }
    frames.push({
      checkpoint: { id: checkpoint.id, step: checkpoint.step, epoch: checkpoint.epoch },
      coordinates: roundArray(coordinates),
      explained: rep.explainedVarianceRatio ? roundArray(rep.explainedVarianceRatio) : null,
      axisUnits,
    });
    reportProgress(control, f + 1, request.checkpoints.length);
  });
  const axis = (a: number): [number, number] => (Number.isFinite(lo[a]) ? [roundNumber(lo[a]), roundNumber(hi[a])] : [0, 1]);
  return {
    layer,
    layerLabel: info.label,
    units: info.units,
    preActivation: request.preActivation,
    split: request.split,
    kind,
    dims,
    rows,
    labels: rows.map((r) => allLabels[r]),
    outputNames: dataset.outputNames,
    classes: dataset.task === 'classification' ? dataset.classes ?? null : null,
    frames,
    ...(umap ? { umap: { ...umap } } : {}),
    ...(request.imageLayer !== undefined ? { imageLayer: request.imageLayer } : {}),
    bounds: { x: axis(0), y: axis(1) },
    elapsedMs: Date.now() - began,
  };
}

/** Flips each axis whose direction points away from the previous frame's (components and coordinates together, in place). */
export function alignAxes(components: Float64Array[], previous: readonly Float64Array[], coordinates: Float64Array, dims: number): void {
  components.forEach((component, axis) => {
    if (dot(component, previous[axis]) >= 0) return;
    for (let k = 0; k < component.length; k++) component[k] = -component[k];
    for (let r = axis; r < coordinates.length; r += dims) coordinates[r] = -coordinates[r];
  });
}

function largestWeights(component: Float64Array): { unit: number; weight: number }[] {
  return Array.from(component, (weight, unit) => ({ unit, weight: roundNumber(weight) }))
    .sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight))
    .slice(0, AXIS_UNITS);
}
