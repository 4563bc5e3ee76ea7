/**
 * log(1 + e^-|v|) of the binary cross-entropy (softplus.ts) against Math.log(1 + Math.exp(-|v|)),
 * and the WebAssembly bceSum against losses.ts's meanLoss, bit for bit.
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { instantiateWasmKernels, kernelsWasmPath } from '../../../src/main/data/wasmKernels';
import { installAcceleratedKernels } from '../../../src/shared/nn/kernels';
import { meanLoss } from '../../../src/shared/nn/losses';
import { softplusOfNegAbs } from '../../../src/shared/nn/softplus';

afterEach(() => installAcceleratedKernels(null));

describe('softplus of -|v|', () => {
  it('agrees with Math.log(1 + Math.exp(-|v|)) within 2.3e-16 relative across [-45, 45], and is 0 where that is', () => {
    let worst = 0;
    for (let i = 0; i <= 400_000; i++) {
      const v = -45 + i * 2.25e-4 + Math.sin(i) * 1e-6;
      const wanted = Math.log(1 + Math.exp(-Math.abs(v)));
      const ours = softplusOfNegAbs(v);
      if (wanted === 0) expect(ours).toBe(0);
      else worst = Math.max(worst, Math.abs(ours - wanted) / wanted);
    }
    expect(worst).toBeLessThan(2.3e-16);
  });

  it('handles 0, infinities and NaN', () => {
    expect(softplusOfNegAbs(0)).toBe(Math.LN2);
    expect(softplusOfNegAbs(-0)).toBe(Math.LN2);
    expect(softplusOfNegAbs(Infinity)).toBe(0);
    expect(softplusOfNegAbs(-Infinity)).toBe(0);
    expect(softplusOfNegAbs(NaN)).toBeNaN();
  });

  it('the WebAssembly bce sum gives meanLoss\'s bits, edge cases and odd lengths included', () => {
    const kernels = instantiateWasmKernels(readFileSync(kernelsWasmPath()));
    for (const n of [1, 2, 3, 5, 500, 1001]) {
      const values = Array.from({ length: n + 3 }, (_, k) => 12 * Math.sin(k * 1.7 + n));
      values[0] = 0;
      if (n > 4) values.splice(1, 4, -0, 40, -39.999, 1e-300);
      const y = Float64Array.from({ length: n + 3 }, (_, k) => (k % 3 === 0 ? 1 : 0));
      const z = kernels.allocate(n);
      z.set(values.slice(0, n));
      const reference = meanLoss('bce', z, z, y, 3, n, 1);
      installAcceleratedKernels(kernels);
      expect(meanLoss('bce', z, z, y, 3, n, 1, true)).toBe(reference);
      installAcceleratedKernels(null);
    }
    const z = kernels.allocate(3);
    z.set([1, NaN, 2]);
    installAcceleratedKernels(kernels);
    expect(meanLoss('bce', z, z, new Float64Array(3), 0, 3, 1, true)).toBeNaN();
  });
});
