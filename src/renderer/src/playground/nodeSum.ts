/**
 * What the diagram shows when a node is hovered: its weighted sum written out with the numbers
 * of one input point, z = sum_i w_ij a_i + b_j, and a = f(z), as the lecture writes them.
 */
import type { Activations, Network } from '../../../shared/nn/network';

export interface NodeSum {
  terms: { w: number; a: number }[];
  b: number;
  z: number;
  a: number;
  activation: string;
}

/** `acts` are the network's activations for one row; `inputRow` that row's inputs. */
export function nodeSum(net: Network, acts: Activations, inputRow: ArrayLike<number>, layer: number, unit: number): NodeSum {
  const l = net.layers[layer];
  const prev = layer === 0 ? inputRow : acts.a[layer - 1];
  const terms = Array.from({ length: l.fanIn }, (_, i) => ({ w: l.W[i * l.fanOut + unit], a: prev[i] }));
  return { terms, b: l.b[unit], z: acts.z[layer][unit], a: acts.a[layer][unit], activation: l.activation };
}

const fmt = (v: number): string => (Math.abs(v) >= 1000 || (Math.abs(v) < 0.001 && v !== 0) ? v.toExponential(2) : v.toFixed(3));
const paren = (v: number): string => (v < 0 ? `(${fmt(v)})` : fmt(v));

/** "z = 0.500·1.000 + (-0.250)·0.300 + 0.100 = 0.525" */
export function formatSum(s: NodeSum): string {
  const terms = s.terms.map((t) => `${paren(t.w)}·${paren(t.a)}`);
  const shown = terms.length > 8 ? [...terms.slice(0, 7), `… (${terms.length - 7} more)`] : terms;
  return `z = ${[...shown, paren(s.b)].join(' + ')} = ${fmt(s.z)}`;
}

export const formatActivation = (s: NodeSum): string => `a = ${s.activation}(z) = ${fmt(s.a)}`;
