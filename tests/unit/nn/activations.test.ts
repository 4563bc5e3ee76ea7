import { describe, expect, it } from 'vitest';
import { ACTIVATION_FUNCTIONS, applyActivation, multiplyByDerivative } from '../../../src/shared/nn/activations';

/** Both sides of 0, the kinks, and far enough out for tanh's and sigmoid's branches. */
const Z = Float64Array.from([-40, -19.6, -19.4, -5, -1, -0.625, -0.3, -1e-9, -0, 0, 1e-9, 0.3, 0.625, 1, 5, 19.4, 19.6, 40]);

describe('activation pairs {f, df} and the training loops', () => {
  for (const [name, { f, df }] of Object.entries(ACTIVATION_FUNCTIONS)) {
    const kind = name as keyof typeof ACTIVATION_FUNCTIONS;

    it(`${kind}: applyActivation computes f`, () => {
      const a = new Float64Array(Z.length);
      applyActivation(kind, Z, a, 1, Z.length);
      // tanh's loop is Cephes' tanh (fastTanh.ts), within 4e-16 of Math.tanh; the others are the same formula
      Z.forEach((z, k) => (kind === 'tanh' ? expect(a[k]).toBeCloseTo(f(z), 15) : expect(a[k]).toBe(f(z))));
    });

    it(`${kind}: multiplyByDerivative multiplies by df(z, f(z))`, () => {
      const a = new Float64Array(Z.length);
      applyActivation(kind, Z, a, 1, Z.length);
      const upstream = Float64Array.from(Z, (_, k) => 1 + k / 8);
      const delta = upstream.slice();
      multiplyByDerivative(kind, Z, a, delta, 1, Z.length);
      Z.forEach((z, k) => expect(delta[k]).toBe(upstream[k] * df(z, a[k])));
    });
  }
});
