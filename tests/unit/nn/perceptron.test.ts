import { describe, expect, it } from 'vitest';
import { Network } from '../../../src/shared/nn/network';
import { stepUnit, trainPerceptron } from '../../../src/shared/nn/perceptron';

const CORNERS = [[0, 0], [0, 1], [1, 0], [1, 1]];
const AND = [0, 0, 0, 1];
const OR = [0, 1, 1, 1];
const XOR = [0, 1, 1, 0];

describe('the perceptron learning rule', () => {
  it('learns AND and reports the epochs it used', () => {
    const result = trainPerceptron(CORNERS, AND, { eta: 1 });
    expect(result.converged).toBe(true);
    expect(result.epochs).toBeGreaterThan(1);
    expect(result.history.at(-1)!.errors).toBe(0);
    expect(CORNERS.map((x) => stepUnit(result.weights, result.bias, x))).toEqual(AND);
  });

  it('learns OR', () => {
    const result = trainPerceptron(CORNERS, OR, { eta: 0.1 });
    expect(result.converged).toBe(true);
    expect(CORNERS.map((x) => stepUnit(result.weights, result.bias, x))).toEqual(OR);
  });

  it('applies w += eta (t - y) x and b += eta (t - y) after each example', () => {
    // from w = 0, b = 0: (0,0) -> y = 1 (z = 0 >= 0), t = 0: b = -1; (0,1) -> z = -1, y = 0, ok;
    // (1,0) ok; (1,1) -> z = -1, y = 0, t = 1: w = (1, 1), b = 0
    const result = trainPerceptron(CORNERS, AND, { eta: 1, maxEpochs: 1 });
    expect(result.history[1]).toEqual({ epoch: 1, weights: [1, 1], bias: 0, errors: 2 });
  });

  it('keeps the weights of every epoch so the separating line can be animated', () => {
    const result = trainPerceptron(CORNERS, AND, { eta: 1 });
    expect(result.history).toHaveLength(result.epochs + 1);
    expect(result.history[0]).toMatchObject({ epoch: 0, weights: [0, 0], bias: 0 });
  });

  it('stops XOR at its epoch budget and says no line separates the classes', () => {
    const result = trainPerceptron(CORNERS, XOR, { eta: 1, maxEpochs: 50 });
    expect(result.converged).toBe(false);
    expect(result.epochs).toBe(50);
    expect(result.history).toHaveLength(51);
    expect(result.reason).toMatch(/^not linearly separable: no line separates the classes/);
  });

  it('does not claim non-separability when the budget is merely too small', () => {
    const result = trainPerceptron(CORNERS, AND, { eta: 1, maxEpochs: 1 });
    expect(result.converged).toBe(false);
    expect(result.reason).toMatch(/^not converged within 1 epochs/);
  });
});

describe('a hand-set network of step units', () => {
  it('computes XOR as OR AND NOT AND exactly', () => {
    const net = new Network({
      inputs: 2,
      layers: [{ units: 2, activation: 'step' }, { units: 1, activation: 'step' }],
      loss: 'mse',
    });
    // hidden unit 0: OR = step(x1 + x2 - 0.5); unit 1: AND = step(x1 + x2 - 1.5)
    // output: step(OR - AND - 0.5), true exactly when OR and not AND
    net.setParams([1, 1, 1, 1, -0.5, -1.5, 1, -1, -0.5]);
    expect(Array.from(net.forward(Float64Array.from(CORNERS.flat()), 4))).toEqual(XOR);
    expect(net.loss(Float64Array.from(CORNERS.flat()), Float64Array.from(XOR), 4)).toBe(0);
  });
});
