import { describe, expect, it } from 'vitest';
import { boundarySegment, gateOutputs, runPerceptron, separabilityMessage } from '../../../../src/renderer/src/lecture/perceptron';

describe('perceptron view logic', () => {
  it('learns AND and OR: the final unit reproduces the gate on all four corners', () => {
    for (const [gate, truth] of [['and', [0, 0, 0, 1]], ['or', [0, 1, 1, 1]]] as const) {
      const r = runPerceptron(gate, 1, 50);
      expect(r.converged).toBe(true);
      expect(gateOutputs(r.weights, r.bias)).toEqual(truth);
      expect(separabilityMessage(gate, r)).toMatch(/is linearly separable/);
    }
  });

  it('never settles on XOR and says it is not linearly separable', () => {
    const r = runPerceptron('xor', 1, 40);
    expect(r.converged).toBe(false);
    const lines = new Set(r.history.slice(1).map((h) => `${h.weights}|${h.bias}`));
    expect(lines.size).toBeGreaterThan(1);
    const message = separabilityMessage('xor', r);
    expect(message).toMatch(/XOR is not linearly separable/);
    expect(message).toMatch(/cycles forever/);
  });

  it('clips the boundary line to the plot, with both ends on w·x + b = 0', () => {
    const seg = boundarySegment([2, 1], -3)!;
    expect(seg).toHaveLength(2);
    for (const [x, y] of seg) {
      expect(2 * x + y - 3).toBeCloseTo(0, 9);
      expect(x).toBeGreaterThanOrEqual(-0.5);
      expect(x).toBeLessThanOrEqual(1.5);
    }
  });

  it('has no line when both weights are zero', () => {
    expect(boundarySegment([0, 0], 1)).toBeNull();
  });
});
