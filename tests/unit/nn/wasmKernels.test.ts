/**
 * The WebAssembly SIMD kernels (assembly/kernels.ts, built by vitest's global setup) against the
 * JavaScript reference of kernels.ts: same results to the bit on random shapes (odd sizes,
 * sparse and all-zero input columns, -0, offsets into a larger input), for arrays in the
 * kernels' memory and for ordinary arrays they copy; and a network trained on them.
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { instantiateWasmKernels, kernelsWasmPath } from '../../../src/main/data/wasmKernels';
import { tanhInPlace } from '../../../src/shared/nn/fastTanh';
import { gradientCheck } from '../../../src/shared/nn/gradcheck';
import {
  backpropagate, dense, installAcceleratedKernels, NonZeroRows, weightGradients, type AcceleratedKernels,
} from '../../../src/shared/nn/kernels';
import { Network } from '../../../src/shared/nn/network';
import { createOptimizer } from '../../../src/shared/nn/optimizers';
import { mulberry32 } from '../../../src/shared/nn/rng';

const wasm = (): AcceleratedKernels => instantiateWasmKernels(readFileSync(kernelsWasmPath()));

afterEach(() => installAcceleratedKernels(null));

/** Values in [-1, 1), a fraction `zeros` of them 0 (some -0), as a sparse MNIST row has. */
function randomArray(rng: () => number, n: number, zeros = 0): Float64Array {
  return Float64Array.from({ length: n }, () => {
    const u = rng();
    if (u < zeros) return u < zeros / 8 ? -0 : 0;
    return 2 * rng() - 1;
  });
}

/** A copy of `values` in the kernels' memory (or a plain copy). */
function placed(kernels: AcceleratedKernels | null, values: Float64Array): Float64Array {
  const array = kernels ? kernels.allocate(values.length) : new Float64Array(values.length);
  array.set(values);
  return array;
}

/** Shapes over the large-layer threshold: odd and even fan-ins and fan-outs, 1 to 37 rows. */
const SHAPES: [rows: number, fanIn: number, fanOut: number][] = [
  [1, 65, 65], [3, 129, 33], [4, 784, 17], [7, 100, 64], [32, 784, 128], [37, 91, 53], [16, 128, 64], [5, 4097, 2], [150, 129, 65],
];

describe.each([['in the kernels memory', true], ['in ordinary arrays', false]])('WebAssembly kernels, arrays %s', (_, inMemory) => {
  it.each(SHAPES)('dense gives the reference z to the bit (%i rows, %i x %i)', (rows, fanIn, fanOut) => {
    const rng = mulberry32(rows * 7919 + fanIn * 31 + fanOut);
    const offsetRows = 2;
    const x = randomArray(rng, (rows + offsetRows) * fanIn, 0.8);
    for (let r = 0; r < rows + offsetRows; r++) x[r * fanIn + 3] = 0; // an input column zero in every row
    const W = randomArray(rng, fanIn * fanOut);
    const b = randomArray(rng, fanOut);
    const reference = new Float64Array(rows * fanOut);
    const scratch = new NonZeroRows();
    scratch.ensure(rows);
    dense(x, offsetRows * fanIn, rows, fanIn, fanOut, W, b, reference, scratch);

    const kernels = wasm();
    installAcceleratedKernels(kernels);
    const own = inMemory ? kernels : null;
    const z = placed(own, new Float64Array(rows * fanOut).fill(NaN));
    dense(placed(own, x), offsetRows * fanIn, rows, fanIn, fanOut, placed(own, W), placed(own, b), z, scratch);
    expect(Array.from(z)).toEqual(Array.from(reference));
  });

  it.each(SHAPES)('weightGradients gives the reference dW and db to the bit (%i rows, %i x %i)', (rows, fanIn, fanOut) => {
    const rng = mulberry32(rows * 104729 + fanIn * 17 + fanOut);
    const x = randomArray(rng, rows * fanIn, 0.8);
    const delta = randomArray(rng, rows * fanOut, 0.1);
    const refW = new Float64Array(fanIn * fanOut);
    const refB = new Float64Array(fanOut);
    const scratch = new NonZeroRows();
    scratch.ensure(rows);
    weightGradients(x, 0, rows, fanIn, fanOut, delta, refW, refB, scratch);

    const kernels = wasm();
    installAcceleratedKernels(kernels);
    const own = inMemory ? kernels : null;
    const gW = placed(own, new Float64Array(fanIn * fanOut).fill(NaN));
    const gB = placed(own, new Float64Array(fanOut).fill(NaN));
    weightGradients(placed(own, x), 0, rows, fanIn, fanOut, placed(own, delta), gW, gB, scratch);
    expect(Array.from(gW)).toEqual(Array.from(refW));
    expect(Array.from(gB)).toEqual(Array.from(refB));
  });

  it.each(SHAPES)('backpropagate gives the reference sums to the bit, with and without a ReLU mask (%i rows, %i x %i)', (rows, fanIn, fanOut) => {
    const rng = mulberry32(rows * 15485863 + fanIn + fanOut * 3);
    const W = randomArray(rng, fanIn * fanOut);
    const delta = randomArray(rng, rows * fanOut, 0.2);
    const reluZ = randomArray(rng, rows * fanIn, 0.1);
    reluZ[0] = NaN;
    for (const mask of [null, reluZ]) {
      const reference = new Float64Array(rows * fanIn);
      installAcceleratedKernels(null);
      backpropagate(W, fanIn, fanOut, delta, rows, reference, mask);

      const kernels = wasm();
      installAcceleratedKernels(kernels);
      const own = inMemory ? kernels : null;
      const out = placed(own, new Float64Array(rows * fanIn).fill(NaN));
      backpropagate(placed(own, W), fanIn, fanOut, placed(own, delta), rows, out, mask && placed(own, mask));
      expect(Array.from(out)).toEqual(Array.from(reference));
    }
  });
});

describe('WebAssembly optimizer steps', () => {
  const SPECS = [
    { kind: 'sgd' as const },
    { kind: 'momentum' as const, momentum: 0.9 },
    { kind: 'adam' as const, beta1: 0.9, beta2: 0.999, epsilon: 1e-8 },
  ];

  it.each(SPECS)('$kind: three steps as the JavaScript step to the bit, and a non-finite parameter reported', (spec) => {
    const size = 5001; // over SMALL_LAYER_WEIGHTS, odd
    const rng = mulberry32(9);
    const params = randomArray(rng, size);
    const grads = [randomArray(rng, size), randomArray(rng, size), randomArray(rng, size)];
    const reference = params.slice();
    const js = createOptimizer(spec, size);
    for (const g of grads) expect(js.step(reference, g, 0.01)).toBe(true);

    const kernels = wasm();
    installAcceleratedKernels(kernels);
    const p = placed(kernels, params);
    const fast = createOptimizer(spec, size);
    for (const g of grads) expect(fast.step(p, placed(kernels, g), 0.01)).toBe(true);
    expect(Array.from(p)).toEqual(Array.from(reference));
    const bad = placed(kernels, grads[0]);
    bad[size - 2] = Infinity;
    expect(fast.step(p, bad, 0.01)).toBe(false);
  });
});

describe('a network on the WebAssembly kernels', () => {
  const spec = {
    inputs: 300,
    layers: [{ units: 33, activation: 'relu' as const }, { units: 130, activation: 'tanh' as const }, { units: 5, activation: 'softmax' as const }],
    loss: 'softmax-ce' as const,
  };
  const rows = 23;

  function batch() {
    const rng = mulberry32(77);
    const x = randomArray(rng, rows * spec.inputs, 0.75);
    const y = new Float64Array(rows * 5);
    for (let r = 0; r < rows; r++) y[r * 5 + (r % 5)] = 1;
    return { x, y, init: randomArray(rng, new Network(spec).params.length).map((v) => v * 0.2) };
  }

  /** Ten SGD steps; the parameters, gradients and losses. */
  function train(kernels: AcceleratedKernels | null) {
    installAcceleratedKernels(kernels);
    const { x, y, init } = batch();
    const net = new Network(spec);
    net.setParams(init);
    const sgd = createOptimizer({ kind: 'sgd' }, net.params.length);
    const losses: number[] = [];
    for (let step = 0; step < 10; step++) {
      losses.push(net.lossAndGradient(x, y, rows));
      sgd.step(net.params, net.grads, 0.1);
    }
    return { params: Array.from(net.params), grads: Array.from(net.grads), losses, net };
  }

  it('keeps its vectors in the kernels memory and trains exactly as on the JavaScript kernels', () => {
    const reference = train(null);
    const kernels = wasm();
    const fast = train(kernels);
    // the point of allocating there: the kernels read the parameters in place, without copies
    expect(fast.net.params.buffer).not.toBe(reference.net.params.buffer);
    expect(fast.net.params.buffer.constructor.name).toBe('SharedArrayBuffer');
    expect(fast.losses).toEqual(reference.losses);
    expect(fast.params).toEqual(reference.params);
    expect(fast.grads).toEqual(reference.grads);
  });

  it('passes the finite-difference gradient check', () => {
    installAcceleratedKernels(wasm());
    const { x, y, init } = batch();
    const net = new Network({ ...spec, layers: [{ units: 33, activation: 'tanh' }, ...spec.layers.slice(1)] });
    net.setParams(init);
    expect(gradientCheck(net, x, y, rows).maxRelativeError).toBeLessThan(1e-6);
  });

  it('keeps earlier vectors valid while the memory grows', () => {
    const kernels = wasm();
    const first = kernels.allocate(1000).fill(3);
    const big = kernels.allocate(4_000_000); // 32 MB: the memory has to grow
    big[big.length - 1] = 5;
    expect(first[999]).toBe(3);
    first[0] = 7;
    expect(first[0]).toBe(7);
    expect(big[big.length - 1]).toBe(5);
  });
});

describe('WebAssembly small-layer kernels', () => {
  it('tanh gives fastTanh.ts\'s bits everywhere, edge cases included', () => {
    const rng = mulberry32(5);
    const special = [0, -0, 0.625, -0.625, 0.6249999999999999, 19.5, -19.5, 19.499999999999996, 1e-300, -5e-324, 40, -1e300,
      Infinity, -Infinity, NaN, 1.25, 0.34657359027997264];
    const z = Float64Array.from([...special, ...Array.from({ length: 4001 }, () => (rng() - 0.5) * 50)]);
    const reference = new Float64Array(z.length);
    tanhInPlace(z, reference, z.length);
    const kernels = wasm();
    const a = placed(kernels, new Float64Array(z.length));
    kernels.tanh(placed(kernels, z), a, z.length);
    expect(Array.from(a)).toEqual(Array.from(reference));
  });

  it('relu gives z > 0 ? z : 0 to the bit: NaN and -0 give +0', () => {
    const z = Float64Array.from([NaN, -0, 0, -1, 2.5, Infinity, -Infinity, 5e-324, -5e-324]);
    const kernels = wasm();
    const a = placed(kernels, new Float64Array(z.length).fill(7));
    kernels.relu(placed(kernels, z), a, z.length);
    expect(Array.from(a)).toEqual(Array.from(z, (v) => (v > 0 ? v : 0)));
    expect(Object.is(a[0], 0) && Object.is(a[1], 0)).toBe(true);
  });

  it.each([[1, 2, 8], [9, 8, 8], [7, 8, 1], [5, 3, 11], [4, 13, 10]])('dense gives the reference z to the bit (%i rows, %i x %i)', (rows, fanIn, fanOut) => {
    const rng = mulberry32(rows + fanIn * 100 + fanOut * 10000);
    const x = randomArray(rng, (rows + 1) * fanIn, 0.3);
    const W = randomArray(rng, fanIn * fanOut);
    const b = randomArray(rng, fanOut);
    const reference = new Float64Array(rows * fanOut);
    const scratch = new NonZeroRows();
    dense(x, fanIn, rows, fanIn, fanOut, W, b, reference, scratch);
    const kernels = wasm();
    installAcceleratedKernels(kernels);
    scratch.inKernelMemory = true;
    const z = placed(kernels, new Float64Array(rows * fanOut).fill(NaN));
    dense(placed(kernels, x), fanIn, rows, fanIn, fanOut, placed(kernels, W), placed(kernels, b), z, scratch);
    expect(Array.from(z)).toEqual(Array.from(reference));
  });

  it('addScaled gives partial + c last to the bit, from offsets', () => {
    const rng = mulberry32(11);
    const partial = randomArray(rng, 41);
    const last = randomArray(rng, 41);
    const kernels = wasm();
    const out = placed(kernels, new Float64Array(33));
    kernels.addScaled(placed(kernels, partial), 3, -0.35, placed(kernels, last), 5, out, 33);
    expect(Array.from(out)).toEqual(Array.from({ length: 33 }, (_, e) => partial[3 + e] + -0.35 * last[5 + e]));
  });
});
