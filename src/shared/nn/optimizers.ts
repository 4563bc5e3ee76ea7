/**
 * Optimizers update the flat parameter vector from the flat gradient; they know nothing of
 * layers. State (velocity, moments) is one Float64Array per moment, the same length as params.
 *   sgd       w -= lr g
 *   momentum  b = mu b + g;  w -= lr b
 *   nesterov  b = mu b + g;  w -= lr (g + mu b)
 * Momentum and Nesterov take PyTorch's form (torch.optim.SGD with momentum, dampening 0, and
 * nesterov=True for the latter), so runs can be checked against it step by step. The velocity
 * form v = mu v - lr g; w += v (Sutskever et al. 2013, Keras) is the same while lr is constant
 * (v = -lr b) but not once a schedule or a live change moves lr: it keeps the old rate inside v,
 * PyTorch scales the whole buffer by the new one.
 *   adam      m = b1 m + (1-b1) g; s = b2 s + (1-b2) g^2; w -= lr (m / (1-b1^t)) / (sqrt(s / (1-b2^t)) + eps)
 * Each step also reports whether every updated parameter is finite, checked in the same pass
 * (sum of w * 0: 0 for finite w, NaN for NaN or +-Infinity), so that the trainer's divergence
 * check costs no second pass over the parameters.
 */
import { acceleratedKernels, kernelVector, SMALL_LAYER_WEIGHTS, type AcceleratedKernels } from './kernels';
import type { Float32Kernels } from './float32Kernels';

/**
 * The accelerated kernels for an update of `size` parameters, or null: small vectors (T1, T3)
 * stay in JavaScript, where asking the kernels whether the vectors are theirs costs more than the loop.
 */
const kernelsFor = (size: number): AcceleratedKernels | null => (size > SMALL_LAYER_WEIGHTS ? acceleratedKernels() : null);
/** An optimizer's state vector: in the kernels' memory when large, so that their step reads it in place. */
const stateVector = (size: number): Float64Array => (size > SMALL_LAYER_WEIGHTS ? kernelVector(size) : new Float64Array(size));
import type { OptimizerSpec } from './spec';

export interface Optimizer {
  readonly kind: OptimizerSpec['kind'];
  /** Updates params in place; returns true when every updated parameter is finite. */
  step(params: Float64Array, grads: Float64Array, lr: number): boolean;
  /** Forget velocities and moments (e.g. after the parameters were replaced by hand). */
  reset(): void;
}

class Sgd implements Optimizer {
  readonly kind = 'sgd';
  step(params: Float64Array, grads: Float64Array, lr: number): boolean {
    const kernels = kernelsFor(params.length);
    const fast = kernels === null ? null : kernels.sgdStep(params, grads, lr);
    if (fast !== null) return fast;
    let check = 0;
    for (let k = 0, n = params.length; k < n; k++) {
      const w = params[k] - lr * grads[k];
      params[k] = w;
      check += w * 0;
    }
    return check === 0;
  }
  reset(): void {}
}

class Momentum implements Optimizer {
  readonly kind = 'momentum';
  /** b: the momentum buffer, a decaying sum of gradients (PyTorch's momentum_buffer). */
  private readonly buffer: Float64Array;
  constructor(size: number, private readonly mu: number) { this.buffer = stateVector(size); }
  step(params: Float64Array, grads: Float64Array, lr: number): boolean {
    const buffer = this.buffer;
    const mu = this.mu;
    const kernels = kernelsFor(params.length);
    const fast = kernels === null ? null : kernels.momentumStep(params, grads, buffer, lr, mu);
    if (fast !== null) return fast;
    let check = 0;
    for (let k = 0, n = params.length; k < n; k++) {
      const b = mu * buffer[k] + grads[k];
      buffer[k] = b;
      const w = params[k] - lr * b;
      params[k] = w;
      check += w * 0;
    }
    return check === 0;
  }
  reset(): void { this.buffer.fill(0); }
}

class Nesterov implements Optimizer {
  readonly kind = 'nesterov';
  /** b: the momentum buffer, as for momentum; the step looks ahead along it: g + mu b. */
  private readonly buffer: Float64Array;
  constructor(size: number, private readonly mu: number) { this.buffer = new Float64Array(size); }
  step(params: Float64Array, grads: Float64Array, lr: number): boolean {
    const buffer = this.buffer;
    const mu = this.mu;
    let check = 0;
    for (let k = 0, n = params.length; k < n; k++) {
      const g = grads[k];
      const b = mu * buffer[k] + g;
      buffer[k] = b;
      const w = params[k] - lr * (g + mu * b);
      params[k] = w;
      check += w * 0;
    }
    return check === 0;
  }
  reset(): void { this.buffer.fill(0); }
}

class Adam implements Optimizer {
  readonly kind = 'adam';
  /** m: running mean of gradients (first moment). */
  private readonly m: Float64Array;
  /** s: running mean of squared gradients (second moment). */
  private readonly s: Float64Array;
  private t = 0;
  constructor(size: number, private readonly beta1: number, private readonly beta2: number, private readonly epsilon: number) {
    this.m = stateVector(size);
    this.s = stateVector(size);
  }
  step(params: Float64Array, grads: Float64Array, lr: number): boolean {
    this.t++;
    const { beta1, beta2, epsilon, m, s } = this;
    const correction1 = 1 / (1 - beta1 ** this.t);
    const correction2 = 1 / (1 - beta2 ** this.t);
    const kernels = kernelsFor(params.length);
    const fast = kernels === null ? null : kernels.adamStep(params, grads, m, s, lr, beta1, beta2, epsilon, correction1, correction2);
    if (fast !== null) return fast;
    let check = 0;
    for (let k = 0; k < params.length; k++) {
      const g = grads[k];
      m[k] = beta1 * m[k] + (1 - beta1) * g;
      s[k] = beta2 * s[k] + (1 - beta2) * g * g;
      params[k] -= (lr * m[k] * correction1) / (Math.sqrt(s[k] * correction2) + epsilon);
      check += params[k] * 0;
    }
    return check === 0;
  }
  reset(): void { this.m.fill(0); this.s.fill(0); this.t = 0; }
}

export function createOptimizer(spec: OptimizerSpec, size: number): Optimizer {
  switch (spec.kind) {
    case 'sgd': return new Sgd();
    case 'momentum': return new Momentum(size, spec.momentum);
    case 'nesterov': return new Nesterov(size, spec.momentum);
    case 'adam': return new Adam(size, spec.beta1, spec.beta2, spec.epsilon);
  }
}

/** An optimizer of float32 parameters (float32Network.ts): the same updates in the float32 kernels. */
export interface Float32Optimizer {
  readonly kind: OptimizerSpec['kind'];
  step(params: Float32Array, grads: Float32Array, lr: number): boolean;
  reset(): void;
}

/** The float32 optimizers: sgd, momentum and Adam in the float32 kernels; Nesterov as a float32 loop here. */
export function createFloat32Optimizer(spec: OptimizerSpec, size: number, kernels: Float32Kernels): Float32Optimizer {
  switch (spec.kind) {
    case 'sgd':
      return { kind: 'sgd', step: (params, grads, lr) => kernels.sgdStep(params, grads, lr), reset: () => {} };
    case 'momentum': {
      const buffer = kernels.vector(size);
      return {
        kind: 'momentum',
        step: (params, grads, lr) => kernels.momentumStep(params, grads, buffer, lr, spec.momentum),
        reset: () => buffer.fill(0),
      };
    }
    case 'nesterov': {
      const buffer = kernels.vector(size);
      const f = Math.fround;
      return {
        kind: 'nesterov',
        step(params, grads, lr) {
          const mu = f(spec.momentum);
          const rate = f(lr);
          let check = 0;
          for (let k = 0; k < params.length; k++) {
            const g = grads[k];
            const b = f(f(mu * buffer[k]) + g);
            buffer[k] = b;
            const w = f(params[k] - f(rate * f(g + f(mu * b))));
            params[k] = w;
            check += w * 0;
          }
          return check === 0;
        },
        reset: () => buffer.fill(0),
      };
    }
    case 'adam': {
      const m = kernels.vector(size);
      const s = kernels.vector(size);
      let t = 0;
      return {
        kind: 'adam',
        step(params, grads, lr) {
          t++;
          return kernels.adamStep(params, grads, m, s, lr, spec.beta1, spec.beta2, spec.epsilon, 1 / (1 - spec.beta1 ** t), 1 / (1 - spec.beta2 ** t));
        },
        reset: () => { m.fill(0); s.fill(0); t = 0; },
      };
    }
  }
}
