/**
 * The float32 training kernels (a TrainSpec's `precision: 'float32'`, float32Network.ts), and
 * their JavaScript reference. Each loop below rounds to float32 after every operation
 * (Math.fround), so it computes exactly what the WebAssembly SIMD kernels of assembly/float32.ts
 * compute in float32 lanes: the tests compare the two bit for bit, and a thread without the
 * WebAssembly kernels trains the same run, only slower. The orders of the sums are the float64
 * engine's (kernels.ts): z_j = b_j, then + x_i w_ij for the non-zero x_i, i ascending; a weight
 * gradient adds its rows in order, the first product starting the sum, then the factor 1/rows;
 * a backpropagated sum adds j ascending from 0.
 *
 * Sparse inputs: a layer's input is first listed as its non-zero entries row by row
 * (sparseRows), and for the weight gradient column by column (sparseColumns), so zeros (blank
 * pixels, dead ReLUs) are never multiplied.
 */

export type FloatArray = Float64Array | Float32Array;

const f = Math.fround;

/** A layer input's non-zero entries, by row and by column; capacity rows x cols entries. */
export interface SparseEntries32 {
  /** Row r's entries are index/values [rowStart[r], rowStart[r + 1]), columns ascending. */
  readonly rowStart: Int32Array;
  readonly index: Int32Array;
  readonly values: Float32Array;
  /** Column c's entries are rowIndex/colValues [colStart[c], colStart[c + 1]), rows ascending. */
  readonly colStart: Int32Array;
  readonly rowIndex: Int32Array;
  readonly colValues: Float32Array;
  /** Scratch of sparseColumns, cols entries. */
  readonly cursor: Int32Array;
}

/**
 * Every array a method receives must come from the same kernels' `vector`, `indices` or
 * `sparseEntries` (the WebAssembly ones read them in place in their memory).
 */
export interface Float32Kernels {
  readonly name: string;
  /** A zeroed float32 vector the kernels can read in place. */
  vector(length: number): Float32Array;
  /** A zeroed int32 vector the kernels can read in place. */
  indices(length: number): Int32Array;
  /** The non-zero entries of `rows` rows of `cols` values of `input` from row `row0`; returns how many. */
  sparseRows(input: Float32Array, row0: number, rows: number, cols: number, s: SparseEntries32): number;
  /** s's entries by column, from its rows (sparseRows first). */
  sparseColumns(rows: number, cols: number, s: SparseEntries32): void;
  /**
   * The same, possibly on another thread while this one goes on: every later call that reads or
   * writes s (or shares work with that thread) waits for it first. The reference does it at once.
   */
  sparseColumnsSoon(rows: number, cols: number, s: SparseEntries32): void;
  /** z = input W + b from the input's entries by row. */
  denseSparse(rows: number, fanOut: number, s: SparseEntries32, W: Float32Array, b: Float32Array, z: Float32Array): void;
  /** dL/dW = (1/rows) x^T delta from the input's entries by column, dL/db = mean_r delta[r]. */
  weightGradientsSparse(rows: number, fanIn: number, fanOut: number, s: SparseEntries32,
    delta: Float32Array, gW: Float32Array, gB: Float32Array): void;
  /** out = delta W^T, 0 where reluZ <= 0; `transposed` holds fanIn x fanOut values of scratch. */
  backpropagate(W: Float32Array, fanIn: number, fanOut: number, delta: Float32Array, rows: number,
    out: Float32Array, reluZ: Float32Array | null, transposed: Float32Array): void;
  relu(z: Float32Array, a: Float32Array, n: number): void;
  /** The optimizer steps of optimizers.ts in float32; each returns whether every parameter stayed finite. */
  sgdStep(params: Float32Array, grads: Float32Array, lr: number): boolean;
  momentumStep(params: Float32Array, grads: Float32Array, buffer: Float32Array, lr: number, mu: number): boolean;
  adamStep(params: Float32Array, grads: Float32Array, m: Float32Array, s: Float32Array, lr: number,
    beta1: number, beta2: number, epsilon: number, correction1: number, correction2: number): boolean;
}

/** Scratch for the entries of a rows x cols input, from `kernels`. */
export function sparseEntries32(kernels: Float32Kernels, rows: number, cols: number): SparseEntries32 {
  const capacity = Math.max(1, rows * cols);
  return {
    rowStart: kernels.indices(rows + 1),
    index: kernels.indices(capacity),
    values: kernels.vector(capacity),
    colStart: kernels.indices(cols + 1),
    rowIndex: kernels.indices(capacity),
    colValues: kernels.vector(capacity),
    cursor: kernels.indices(cols),
  };
}

/** The JavaScript reference: the same float32 operations, in the same order, as the WebAssembly kernels. */
export const jsFloat32Kernels: Float32Kernels = {
  name: 'js',
  vector: (length) => new Float32Array(length),
  indices: (length) => new Int32Array(length),

  sparseRows(input, row0, rows, cols, s) {
    let m = 0;
    for (let r = 0; r < rows; r++) {
      s.rowStart[r] = m;
      const o = (row0 + r) * cols;
      for (let c = 0; c < cols; c++) {
        const v = input[o + c];
        if (v !== 0) {
          s.index[m] = c;
          s.values[m] = v;
          m++;
        }
      }
    }
    s.rowStart[rows] = m;
    return m;
  },

  sparseColumns(rows, cols, s) {
    const { rowStart, index, values, colStart, rowIndex, colValues, cursor } = s;
    cursor.fill(0, 0, cols);
    for (let e = 0; e < rowStart[rows]; e++) cursor[index[e]]++;
    let start = 0;
    for (let c = 0; c < cols; c++) {
      const count = cursor[c];
      colStart[c] = start;
      cursor[c] = start;
      start += count;
    }
    colStart[cols] = start;
    for (let r = 0; r < rows; r++) {
      for (let e = rowStart[r]; e < rowStart[r + 1]; e++) {
        const at = cursor[index[e]]++;
        rowIndex[at] = r;
        colValues[at] = values[e];
      }
    }
  },

  sparseColumnsSoon(rows, cols, s) {
    jsFloat32Kernels.sparseColumns(rows, cols, s);
  },

  denseSparse(rows, fanOut, s, W, b, z) {
    for (let r = 0; r < rows; r++) {
      for (let j = 0; j < fanOut; j++) {
        let sum = b[j];
        for (let k = s.rowStart[r]; k < s.rowStart[r + 1]; k++) sum = f(sum + f(s.values[k] * W[s.index[k] * fanOut + j]));
        z[r * fanOut + j] = sum;
      }
    }
  },

  weightGradientsSparse(rows, fanIn, fanOut, s, delta, gW, gB) {
    const invRows = f(1 / rows);
    for (let j = 0; j < fanOut; j++) {
      let sum = 0;
      for (let r = 0; r < rows; r++) sum = f(sum + delta[r * fanOut + j]);
      gB[j] = f(sum * invRows);
    }
    for (let i = 0; i < fanIn; i++) {
      const from = s.colStart[i];
      const to = s.colStart[i + 1];
      for (let j = 0; j < fanOut; j++) {
        if (from === to) {
          gW[i * fanOut + j] = 0;
          continue;
        }
        let sum = f(s.colValues[from] * delta[s.rowIndex[from] * fanOut + j]);
        for (let k = from + 1; k < to; k++) sum = f(sum + f(s.colValues[k] * delta[s.rowIndex[k] * fanOut + j]));
        gW[i * fanOut + j] = f(sum * invRows);
      }
    }
  },

  backpropagate(W, fanIn, fanOut, delta, rows, out, reluZ) {
    for (let r = 0; r < rows; r++) {
      for (let i = 0; i < fanIn; i++) {
        let sum = 0;
        for (let j = 0; j < fanOut; j++) sum = f(sum + f(W[i * fanOut + j] * delta[r * fanOut + j]));
        out[r * fanIn + i] = reluZ !== null && !(reluZ[r * fanIn + i] > 0) ? 0 : sum;
      }
    }
  },

  relu(z, a, n) {
    for (let e = 0; e < n; e++) a[e] = z[e] > 0 ? z[e] : 0;
  },

  sgdStep(params, grads, lr) {
    const rate = f(lr);
    let check = 0;
    for (let k = 0; k < params.length; k++) {
      const w = f(params[k] - f(rate * grads[k]));
      params[k] = w;
      check += w * 0;
    }
    return check === 0;
  },

  momentumStep(params, grads, buffer, lr, mu) {
    const rate = f(lr);
    const m = f(mu);
    let check = 0;
    for (let k = 0; k < params.length; k++) {
      const b = f(f(m * buffer[k]) + grads[k]);
      buffer[k] = b;
      const w = f(params[k] - f(rate * b));
      params[k] = w;
      check += w * 0;
    }
    return check === 0;
  },

  adamStep(params, grads, m, s, lr, beta1, beta2, epsilon, correction1, correction2) {
    const [rate, b1, b2, ob1, ob2, eps, c1, c2] = adamConstants32(lr, beta1, beta2, epsilon, correction1, correction2);
    let check = 0;
    for (let k = 0; k < params.length; k++) {
      const g = grads[k];
      const mk = f(f(b1 * m[k]) + f(ob1 * g));
      m[k] = mk;
      const sk = f(f(b2 * s[k]) + f(f(ob2 * g) * g));
      s[k] = sk;
      const step = f(f(f(rate * mk) * c1) / f(f(Math.sqrt(f(sk * c2))) + eps));
      const w = f(params[k] - step);
      params[k] = w;
      check += w * 0;
    }
    return check === 0;
  },
};

/** Adam's constants as both kernels take them, each rounded once to float32: lr, b1, b2, 1 - b1, 1 - b2, eps, c1, c2. */
export function adamConstants32(lr: number, beta1: number, beta2: number, epsilon: number, correction1: number, correction2: number): number[] {
  return [lr, beta1, beta2, 1 - beta1, 1 - beta2, epsilon, correction1, correction2].map(f);
}
