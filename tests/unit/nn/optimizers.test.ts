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

  it('momentum accumulates b = mu b + g and takes w -= lr b', () => {
    // b1 = 0.5, w = 0.95; b2 = 0.9 * 0.5 + 0.5 = 0.95, w = 0.95 - 0.095 = 0.855
    const [first, second] = twoSteps({ kind: 'momentum', momentum: 0.9 });
    expect(first[0]).toBeCloseTo(0.95, 15);
    expect(second[0]).toBeCloseTo(0.855, 15);
  });

  it('nesterov takes w -= lr (g + mu b)', () => {
    // step 1: b = 0.5, w -= 0.1 * (0.5 + 0.45) -> 0.905; step 2: b = 0.95, w -= 0.1 * (0.5 + 0.855) -> 0.7695
    const [first, second] = twoSteps({ kind: 'nesterov', momentum: 0.9 });
    expect(first[0]).toBeCloseTo(0.905, 15);
    expect(second[0]).toBeCloseTo(0.7695, 15);
  });

  /** Two steps of gradient 1 from w = 0 with mu 0.9, lr 0.1 then 0.05: a schedule moving lr. */
  function changingRate(kind: 'momentum' | 'nesterov'): number[] {
    const params = Float64Array.from([0]);
    const grads = Float64Array.from([1]);
    const optimizer = createOptimizer({ kind, momentum: 0.9 }, 1);
    optimizer.step(params, grads, 0.1);
    const first = params[0];
    optimizer.step(params, grads, 0.05);
    return [first, params[0] - first];
  }

  it('momentum follows torch.optim.SGD(momentum=0.9) when the learning rate changes', () => {
    // PyTorch: b1 = 1, step -0.1 * 1; b2 = 0.9 + 1 = 1.9, step -0.05 * 1.9 = -0.095
    // (the velocity form v = mu v - lr g would give 0.9 * -0.1 - 0.05 = -0.14)
    const [first, second] = changingRate('momentum');
    expect(first).toBeCloseTo(-0.1, 15);
    expect(second).toBeCloseTo(-0.095, 15);
  });

  it('nesterov follows torch.optim.SGD(momentum=0.9, nesterov=True) when the learning rate changes', () => {
    // PyTorch's algorithm: b_t = mu b_{t-1} + g_t, then g_t <- g_t + mu b_t, then w -= lr g_t.
    // step 1: b = 1, g = 1 + 0.9 * 1 = 1.9, step -0.1 * 1.9 = -0.19;
    // step 2: b = 0.9 * 1 + 1 = 1.9, g = 1 + 0.9 * 1.9 = 2.71, step -0.05 * 2.71 = -0.1355
    const [first, second] = changingRate('nesterov');
    expect(first).toBeCloseTo(-0.19, 15);
    expect(second).toBeCloseTo(-0.1355, 15);
  });

  it('momentum and nesterov equal the velocity form v = mu v - lr g, w += v, to rounding while lr is constant', () => {
    const mu = 0.9;
    const lr = 0.07;
    const gradients = [[0.5, -1.25], [0.25, 2], [-1.5, 0.75], [3, -0.5]];
    for (const kind of ['momentum', 'nesterov'] as const) {
      const params = Float64Array.from([1, -2]);
      const optimizer = createOptimizer({ kind, momentum: mu }, 2);
      const w = [1, -2];
      const v = [0, 0];
      for (const g of gradients) {
        optimizer.step(params, Float64Array.from(g), lr);
        for (let k = 0; k < 2; k++) {
          const previous = v[k];
          v[k] = mu * previous - lr * g[k];
          // Sutskever's Nesterov written on the current point: w += -mu v_prev + (1 + mu) v
          w[k] += kind === 'momentum' ? v[k] : -mu * previous + (1 + mu) * v[k];
        }
        expect(params[0]).toBeCloseTo(w[0], 14);
        expect(params[1]).toBeCloseTo(w[1], 14);
      }
    }
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
