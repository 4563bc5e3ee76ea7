/**
 * XOR built by hand from two step units the perceptron can learn: hidden unit 1 is OR,
 * hidden unit 2 is AND, and the output fires for "OR and not AND". The table is read from
 * the network's own hidden activations, so editing a weight changes the table honestly.
 */
import { Network } from '../../../shared/nn/network';
import type { NetworkSpec } from '../../../shared/nn/spec';
import { GATE_INPUTS } from './perceptron';

/** The hand-set weights, in the lecture's w[i][j] orientation. */
export interface XorWeights {
  /** hidden[i][j]: from input i to hidden unit j (j = 0: OR, j = 1: AND). */
  hidden: [[number, number], [number, number]];
  hiddenBias: [number, number];
  /** output[j]: from hidden unit j to the output. */
  output: [number, number];
  outputBias: number;
}

/** OR: x1 + x2 − 0.5 ≥ 0; AND: x1 + x2 − 1.5 ≥ 0; XOR: OR − AND − 0.5 ≥ 0. */
export function lectureXorWeights(): XorWeights {
  return { hidden: [[1, 1], [1, 1]], hiddenBias: [-0.5, -1.5], output: [1, -1], outputBias: -0.5 };
}

export const XOR_SPEC: NetworkSpec = {
  inputs: 2,
  layers: [{ units: 2, activation: 'step' }, { units: 1, activation: 'step' }],
  loss: 'mse-half',
};

export function xorNetwork(w: XorWeights): Network {
  const params = Float64Array.from([
    w.hidden[0][0], w.hidden[0][1], w.hidden[1][0], w.hidden[1][1], ...w.hiddenBias,
    w.output[0], w.output[1], w.outputBias,
  ]);
  return new Network(XOR_SPEC, params);
}

export interface XorRow {
  x1: number;
  x2: number;
  /** Hidden unit 1's output (the OR unit when the weights are the lecture's). */
  or: number;
  /** Hidden unit 2's output (the AND unit). */
  and: number;
  /** The network's output. */
  xor: number;
  /** The target x1 XOR x2. */
  target: number;
}

/** The lecture's table, every column but the target read from the network's forward pass. */
export function xorTable(net: Network): XorRow[] {
  const x = Float64Array.from(GATE_INPUTS.flat());
  const { a } = net.activations(x, GATE_INPUTS.length);
  const [hidden, output] = a;
  return GATE_INPUTS.map(([x1, x2], r) => ({
    x1, x2, or: hidden[r * 2], and: hidden[r * 2 + 1], xor: output[r], target: x1 !== x2 ? 1 : 0,
  }));
}

/** True when every row's network output equals x1 XOR x2. */
export const solvesXor = (rows: readonly XorRow[]): boolean => rows.every((r) => r.xor === r.target);
