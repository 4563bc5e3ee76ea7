/**
 * The float32 kernels: the WebAssembly SIMD ones (assembly/float32.ts) against the JavaScript
 * reference (float32Kernels.ts, Math.fround after every operation), bit for bit, on random
 * shapes (odd sizes below and above a SIMD block, sparse rows, a zero column, -0 and NaN inputs,
 * a batch from an offset row); and the reference itself against the float64 kernels, to float32's
 * accuracy, so that both compute the engine's products.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { instantiateWasmKernels, kernelsWasmPath } from '../../../src/main/data/wasmKernels';
import { jsFloat32Kernels, sparseEntries32, type Float32Kernels } from '../../../src/shared/nn/float32Kernels';
import { backpropagate, dense, NonZeroRows, weightGradients } from '../../../src/shared/nn/kernels';
import { mulberry32 } from '../../../src/shared/nn/rng';

const wasm = (): Float32Kernels => {
  const kernels = instantiateWasmKernels(readFileSync(kernelsWasmPath())).float32;
  if (!kernels) throw new Error('the WebAssembly module has no float32 kernels');
  return kernels;
};

/** Values in [-1, 1) rounded to float32, a fraction `zeros` of them 0 (some -0). */
function randomValues(rng: () => number, n: number, zeros = 0): number[] {
  return Array.from({ length: n }, () => {
    const u = rng();
    if (u < zeros) return u < zeros / 8 ? -0 : 0;
    return Math.fround(2 * rng() - 1);
  });
}

const vectorOf = (kernels: Float32Kernels, values: readonly number[]): Float32Array => {
  const v = kernels.vector(values.length);
  v.set(values);
  return v;
};

/** Bit patterns, so that -0 and 0 and NaNs compare exactly. */
const bits = (v: Float32Array, n = v.length): number[] => Array.from(new Int32Array(v.buffer, v.byteOffset, n));

/** Rows, fan-in, fan-out: 1 to 37 rows, fan-outs around the 32-, 8- and 4-wide blocks, MNIST's 784 x 128. */
const SHAPES: [rows: number, fanIn: number, fanOut: number][] = [
  [1, 5, 3], [2, 9, 4], [3, 33, 7], [4, 784, 17], [7, 100, 64], [32, 784, 128], [37, 91, 53], [16, 128, 10], [5, 13, 35], [6, 64, 41],
];

interface Case { x: number[]; W: number[]; b: number[]; delta: number[]; reluZ: number[]; row0: number }

function makeCase(rows: number, fanIn: number, fanOut: number): Case {
  const rng = mulberry32(rows * 7919 + fanIn * 31 + fanOut);
  const row0 = 2;
  const x = randomValues(rng, (rows + row0) * fanIn, 0.75);
  for (let r = 0; r < rows + row0; r++) x[r * fanIn + Math.min(3, fanIn - 1)] = 0; // a column zero in every row
  const reluZ = randomValues(rng, rows * fanIn, 0.1);
  reluZ[0] = NaN;
  return { x, W: randomValues(rng, fanIn * fanOut), b: randomValues(rng, fanOut), delta: randomValues(rng, rows * fanOut), reluZ, row0 };
}

/** Runs every kernel on one case; returns each output. */
function runAll(kernels: Float32Kernels, rows: number, fanIn: number, fanOut: number, c: Case) {
  const s = sparseEntries32(kernels, rows, fanIn);
  const count = kernels.sparseRows(vectorOf(kernels, c.x), c.row0, rows, fanIn, s);
  kernels.sparseColumns(rows, fanIn, s);
  const W = vectorOf(kernels, c.W);
  const z = vectorOf(kernels, new Array(rows * fanOut).fill(NaN));
  kernels.denseSparse(rows, fanOut, s, W, vectorOf(kernels, c.b), z);
  const delta = vectorOf(kernels, c.delta);
  const gW = vectorOf(kernels, new Array(fanIn * fanOut).fill(NaN));
  const gB = vectorOf(kernels, new Array(fanOut).fill(NaN));
  kernels.weightGradientsSparse(rows, fanIn, fanOut, s, delta, gW, gB);
  const transposed = kernels.vector(fanIn * fanOut);
  const back = vectorOf(kernels, new Array(rows * fanIn).fill(NaN));
  kernels.backpropagate(W, fanIn, fanOut, delta, rows, back, null, transposed);
  const masked = vectorOf(kernels, new Array(rows * fanIn).fill(NaN));
  kernels.backpropagate(W, fanIn, fanOut, delta, rows, masked, vectorOf(kernels, c.reluZ), transposed);
  const relu = kernels.vector(rows * fanIn);
  kernels.relu(vectorOf(kernels, c.reluZ), relu, rows * fanIn);
  return {
    count, rowStart: Array.from(s.rowStart), index: Array.from(s.index.subarray(0, count)), values: bits(s.values, count),
    colStart: Array.from(s.colStart), rowIndex: Array.from(s.rowIndex.subarray(0, count)), colValues: bits(s.colValues, count),
    z: bits(z), gW: bits(gW), gB: bits(gB), back: bits(back), masked: bits(masked), relu: bits(relu),
    floats: { z, gW, gB, back },
  };
}

describe('float32 kernels: WebAssembly SIMD against the JavaScript reference', () => {
  const simd = wasm();

  it.each(SHAPES)('every kernel gives the reference bits (%i rows, %i x %i)', (rows, fanIn, fanOut) => {
    const c = makeCase(rows, fanIn, fanOut);
    const { floats: _f, ...reference } = runAll(jsFloat32Kernels, rows, fanIn, fanOut, c);
    const { floats: _g, ...ours } = runAll(simd, rows, fanIn, fanOut, c);
    expect(ours).toEqual(reference);
    expect(reference.count).toBeGreaterThan(0);
    expect(reference.count).toBeLessThan(rows * fanIn); // sparse: zeros were skipped
  });

  it('lists NaN inputs as entries and skips -0, as `x !== 0` does', () => {
    for (const kernels of [jsFloat32Kernels, simd]) {
      const s = sparseEntries32(kernels, 1, 6);
      const count = kernels.sparseRows(vectorOf(kernels, [0, -0, NaN, 2, 0, -3]), 0, 1, 6, s);
      expect(count).toBe(3);
      expect(Array.from(s.index.subarray(0, 3))).toEqual([2, 3, 5]);
    }
  });

  it.each([['sgd'], ['momentum'], ['adam']])('the %s step gives the reference bits and reports non-finite parameters', (kind) => {
    const rng = mulberry32(kind.length);
    for (const n of [1, 7, 4099]) {
      const start = randomValues(rng, n);
      const grads = randomValues(rng, n);
      const results = [jsFloat32Kernels, simd].map((kernels) => {
        const params = vectorOf(kernels, start);
        const g = vectorOf(kernels, grads);
        const a = kernels.vector(n);
        const b = kernels.vector(n);
        const finite: boolean[] = [];
        for (let t = 1; t <= 3; t++) {
          if (kind === 'sgd') finite.push(kernels.sgdStep(params, g, 0.1));
          else if (kind === 'momentum') finite.push(kernels.momentumStep(params, g, a, 0.1, 0.9));
          else finite.push(kernels.adamStep(params, g, a, b, 0.01, 0.9, 0.999, 1e-8, 1 / (1 - 0.9 ** t), 1 / (1 - 0.999 ** t)));
        }
        g[n - 1] = Infinity;
        finite.push(kernels.sgdStep(params, g, 0.1));
        return { params: bits(params), finite };
      });
      expect(results[1]).toEqual(results[0]);
      expect(results[0].finite).toEqual([true, true, true, false]);
    }
  });
});

describe('the float32 reference computes the float64 kernels products', () => {
  it.each(SHAPES)('to float32 accuracy (%i rows, %i x %i)', (rows, fanIn, fanOut) => {
    const c = makeCase(rows, fanIn, fanOut);
    const { floats } = runAll(jsFloat32Kernels, rows, fanIn, fanOut, c);
    const x = Float64Array.from(c.x);
    const W = Float64Array.from(c.W);
    const delta = Float64Array.from(c.delta);
    const scratch = new NonZeroRows();
    scratch.ensure(rows);
    const z = new Float64Array(rows * fanOut);
    dense(x, c.row0 * fanIn, rows, fanIn, fanOut, W, Float64Array.from(c.b), z, scratch);
    const gW = new Float64Array(fanIn * fanOut);
    const gB = new Float64Array(fanOut);
    weightGradients(x, c.row0 * fanIn, rows, fanIn, fanOut, delta, gW, gB, scratch);
    const back = new Float64Array(rows * fanIn);
    backpropagate(W, fanIn, fanOut, delta, rows, back);
    // sums of up to 784 products of numbers below 1: float32's relative 6e-8 per operation, times the terms
    const close = (ours: Float32Array, wanted: Float64Array, terms: number) => {
      for (let k = 0; k < wanted.length; k++) expect(Math.abs(ours[k] - wanted[k])).toBeLessThan(1e-6 * terms);
    };
    close(floats.z, z, fanIn);
    close(floats.gW, gW, rows);
    close(floats.gB, gB, rows);
    close(floats.back, back, fanOut);
  });
});
