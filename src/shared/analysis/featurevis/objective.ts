/**
 * What feature visualization maximizes: a hidden unit, or an output class (Olah, Mordvintsev,
 * Schubert, "Feature Visualization", Distill 2017). Every objective is s * v(x) + o for one
 * unit value v of the engine, so its input gradient is s * Network.inputGradient:
 *   unit      v = z_j or a_j of a layer (pre- or post-activation)
 *   class     logit: v = z_k of the output layer; probability: v = a_k (softmax or sigmoid output).
 *   channel   v = the mean of one conv or pool channel's map (Network's ChannelObjective).
 * A single sigmoid output encodes two classes: class 1 is z (or p), class 0 is -z (or 1 - p).
 */
import type { ChannelObjective, Network, UnitObjective } from '../../nn/network';
import type { FeatureObjective } from './featureVisSettings';

export type { FeatureObjective } from './featureVisSettings';

/** value = sign * (engine unit value) + offset. */
export interface ResolvedObjective { unit: UnitObjective | ChannelObjective; sign: 1 | -1; offset: number }

export function resolveObjective(net: Network, objective: FeatureObjective): ResolvedObjective {
  if (objective.kind === 'channel') return { unit: { imageLayer: objective.imageLayer, channel: objective.channel }, sign: 1, offset: 0 };
  if (objective.kind === 'unit') {
    return { unit: { layer: objective.layer, unit: objective.unit, preActivation: objective.preActivation ?? false }, sign: 1, offset: 0 };
  }
  const last = net.layers.length - 1;
  const logit = objective.output === 'logit';
  const k = objective.class;
  if (net.outputs === 1 && (k === 0 || k === 1)) {
    const unit = { layer: last, unit: 0, preActivation: logit };
    if (k === 1) return { unit, sign: 1, offset: 0 };
    return { unit, sign: -1, offset: logit ? 0 : 1 };
  }
  if (!(Number.isInteger(k) && k >= 0 && k < net.outputs)) throw new Error(`objective.class: expected 0..${net.outputs - 1}, got ${k}`);
  return { unit: { layer: last, unit: k, preActivation: logit }, sign: 1, offset: 0 };
}
