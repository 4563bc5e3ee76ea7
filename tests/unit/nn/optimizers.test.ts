import { describe, expect, it } from 'vitest';
import { Network } from '../../../src/shared/nn/network';
import { createOptimizer } from '../../../src/shared/nn/optimizers';
import { addRegularization } from '../../../src/shared/nn/regularization';
import { scheduledRate } from '../../../src/shared/nn/schedule';

/** Two steps from params (1, 2) with the constant gradient (0.5, -1) at lr 0.1. */
function twoSteps(kind: Parameters<typeof createOptimizer>[0]): number[][] {
  const params = Float64Array.from([1, 2]);
  const grads = Float64Array.from([0.5, -1]);
  const optimizer = createOptimizer(kind, 2);
  optimizer.step(params, grads, 0.1);
  const first = Array.from(params);
  optimizer.step(params, grads, 0.1);
  return [first, Array.from(params)];
}

describe('optimizers on the flat parameter vector', () => {
  it('sgd takes w -= lr g', () => {
    const [first, second] = twoSteps({ kind: 'sgd' });
    expect(first[0]).toBeCloseTo(0.95, 15);
    expect(second[1]).toBeCloseTo(2.2, 15);
  });

  it('momentum accumulates v = mu v - lr g and takes w += v', () => {
    // v1 = -0.05, w = 0.95; v2 = 0.9 * -0.05 - 0.05 = -0.095, w = 0.855
    const [first, second] = twoSteps({ kind: 'momentum', momentum: 0.9 });
    expect(first[0]).toBeCloseTo(0.95, 15);
    expect(second[0]).toBeCloseTo(0.855, 15);
  });

  it('nesterov takes w += -mu v_prev + (1 + mu) v', () => {
    // step 1: v = -0.05, w += 1.9 * -0.05 -> 0.905; step 2: v = -0.095, w += 0.045 - 0.1805 -> 0.7695
    const [first, second] = twoSteps({ kind: 'nesterov', momentum: 0.9 });
    expect(first[0]).toBeCloseTo(0.905, 15);
    expect(second[0]).toBeCloseTo(0.7695, 15);
  });

  it('adam is bias-corrected, so a constant gradient moves each weight by lr per step', () => {
    // m_hat = g and s_hat = g^2 at every step: the step is lr * g / (|g| + eps)
    const [first, second] = twoSteps({ kind: 'adam', beta1: 0.9, beta2: 0.999, epsilon: 1e-8 });
    expect(first[0]).toBeCloseTo(0.9, 7);
    expect(first[1]).toBeCloseTo(2.1, 7);
    expect(second[0]).toBeCloseTo(0.8, 7);
    expect(second[1]).toBeCloseTo(2.2, 7);
  });

  it('forget their state on reset', () => {
    const params = Float64Array.from([1]);
    const optimizer = createOptimizer({ kind: 'momentum', momentum: 0.9 }, 1);
    optimizer.step(params, Float64Array.from([1]), 0.1);
    optimizer.reset();
    optimizer.step(params, Float64Array.from([0]), 0.1);
    expect(params[0]).toBeCloseTo(0.9, 15);
  });
});

describe('regularization', () => {
  function tinyNet(): Network {
    const net = new Network({ inputs: 2, layers: [{ units: 1, activation: 'linear' }], loss: 'mse' });
    net.setParams([0.5, -2, 3]);
    return net;
  }

  it('l2 adds lambda w to the weight gradients and lambda/2 sum w^2 to the loss, never touching biases', () => {
    const net = tinyNet();
    const penalty = addRegularization(net, { kind: 'l2', lambda: 0.1 });
    expect(penalty).toBeCloseTo(0.05 * (0.25 + 4), 15);
    expect(Array.from(net.grads)).toEqual([0.05, -0.2, 0]);
  });

  it('l1 adds lambda sign(w) and lambda sum |w|', () => {
    const net = tinyNet();
    const penalty = addRegularization(net, { kind: 'l1', lambda: 0.1 });
    expect(penalty).toBeCloseTo(0.25, 15);
    expect(Array.from(net.grads)).toEqual([0.1, -0.1, 0]);
  });

  it('does nothing for none', () => {
    const net = tinyNet();
    expect(addRegularization(net, { kind: 'none', lambda: 1 })).toBe(0);
    expect(Array.from(net.grads)).toEqual([0, 0, 0]);
  });
});

describe('learning-rate schedules', () => {
  it('keep a constant rate', () => {
    expect(scheduledRate({ kind: 'constant' }, 0.1, 7, 10)).toBe(0.1);
  });

  it('decay by a factor every few epochs', () => {
    const rates = [0, 1, 2, 3, 4].map((epoch) => scheduledRate({ kind: 'step', every: 2, factor: 0.5 }, 0.1, epoch, 10));
    expect(rates).toEqual([0.1, 0.1, 0.05, 0.05, 0.025]);
  });

  it('anneal by a cosine from the base rate to minLr at the last epoch', () => {
    const cosine = { kind: 'cosine', minLr: 0.01 } as const;
    expect(scheduledRate(cosine, 0.1, 0, 11)).toBeCloseTo(0.1, 15);
    expect(scheduledRate(cosine, 0.1, 5, 11)).toBeCloseTo(0.055, 15);
    expect(scheduledRate(cosine, 0.1, 10, 11)).toBeCloseTo(0.01, 15);
  });
});
