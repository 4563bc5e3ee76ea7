/**
 * Backpropagation on one example, stage by stage, as the lecture writes it: forward (z, a)
 * layer by layer, the loss, the output delta, the hidden deltas, the gradients and the
 * updates. Every number comes from the engine's trace(); this file only arranges them with
 * their formulas and says which part of the diagram each stage walks through.
 */
import { Network } from '../../../shared/nn/network';
import type { ActivationName, NetworkSpec } from '../../../shared/nn/spec';
import { trace, type Trace } from '../../../shared/nn/trace';
import { lectureNumber as num, term } from './math';

/** One line of a stage: the quantity, its general formula, the formula with the numbers put in, and the result. */
export interface FormulaLine {
  /** Stable id for tests and highlighting: "z/1/1" is z of layer 1, unit 1 (1-based). */
  id: string;
  symbol: string;
  formula: string;
  substituted: string;
  value: number;
  /** Diagram parts this line reads: nodes "n/l/j" (l = 0 for inputs) and edges "e/l/i/j" (weight w_ij of layer l, from unit i of column l − 1). */
  path: string[];
}

export interface Stage {
  id: string;
  title: string;
  /** One sentence of what happens in this stage and why. */
  explanation: string;
  lines: FormulaLine[];
  /** Every diagram part the stage touches: the chain rule's path so far. */
  path: string[];
}

/** Units 1-based as the lecture numbers them. */
const node = (l: number, j: number): string => `n/${l}/${j + 1}`;
/** Weight layer l is 1-based: layer 1 connects the inputs to the first hidden layer. */
const edge = (l: number, i: number, j: number): string => `e/${l}/${i + 1}/${j + 1}`;
const sup = (l: number): string => `^{(${l})}`;

const ACTIVATION_TEXT: Partial<Record<ActivationName, { f: (z: string) => string; df: (z: string, a: string) => string; fname: string; dfname: string }>> = {
  sigmoid: { fname: 'σ', f: (z) => `1 / (1 + e^{−${z}})`, dfname: 'a(1 − a)', df: (_z, a) => `${a} · (1 − ${a})` },
  tanh: { fname: 'tanh', f: (z) => `tanh(${z})`, dfname: '1 − a²', df: (_z, a) => `1 − ${a}²` },
  relu: { fname: 'ReLU', f: (z) => `max(0, ${z})`, dfname: '[z > 0]', df: (z) => `[${z} > 0]` },
  linear: { fname: 'id', f: (z) => z, dfname: '1', df: () => '1' },
};

/** Activations the step-through explains (the engine has more; these have a one-line derivative). */
export const STEP_ACTIVATIONS = ['sigmoid', 'tanh', 'relu', 'linear'] as const satisfies readonly ActivationName[];

function text(activation: string) {
  const t = ACTIVATION_TEXT[activation as ActivationName];
  if (!t) throw new Error(`activation ${activation}: the step-through explains ${STEP_ACTIVATIONS.join(', ')}`);
  return t;
}

function derivativeValue(activation: string, z: number, a: number): number {
  switch (activation) {
    case 'sigmoid': return a * (1 - a);
    case 'tanh': return 1 - a * a;
    case 'relu': return z > 0 ? 1 : 0;
    default: return 1;
  }
}

export interface StepThroughInput {
  spec: NetworkSpec;
  params: ArrayLike<number>;
  input: number[];
  target: number[];
  lr: number;
}

export function stepThroughStages(source: StepThroughInput): { trace: Trace; stages: Stage[] } {
  if (source.spec.loss !== 'mse-half') throw new Error(`loss: the step-through uses the lecture's ½(ŷ − y)², got ${source.spec.loss}`);
  const net = new Network(source.spec, Float64Array.from(source.params));
  const t = trace(net, source.input, source.target, { lr: source.lr });
  const L = t.layers.length;
  const activationsBelow = (l: number): number[] => (l === 0 ? t.input : t.layers[l - 1].a);
  const aName = (l: number, i: number): string => (l === 0 ? `x_{${i + 1}}` : `a_{${i + 1}}${sup(l)}`);
  const stages: Stage[] = [];

  t.layers.forEach((layer, l) => {
    const ln = l + 1;
    const below = activationsBelow(l);
    const isOutput = l === L - 1;
    const act = text(layer.activation);
    const lines: FormulaLine[] = [];
    layer.z.forEach((z, j) => {
      const ins = below.map((_, i) => i);
      lines.push({
        id: `z/${ln}/${j + 1}`,
        symbol: `z_{${j + 1}}${sup(ln)}`,
        formula: `${ins.map((i) => `${aName(l, i)} w_{${i + 1}${j + 1}}${sup(ln)}`).join(' + ')} + b_{${j + 1}}${sup(ln)}`,
        substituted: `${ins.map((i) => `${term(below[i])} · ${term(layer.weights[i][j])}`).join(' + ')} + ${term(layer.bias[j])}`,
        value: z,
        path: [...ins.map((i) => edge(ln, i, j)), ...ins.map((i) => node(l, i)), node(ln, j)],
      });
      lines.push({
        id: `a/${ln}/${j + 1}`,
        symbol: isOutput && layer.a.length === 1 ? 'ŷ' : `${isOutput ? `ŷ_{${j + 1}}` : `a_{${j + 1}}${sup(ln)}`}`,
        formula: `${act.fname}(z_{${j + 1}}${sup(ln)})`,
        substituted: act.f(term(z)),
        value: layer.a[j],
        path: [node(ln, j)],
      });
    });
    stages.push({
      id: `forward-${ln}`,
      title: `Forward: ${isOutput ? 'output layer' : L > 2 ? `hidden layer ${ln}` : 'hidden layer'}`,
      explanation: `Each unit sums its inputs times their weights plus its bias (z), then applies ${layer.activation} (a). ${isOutput ? 'This is the prediction ŷ.' : 'These activations feed the next layer.'}`,
      lines,
      path: [],
    });
  });

  const out = t.layers[L - 1];
  const yHat = (k: number): string => (out.a.length === 1 ? 'ŷ' : `ŷ_{${k + 1}}`);
  const yName = (k: number): string => (out.a.length === 1 ? 'y' : `y_{${k + 1}}`);
  const outputNodes = out.a.map((_, k) => node(L, k));
  stages.push({
    id: 'loss',
    title: 'Loss',
    explanation: 'How wrong the prediction is, in the lecture\'s squared error with a ½ so that its derivative is simply ŷ − y.',
    lines: [{
      id: 'loss',
      symbol: 'L',
      formula: `½ ${out.a.length === 1 ? '(ŷ − y)²' : `Σ_{k} (ŷ_{k} − y_{k})²`}`,
      substituted: `½ · ${out.a.map((a, k) => `(${num(a)} − ${num(t.target[k])})²`).join(' + ')}`,
      value: t.loss,
      path: outputNodes,
    }],
    path: [],
  });

  const outAct = text(out.activation);
  stages.push({
    id: 'output-delta',
    title: 'Output delta',
    explanation: 'δ = ∂L/∂z of an output unit: the chain rule through the loss (ŷ − y) and the activation\'s derivative.',
    lines: out.delta.map((d, k) => ({
      id: `delta/${L}/${k + 1}`,
      symbol: `δ_{${k + 1}}${sup(L)}`,
      formula: `(${yHat(k)} − ${yName(k)}) · f′(z) = (${yHat(k)} − ${yName(k)}) · ${outAct.dfname}`,
      substituted: `(${num(out.a[k])} − ${num(t.target[k])}) · ${outAct.df(term(out.z[k]), num(out.a[k]))}`,
      value: d,
      path: [node(L, k)],
    })),
    path: [],
  });

  for (let l = L - 2; l >= 0; l--) {
    const layer = t.layers[l];
    const above = t.layers[l + 1];
    const ln = l + 1;
    const act = text(layer.activation);
    const ks = above.delta.map((_, k) => k);
    stages.push({
      id: `hidden-delta-${ln}`,
      title: L > 2 ? `Hidden deltas, layer ${ln}` : 'Hidden deltas',
      explanation: 'Each hidden unit\'s share of the blame: the deltas above, sent back along the same weights, times this unit\'s f′(z).',
      lines: layer.delta.map((d, j) => ({
        id: `delta/${ln}/${j + 1}`,
        symbol: `δ_{${j + 1}}${sup(ln)}`,
        formula: `f′(z_{${j + 1}}${sup(ln)}) · (${ks.map((k) => `w_{${j + 1}${k + 1}}${sup(ln + 1)} δ_{${k + 1}}${sup(ln + 1)}`).join(' + ')})`,
        substituted: `${act.df(term(layer.z[j]), num(layer.a[j]))} · (${ks.map((k) => `${term(above.weights[j][k])} · ${term(above.delta[k])}`).join(' + ')})`,
        value: d,
        path: [node(ln, j), ...ks.map((k) => edge(ln + 1, j, k)), ...ks.map((k) => node(ln + 1, k))],
      })),
      path: [],
    });
    // The formula's value, recomputed from its parts, must be the engine's delta; a mismatch means this file explains something the engine does not do.
    layer.delta.forEach((d, j) => {
      const sum = ks.reduce((s, k) => s + above.weights[j][k] * above.delta[k], 0);
      const expected = derivativeValue(layer.activation, layer.z[j], layer.a[j]) * sum;
      if (Math.abs(expected - d) > 1e-9 * Math.max(1, Math.abs(d))) throw new Error(`hidden delta ${ln}/${j + 1}: formula gives ${expected}, engine ${d}`);
    });
  }

  const gradientLines: FormulaLine[] = [];
  const updateLines: FormulaLine[] = [];
  for (let l = L - 1; l >= 0; l--) {
    const layer = t.layers[l];
    const ln = l + 1;
    const below = activationsBelow(l);
    layer.gradWeights.forEach((row, i) => row.forEach((g, j) => {
      const w = `w_{${i + 1}${j + 1}}${sup(ln)}`;
      const path = [node(l, i), edge(ln, i, j), node(ln, j)];
      gradientLines.push({
        id: `grad/${ln}/${i + 1}/${j + 1}`,
        symbol: `∂L/∂${w}`,
        formula: `${aName(l, i)} · δ_{${j + 1}}${sup(ln)}`,
        substituted: `${term(below[i])} · ${term(layer.delta[j])}`,
        value: g,
        path,
      });
      updateLines.push({
        id: `new/${ln}/${i + 1}/${j + 1}`,
        symbol: `${w} new`,
        formula: `${w} − η · ∂L/∂${w}`,
        substituted: `${term(layer.weights[i][j])} − ${term(source.lr)} · ${term(g)}`,
        value: layer.newWeights[i][j],
        path: [edge(ln, i, j)],
      });
    }));
    layer.gradBias.forEach((g, j) => {
      const b = `b_{${j + 1}}${sup(ln)}`;
      gradientLines.push({
        id: `gradb/${ln}/${j + 1}`, symbol: `∂L/∂${b}`, formula: `δ_{${j + 1}}${sup(ln)}`, substituted: term(layer.delta[j]), value: g, path: [node(ln, j)],
      });
      updateLines.push({
        id: `newb/${ln}/${j + 1}`, symbol: `${b} new`, formula: `${b} − η · ∂L/∂${b}`,
        substituted: `${term(layer.bias[j])} − ${term(source.lr)} · ${term(g)}`, value: layer.newBias[j], path: [node(ln, j)],
      });
    });
  }
  stages.push({
    id: 'gradients',
    title: 'Gradients',
    explanation: 'The gradient of a weight is the activation flowing into it times the delta of the unit it feeds; a bias\'s gradient is that delta.',
    lines: gradientLines,
    path: [],
  });
  stages.push({
    id: 'updates',
    title: 'Updates',
    explanation: `Every parameter takes a step of size η = ${num(source.lr)} against its gradient. On this example the loss goes from ${num(t.loss, 5)} to ${num(t.lossAfter, 5)}.`,
    lines: updateLines,
    path: [],
  });

  // The highlighted path of each stage: everything its lines read.
  for (const stage of stages) stage.path = [...new Set(stage.lines.flatMap((line) => line.path))];
  return { trace: t, stages };
}
