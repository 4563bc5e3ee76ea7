/** One unit's value (z or a), or one channel's mean activation, for every row of a split, forward only, in chunks so that a large split needs little memory. */
import type { Split } from '../../data/spec';
import { Network, type ChannelObjective, type UnitObjective } from '../../nn/network';

const CHUNK_ROWS = 1024;

export function unitActivations(net: Network, split: Split, unit: UnitObjective | ChannelObjective): Float64Array {
  if ('channel' in unit) return channelActivations(net, split, unit);
  const { layer, unit: j, preActivation = false } = unit;
  if (!(Number.isInteger(layer) && layer >= 0 && layer < net.layers.length)) {
    throw new Error(`layer: expected 0..${net.layers.length - 1}, got ${layer}`);
  }
  const width = net.layers[layer].fanOut;
  if (!(Number.isInteger(j) && j >= 0 && j < width)) throw new Error(`unit: expected 0..${width - 1}, got ${j}`);
  const probe = new Network(net.spec, net.params);
  const values = new Float64Array(split.n);
  const dim = net.inputs;
  for (let row0 = 0; row0 < split.n; row0 += CHUNK_ROWS) {
    const rows = Math.min(CHUNK_ROWS, split.n - row0);
    probe.forward(split.x.subarray(row0 * dim, (row0 + rows) * dim), rows);
    const source = preActivation ? probe.layers[layer].z : probe.layers[layer].a;
    for (let r = 0; r < rows; r++) values[row0 + r] = source[r * width + j];
  }
  return values;
}

function channelActivations(net: Network, split: Split, { imageLayer, channel }: ChannelObjective): Float64Array {
  const probe = new Network(net.spec, net.params);
  const means = probe.channelMeans(split.x, split.n, imageLayer);
  const channels = split.n > 0 ? means.length / split.n : 0;
  if (!(Number.isInteger(channel) && channel >= 0 && channel < channels)) throw new Error(`channel: expected 0..${channels - 1}, got ${channel}`);
  return Float64Array.from({ length: split.n }, (_, r) => means[r * channels + channel]);
}
