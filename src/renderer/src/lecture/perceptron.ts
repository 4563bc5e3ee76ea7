/**
 * The perceptron view's logic: the four corners of a logic gate, Rosenblatt's rule run on
 * them by the shared engine, the line w1 x1 + w2 x2 + b = 0 each epoch draws, and the
 * sentence that says why the rule settled or never will.
 */
import { stepUnit, trainPerceptron, type PerceptronResult } from '../../../shared/nn/perceptron';
import type { NetworkSpec } from '../../../shared/nn/spec';

export type GateName = 'and' | 'or' | 'xor';

export const GATE_INPUTS: readonly [number, number][] = [[0, 0], [0, 1], [1, 0], [1, 1]];

export const GATE_TARGETS: Record<GateName, readonly number[]> = {
  and: [0, 0, 0, 1],
  or: [0, 1, 1, 1],
  xor: [0, 1, 1, 0],
};

export const GATE_LABELS: Record<GateName, string> = { and: 'AND', or: 'OR', xor: 'XOR' };

export function runPerceptron(gate: GateName, eta: number, maxEpochs: number): PerceptronResult {
  return trainPerceptron(GATE_INPUTS.map((x) => [...x]), [...GATE_TARGETS[gate]], { eta, maxEpochs });
}

/** The unit's outputs on the four corners. */
export function gateOutputs(weights: readonly number[], bias: number): number[] {
  return GATE_INPUTS.map((x) => stepUnit(weights, bias, x));
}

/**
 * Where the line w1 x1 + w2 x2 + b = 0 crosses the box [lo, hi]², as two points, or null
 * when w = 0 (no line: the unit says the same thing everywhere).
 */
export function boundarySegment(weights: readonly number[], bias: number, lo = -0.5, hi = 1.5): [number, number][] | null {
  const [w1, w2] = weights;
  if (w1 === 0 && w2 === 0) return null;
  const points: [number, number][] = [];
  const push = (x: number, y: number): void => {
    if (x < lo - 1e-9 || x > hi + 1e-9 || y < lo - 1e-9 || y > hi + 1e-9) return;
    if (points.some(([px, py]) => Math.abs(px - x) < 1e-9 && Math.abs(py - y) < 1e-9)) return;
    points.push([x, y]);
  };
  if (w2 !== 0) {
    push(lo, -affine(w1, lo, bias) / w2);
    push(hi, -affine(w1, hi, bias) / w2);
  }
  if (w1 !== 0) {
    push(-affine(w2, lo, bias) / w1, lo);
    push(-affine(w2, hi, bias) / w1, hi);
  }
  return points.length >= 2 ? [points[0], points[1]] : null;
}

/** The part of w1 x1 + w2 x2 + b known once one coordinate is fixed. */
const affine = (w: number, x: number, bias: number): number => w * x + bias;

/** What the view says under the plot: converged, or why the line keeps moving. */
export function separabilityMessage(gate: GateName, result: PerceptronResult): string {
  const name = GATE_LABELS[gate];
  if (result.converged) {
    return `${name} is linearly separable: after ${result.epochs} epoch${result.epochs === 1 ? '' : 's'} the line puts every 1 on one side and every 0 on the other, and the rule stops changing the weights.`;
  }
  const why = result.reason?.startsWith('not linearly separable')
    ? `the weights after one epoch come back exactly as they were earlier, so the line cycles forever`
    : `the line was still moving after ${result.epochs} epochs`;
  return `${name} is not linearly separable: no single line puts (0,1) and (1,0) on one side and (0,0) and (1,1) on the other, so every epoch makes a mistake and moves the line — ${why}. A hidden layer is needed (see XOR by hand).`;
}

/** The step unit as a one-layer network, so decision maps can shade the side where it outputs 1. */
export const STEP_UNIT_SPEC: NetworkSpec = { inputs: 2, layers: [{ units: 1, activation: 'step' }], loss: 'mse-half' };
export const stepUnitParams = (weights: readonly number[], bias: number): number[] => [weights[0], weights[1], bias];
