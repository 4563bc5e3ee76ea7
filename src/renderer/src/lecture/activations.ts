/**
 * The activations view's numbers: f and f′ of each activation sampled over z, and one unit
 * y = f(w x + b) whose weight the student nudges, to see that a step unit flips while a
 * sigmoid unit moves smoothly (and so has a gradient to learn from).
 */
import { ACTIVATION_FUNCTIONS } from '../../../shared/nn/activations';
import type { ActivationName } from '../../../shared/nn/spec';

export type ElementwiseActivation = keyof typeof ACTIVATION_FUNCTIONS;

export const ACTIVATION_FORMULAS: Record<ElementwiseActivation, { f: string; df: string; note: string }> = {
  step: { f: 'f(z) = 1 if z ≥ 0, else 0', df: 'f′(z) = 0 (undefined at 0)', note: 'No slope anywhere: gradient descent gets no signal, so step units are trained with the perceptron rule, not backprop.' },
  linear: { f: 'f(z) = z', df: 'f′(z) = 1', note: 'Stacking linear layers gives another linear map: depth buys nothing.' },
  sigmoid: { f: 'f(z) = 1 / (1 + e^{−z})', df: 'f′(z) = f(z)(1 − f(z)) ≤ 0.25', note: 'A smooth step. Its slope is at most 0.25, so gradients shrink through many sigmoid layers.' },
  tanh: { f: 'f(z) = tanh z', df: 'f′(z) = 1 − f(z)^{2}', note: 'A centred sigmoid (−1 to 1) with slope 1 at 0.' },
  relu: { f: 'f(z) = max(0, z)', df: 'f′(z) = 1 if z > 0, else 0', note: 'Cheap, does not saturate for z > 0; a unit whose z stays below 0 is dead (no gradient).' },
  'leaky-relu': { f: 'f(z) = z if z > 0, else 0.01 z', df: 'f′(z) = 1 if z > 0, else 0.01', note: 'ReLU with a small slope below 0, so no unit dies completely.' },
};

export const ELEMENTWISE_ACTIVATIONS = Object.keys(ACTIVATION_FORMULAS) as ElementwiseActivation[];

/** f and f′ at `points` values of z evenly spaced over [from, to]; the step's jump is kept as a vertical segment. */
export function activationCurves(name: ElementwiseActivation, from = -5, to = 5, points = 201): { f: [number, number][]; df: [number, number][] } {
  const { f, df } = ACTIVATION_FUNCTIONS[name];
  const fs: [number, number][] = [];
  const dfs: [number, number][] = [];
  for (let k = 0; k < points; k++) {
    const z = from + ((to - from) * k) / (points - 1);
    const a = f(z);
    fs.push([z, a]);
    dfs.push([z, df(z, a)]);
  }
  return { f: fs, df: dfs };
}

/** A unit's output f(w x + b). */
export function unitOutput(activation: Exclude<ActivationName, 'softmax'>, w: number, x: number, b: number): number {
  return ACTIVATION_FUNCTIONS[activation].f(w * x + b);
}

/** Output of the unit as its weight sweeps over [from, to], for the step-versus-sigmoid chart. */
export function responseToWeight(activation: Exclude<ActivationName, 'softmax'>, x: number, b: number, from: number, to: number, points = 201): [number, number][] {
  const out: [number, number][] = [];
  for (let k = 0; k < points; k++) {
    const w = from + ((to - from) * k) / (points - 1);
    out.push([w, unitOutput(activation, w, x, b)]);
  }
  return out;
}

/** What a weight nudge from w to w + dw does to each unit's output. */
export function nudge(w: number, dw: number, x: number, b: number): { step: [number, number]; sigmoid: [number, number] } {
  return {
    step: [unitOutput('step', w, x, b), unitOutput('step', w + dw, x, b)],
    sigmoid: [unitOutput('sigmoid', w, x, b), unitOutput('sigmoid', w + dw, x, b)],
  };
}
