/**
 * What the Channels view shows for one input row of a conv net: every conv layer's filters as
 * pictures, every conv and pool layer's maps for that row (what each channel sees), and the
 * outputs, so that one screen goes from the pixels through each layer to the class. Forward only
 * and for one row, so it is computed on request, not as a job.
 */
import type { DatasetSpecInput } from '../../data/build';
import type { Dataset } from '../../data/spec';
import { Network } from '../../nn/network';
import type { NetworkSpec } from '../../nn/spec';
import type { CheckpointRef, ImageLayerInfo } from './reportTypes';
import { roundArray, roundNumber, rowLabels } from './reportValues';
import { imageLayerInfos } from './unitLabels';

export interface ChannelLayerDto {
  info: ImageLayerInfo;
  /** Conv layers: W[o][c][ky][kx] flat (ONNX order), with one symmetric scale for the layer; pools: null. */
  filters: { inChannels: number; kernelH: number; kernelW: number; values: number[]; maxAbs: number } | null;
  /** The row's maps, channel after channel, each height x width row-major; lowest and highest value. */
  maps: number[];
  min: number;
  max: number;
  /** Each channel's mean activation for this row (the channel objective's value). */
  means: number[];
}

export interface ChannelsReport {
  checkpoint: CheckpointRef;
  split: 'train' | 'test';
  /** The row within the split, and how many rows the split has. */
  row: number;
  rows: number;
  input: number[];
  /** The row's class, or null for regression. */
  label: number | null;
  layers: ChannelLayerDto[];
  /** The network's outputs for the row (probabilities for softmax) and the class it picks. */
  outputs: number[];
  predicted: number | null;
}

export interface ChannelsRequest {
  spec: NetworkSpec;
  checkpoint: CheckpointRef & { params: ArrayLike<number> };
  split: 'train' | 'test';
  row: number;
  rows: number;
  x: ArrayLike<number>;
  label: number | null;
  classification: boolean;
}

/** What the compute worker is given: the run's data set and network at a checkpoint, and the row to show. */
export interface ChannelsSource {
  dataset: DatasetSpecInput;
  spec: NetworkSpec;
  checkpoint: CheckpointRef & { params: ArrayLike<number> };
  split: 'train' | 'test';
  row: number;
}

/** The report for a row of the built data set; a row past the split is refused in words. */
export function channelsOfRow(source: ChannelsSource, data: Dataset): ChannelsReport {
  const split = data[source.split];
  if (source.row >= split.n) throw new Error(`row: the ${source.split} split has rows 0..${split.n - 1}, got ${source.row}`);
  const dim = source.spec.inputs;
  const x = split.x.subarray(source.row * dim, (source.row + 1) * dim);
  const y = split.y.subarray(source.row * data.outputDim, (source.row + 1) * data.outputDim);
  const label = rowLabels({ x, y, n: 1 }, data)[0];
  return channelsReport({
    spec: source.spec, checkpoint: source.checkpoint, split: source.split, row: source.row, rows: split.n, x, label,
    classification: data.task === 'classification',
  });
}

export function channelsReport(req: ChannelsRequest): ChannelsReport {
  const { spec } = req;
  const infos = imageLayerInfos(spec);
  if (infos.length === 0) throw new Error('this network has no conv or pooling layers: its first-layer weights are in Feature visualization');
  const net = new Network(spec, Float64Array.from(req.checkpoint.params));
  const maps = net.imageMaps(req.x);
  const stack = net.imageStack!;
  const layers = infos.map((info, l): ChannelLayerDto => {
    const layer = stack.layers[l];
    const [channels, h, w] = info.output;
    const map = maps[l];
    let min = Infinity;
    let max = -Infinity;
    for (const v of map) {
      if (v < min) min = v;
      if (v > max) max = v;
    }
    const means = Array.from({ length: channels }, (_, c) => {
      let sum = 0;
      for (let i = c * h * w; i < (c + 1) * h * w; i++) sum += map[i];
      return sum / (h * w);
    });
    let filters: ChannelLayerDto['filters'] = null;
    if (layer.conv) {
      let maxAbs = 0;
      for (const v of layer.W) maxAbs = Math.max(maxAbs, Math.abs(v));
      const g = layer.plan.window!;
      filters = { inChannels: layer.plan.input[0], kernelH: g.kernelH, kernelW: g.kernelW, values: roundArray(layer.W), maxAbs: roundNumber(maxAbs) };
    }
    return { info, filters, maps: roundArray(map), min: roundNumber(min), max: roundNumber(max), means: roundArray(means) };
  });
  // imageMaps ran the whole network on the row: its outputs are in the output layer already
  const top = net.layers[net.layers.length - 1];
  const outputs = Array.from(top.a.subarray(0, top.fanOut));
  let predicted: number | null = null;
  if (req.classification) {
    predicted = outputs.length === 1 ? (outputs[0] >= 0.5 ? 1 : 0) : outputs.indexOf(Math.max(...outputs));
  }
  return {
    checkpoint: { id: req.checkpoint.id, step: req.checkpoint.step, epoch: req.checkpoint.epoch },
    split: req.split, row: req.row, rows: req.rows, input: roundArray(req.x), label: req.label,
    layers, outputs: roundArray(outputs), predicted,
  };
}
