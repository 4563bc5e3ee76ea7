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

/** Corners that land on one point of the hidden space, and that point. */
export interface HiddenPoint { or: number; and: number; corners: string[]; targets: number[] }

export function hiddenPointsOf(rows: readonly XorRow[]): HiddenPoint[] {
  const byPoint = new Map<string, HiddenPoint>();
  for (const r of rows) {
    const key = `${r.or},${r.and}`;
    const p = byPoint.get(key) ?? { or: r.or, and: r.and, corners: [], targets: [] };
    p.corners.push(`(${r.x1},${r.x2})`);
    p.targets.push(r.target);
    byPoint.set(key, p);
  }
  return [...byPoint.values()];
}

/**
 * Whether one line separates the points labelled 1 from those labelled 0: the perceptron rule,
 * which finds such a line in finitely many updates when one exists (a handful of points on the
 * unit square's corners needs few), run long enough to be sure.
 */
export function linearlySeparable(points: readonly { x: number; y: number; label: number }[]): boolean {
  if (new Set(points.map((p) => p.label)).size < 2) return true;
  let [w1, w2, b] = [0, 0, 0];
  for (let epoch = 0; epoch < 1000; epoch++) {
    let errors = 0;
    for (const p of points) {
      const out = w1 * p.x + w2 * p.y + b >= 0 ? 1 : 0;
      const d = p.label - out;
      if (d !== 0) {
        errors++;
        w1 += d * p.x;
        w2 += d * p.y;
        b += d;
      }
    }
    if (errors === 0) return true;
  }
  return false;
}

/**
 * What the hidden space shows with these weights, in words: which corners land together, and
 * whether a line (the output unit's, or any) separates the 1s from the 0s there.
 */
export function hiddenSpaceCaption(rows: readonly XorRow[], outputRule: string): { aside: string; text: string } {
  const points = hiddenPointsOf(rows);
  const coord = (p: HiddenPoint) => `(${p.or}, ${p.and})`;
  const shared = points.filter((p) => p.corners.length > 1)
    .map((p) => `${p.corners.join(' and ')} ${p.corners.length === 2 ? 'both' : 'all'} land on ${coord(p)}`);
  const landing = shared.length ? `${shared.join('; ')}.` : 'The four corners land on four different points.';
  const clash = points.find((p) => new Set(p.targets).size > 1);
  if (clash) {
    return {
      aside: 'no line separates',
      text: `${landing} ${clash.corners.join(' and ')} land on the same point ${coord(clash)} but XOR gives them different answers, so no line can separate the 1s from the 0s in this hidden space: change a hidden weight.`,
    };
  }
  const separable = linearlySeparable(points.map((p) => ({ x: p.or, y: p.and, label: p.targets[0] })));
  if (!separable) {
    return { aside: 'no line separates', text: `${landing} The 1s and 0s still sit in an XOR pattern here, so no single line separates them: the hidden units have not made new coordinates that help.` };
  }
  if (solvesXor(rows)) {
    return { aside: 'one line separates', text: `${landing} The output unit's line, ${outputRule} = 0, has the 1s on its orange side and the 0s on its blue side.` };
  }
  const wrong = rows.filter((r) => r.xor !== r.target).map((r) => `(${r.x1},${r.x2})`);
  return {
    aside: 'a line would separate',
    text: `${landing} A line could separate the 1s from the 0s here, but the output unit's line, ${outputRule} = 0, puts ${wrong.join(' and ')} on the wrong side: change the output weights.`,
  };
}
