/**
 * The float32 training kernels (a TrainSpec's `precision: 'float32'`): 128-bit SIMD holds four
 * float32 lanes where it holds two float64, and the arrays take half the cache. Every argument is
 * a byte offset into the imported memory (row-major float32 arrays, W fanIn x fanOut as in the
 * engine; int32 index arrays) or a count.
 *
 * Each kernel computes every output element with the same float32 operations in the same order
 * as the JavaScript reference (src/shared/nn/float32Kernels.ts, Math.fround after each operation):
 * a lane is one scalar sum, multiply then add (no fused multiply-add), so the two agree bit for
 * bit. The orders are the float64 engine's: z_j starts at b_j and adds x_i w_ij for i ascending,
 * a weight gradient adds its rows in order and then takes the factor 1/rows, and a backpropagated
 * sum adds j ascending from 0.
 *
 * Sparse inputs: a layer's input (MNIST's pixels, about 80% zeros; ReLU outputs, about half) is
 * first listed as its non-zero entries, row by row (sparseRows32) and, for the weight gradient,
 * column by column (sparseColumns32); zeros are never multiplied, as in the float64 kernels.
 */

/**
 * The non-zero entries of a rows x cols matrix, row by row: row r's are index/values
 * [rowStart[r], rowStart[r + 1]), columns ascending; returns how many. Four entries are tested at
 * once and a block of four zeros costs one compare (blank borders of digits, dead ReLUs).
 * NaN counts as non-zero and -0 as zero, as `x !== 0` does.
 */
export function sparseRows32(input: usize, rows: i32, cols: i32, rowStart: usize, index: usize, values: usize): i32 {
  const zero = f32x4.splat(0);
  const rowBytes = <usize>cols << 2;
  let m = 0;
  for (let r = 0; r < rows; r++) {
    store<i32>(rowStart + (<usize>r << 2), m);
    const row = input + <usize>r * rowBytes;
    let c = 0;
    for (; c + 4 <= cols; c += 4) {
      const mask = i32x4.bitmask(f32x4.ne(v128.load(row + (<usize>c << 2)), zero));
      if (mask == 0) continue;
      // the four lanes without a branch each: every one is written at m, which moves on past a
      // non-zero (ReLU outputs are about half zeros, in no pattern a branch predictor could learn)
      const p = row + (<usize>c << 2);
      store<i32>(index + (<usize>m << 2), c);
      store<f32>(values + (<usize>m << 2), load<f32>(p));
      m += mask & 1;
      store<i32>(index + (<usize>m << 2), c + 1);
      store<f32>(values + (<usize>m << 2), load<f32>(p, 4));
      m += (mask >> 1) & 1;
      store<i32>(index + (<usize>m << 2), c + 2);
      store<f32>(values + (<usize>m << 2), load<f32>(p, 8));
      m += (mask >> 2) & 1;
      store<i32>(index + (<usize>m << 2), c + 3);
      store<f32>(values + (<usize>m << 2), load<f32>(p, 12));
      m += mask >> 3;
    }
    for (; c < cols; c++) {
      const v = load<f32>(row + (<usize>c << 2));
      if (v != 0) {
        store<i32>(index + (<usize>m << 2), c);
        store<f32>(values + (<usize>m << 2), v);
        m++;
      }
    }
  }
  store<i32>(rowStart + (<usize>rows << 2), m);
  return m;
}

/**
 * The same entries column by column (a counting sort of sparseRows32's list): column c's rows are
 * rowIndex/colValues [colStart[c], colStart[c + 1]), rows ascending. `cursor` is cols int32 of scratch.
 */
export function sparseColumns32(
  rows: i32, cols: i32, rowStart: usize, index: usize, values: usize,
  colStart: usize, rowIndex: usize, colValues: usize, cursor: usize,
): void {
  const nnz = load<i32>(rowStart + (<usize>rows << 2));
  memory.fill(cursor, 0, <usize>cols << 2);
  for (let e = 0; e < nnz; e++) {
    const p = cursor + (<usize>load<i32>(index + (<usize>e << 2)) << 2);
    store<i32>(p, load<i32>(p) + 1);
  }
  let start = 0;
  for (let c = 0; c < cols; c++) {
    const p = cursor + (<usize>c << 2);
    const count = load<i32>(p);
    store<i32>(colStart + (<usize>c << 2), start);
    store<i32>(p, start);
    start += count;
  }
  store<i32>(colStart + (<usize>cols << 2), start);
  for (let r = 0; r < rows; r++) {
    const end = load<i32>(rowStart + (<usize>(r + 1) << 2));
    for (let e = load<i32>(rowStart + (<usize>r << 2)); e < end; e++) {
      const p = cursor + (<usize>load<i32>(index + (<usize>e << 2)) << 2);
      const at = load<i32>(p);
      store<i32>(p, at + 1);
      store<i32>(rowIndex + (<usize>at << 2), r);
      store<f32>(colValues + (<usize>at << 2), load<f32>(values + (<usize>e << 2)));
    }
  }
}

/**
 * z = input W + b from the input's non-zero entries (sparseRows32): for each row, 32 units at a
 * time in eight registers, the row's entries in column order, one load of w per four units and
 * no store until the sum is done. z_j = b_j, then + x_i w_ij for the non-zero x_i, i ascending.
 * Units j0 <= j < j1 only, so that two threads can share a layer (each sum is the same either way).
 */
export function denseSparse32(rows: i32, fanOut: i32, rowStart: usize, index: usize, values: usize, W: usize, b: usize, z: usize, j0: i32, j1: i32): void {
  const outBytes = <usize>fanOut << 2;
  let j = j0;
  // 32 units at a time for every row, so that this strip of W (fanIn x 128 bytes) is what the rows reuse
  for (; j + 32 <= j1; j += 32) {
    const o = <usize>j << 2;
    for (let r = 0; r < rows; r++) {
      const from = load<i32>(rowStart + (<usize>r << 2));
      const to = load<i32>(rowStart + (<usize>(r + 1) << 2));
      let s0 = v128.load(b + o);
      let s1 = v128.load(b + o, 16);
      let s2 = v128.load(b + o, 32);
      let s3 = v128.load(b + o, 48);
      let s4 = v128.load(b + o, 64);
      let s5 = v128.load(b + o, 80);
      let s6 = v128.load(b + o, 96);
      let s7 = v128.load(b + o, 112);
      for (let k = from; k < to; k++) {
        const a = f32x4.splat(load<f32>(values + (<usize>k << 2)));
        const w = W + <usize>load<i32>(index + (<usize>k << 2)) * outBytes + o;
        s0 = f32x4.add(s0, f32x4.mul(a, v128.load(w)));
        s1 = f32x4.add(s1, f32x4.mul(a, v128.load(w, 16)));
        s2 = f32x4.add(s2, f32x4.mul(a, v128.load(w, 32)));
        s3 = f32x4.add(s3, f32x4.mul(a, v128.load(w, 48)));
        s4 = f32x4.add(s4, f32x4.mul(a, v128.load(w, 64)));
        s5 = f32x4.add(s5, f32x4.mul(a, v128.load(w, 80)));
        s6 = f32x4.add(s6, f32x4.mul(a, v128.load(w, 96)));
        s7 = f32x4.add(s7, f32x4.mul(a, v128.load(w, 112)));
      }
      const q = z + <usize>r * outBytes + o;
      v128.store(q, s0);
      v128.store(q, s1, 16);
      v128.store(q, s2, 32);
      v128.store(q, s3, 48);
      v128.store(q, s4, 64);
      v128.store(q, s5, 80);
      v128.store(q, s6, 96);
      v128.store(q, s7, 112);
    }
  }
  for (let r = 0; r < rows; r++) {
    const from = load<i32>(rowStart + (<usize>r << 2));
    const to = load<i32>(rowStart + (<usize>(r + 1) << 2));
    const zr = z + <usize>r * outBytes;
    let jj = j;
    for (; jj + 8 <= j1; jj += 8) {
      const o = <usize>jj << 2;
      let s0 = v128.load(b + o);
      let s1 = v128.load(b + o, 16);
      for (let k = from; k < to; k++) {
        const a = f32x4.splat(load<f32>(values + (<usize>k << 2)));
        const w = W + <usize>load<i32>(index + (<usize>k << 2)) * outBytes + o;
        s0 = f32x4.add(s0, f32x4.mul(a, v128.load(w)));
        s1 = f32x4.add(s1, f32x4.mul(a, v128.load(w, 16)));
      }
      v128.store(zr + o, s0);
      v128.store(zr + o, s1, 16);
    }
    for (; jj + 4 <= j1; jj += 4) {
      const o = <usize>jj << 2;
      let s = v128.load(b + o);
      for (let k = from; k < to; k++) {
        const w = W + <usize>load<i32>(index + (<usize>k << 2)) * outBytes + o;
        s = f32x4.add(s, f32x4.mul(f32x4.splat(load<f32>(values + (<usize>k << 2))), v128.load(w)));
      }
      v128.store(zr + o, s);
    }
    for (; jj < j1; jj++) {
      const o = <usize>jj << 2;
      let s = load<f32>(b + o);
      for (let k = from; k < to; k++) {
        s += load<f32>(values + (<usize>k << 2)) * load<f32>(W + <usize>load<i32>(index + (<usize>k << 2)) * outBytes + o);
      }
      store<f32>(zr + o, s);
    }
  }
}

/**
 * dL/db = (1/rows) sum_r delta[r,:] and dL/dW = (1/rows) sum_r x[r,:]^T delta[r,:] from the
 * input's non-zero entries column by column (sparseColumns32): row i of dL/dW sums, 32 units at a
 * time in registers, x[r,i] delta[r,:] over the rows with x[r,i] != 0 in row order, the first
 * product starting the sum, then the factor 1/rows (float32). A column of zeros gets zeros.
 * Units j0 <= j < j1 only (of dL/dW's rows and of dL/db), so that two threads can share a layer.
 */
export function weightGradientsSparse32(
  rows: i32, fanIn: i32, fanOut: i32, colStart: usize, rowIndex: usize, colValues: usize,
  delta: usize, gW: usize, gB: usize, j0: i32, j1: i32,
): void {
  const outBytes = <usize>fanOut << 2;
  const invRows: f32 = <f32>1 / <f32>rows;
  const inv = f32x4.splat(invRows);
  for (let j = j0; j < j1; j++) {
    let s: f32 = 0;
    for (let r = 0; r < rows; r++) s += load<f32>(delta + <usize>r * outBytes + (<usize>j << 2));
    store<f32>(gB + (<usize>j << 2), s * invRows);
  }
  for (let i = 0; i < fanIn; i++) {
    const g = gW + <usize>i * outBytes;
    const from = load<i32>(colStart + (<usize>i << 2));
    const to = load<i32>(colStart + (<usize>(i + 1) << 2));
    if (from == to) {
      memory.fill(g + (<usize>j0 << 2), 0, <usize>(j1 - j0) << 2);
      continue;
    }
    const v0 = load<f32>(colValues + (<usize>from << 2));
    const a0 = f32x4.splat(v0);
    const d0 = delta + <usize>load<i32>(rowIndex + (<usize>from << 2)) * outBytes;
    let j = j0;
    for (; j + 32 <= j1; j += 32) {
      const o = <usize>j << 2;
      const first = d0 + o;
      let s0 = f32x4.mul(a0, v128.load(first));
      let s1 = f32x4.mul(a0, v128.load(first, 16));
      let s2 = f32x4.mul(a0, v128.load(first, 32));
      let s3 = f32x4.mul(a0, v128.load(first, 48));
      let s4 = f32x4.mul(a0, v128.load(first, 64));
      let s5 = f32x4.mul(a0, v128.load(first, 80));
      let s6 = f32x4.mul(a0, v128.load(first, 96));
      let s7 = f32x4.mul(a0, v128.load(first, 112));
      for (let k = from + 1; k < to; k++) {
        const a = f32x4.splat(load<f32>(colValues + (<usize>k << 2)));
        const d = delta + <usize>load<i32>(rowIndex + (<usize>k << 2)) * outBytes + o;
        s0 = f32x4.add(s0, f32x4.mul(a, v128.load(d)));
        s1 = f32x4.add(s1, f32x4.mul(a, v128.load(d, 16)));
        s2 = f32x4.add(s2, f32x4.mul(a, v128.load(d, 32)));
        s3 = f32x4.add(s3, f32x4.mul(a, v128.load(d, 48)));
        s4 = f32x4.add(s4, f32x4.mul(a, v128.load(d, 64)));
        s5 = f32x4.add(s5, f32x4.mul(a, v128.load(d, 80)));
        s6 = f32x4.add(s6, f32x4.mul(a, v128.load(d, 96)));
        s7 = f32x4.add(s7, f32x4.mul(a, v128.load(d, 112)));
      }
      const q = g + o;
      v128.store(q, f32x4.mul(s0, inv));
      v128.store(q, f32x4.mul(s1, inv), 16);
      v128.store(q, f32x4.mul(s2, inv), 32);
      v128.store(q, f32x4.mul(s3, inv), 48);
      v128.store(q, f32x4.mul(s4, inv), 64);
      v128.store(q, f32x4.mul(s5, inv), 80);
      v128.store(q, f32x4.mul(s6, inv), 96);
      v128.store(q, f32x4.mul(s7, inv), 112);
    }
    for (; j + 4 <= j1; j += 4) {
      const o = <usize>j << 2;
      let s = f32x4.mul(a0, v128.load(d0 + o));
      for (let k = from + 1; k < to; k++) {
        const d = delta + <usize>load<i32>(rowIndex + (<usize>k << 2)) * outBytes + o;
        s = f32x4.add(s, f32x4.mul(f32x4.splat(load<f32>(colValues + (<usize>k << 2))), v128.load(d)));
      }
      v128.store(g + o, f32x4.mul(s, inv));
    }
    for (; j < j1; j++) {
      const o = <usize>j << 2;
      let s = v0 * load<f32>(d0 + o);
      for (let k = from + 1; k < to; k++) {
        s += load<f32>(colValues + (<usize>k << 2)) * load<f32>(delta + <usize>load<i32>(rowIndex + (<usize>k << 2)) * outBytes + o);
      }
      store<f32>(g + o, s * invRows);
    }
  }
}

/**
 * out[r,i] = sum_j w_ij delta[r,j], j ascending from 0, or 0 where the ReLU layer below has
 * z <= 0 (reluZ != 0). W is first transposed into `transposed` (fanOut x fanIn) so that
 * neighbouring i are neighbours in memory: one f32x4 holds four independent sums. Inputs
 * i0 <= i < i1 only (transposed and summed), so that two threads can share a layer.
 */
export function backpropagate32(
  W: usize, fanIn: i32, fanOut: i32, delta: usize, rows: i32, out: usize, reluZ: usize, transposed: usize, i0: i32, i1: i32,
): void {
  for (let i = i0; i < i1; i++) {
    const row = W + <usize>i * (<usize>fanOut << 2);
    for (let j = 0; j < fanOut; j++) {
      store<f32>(transposed + ((<usize>j * fanIn + i) << 2), load<f32>(row + (<usize>j << 2)));
    }
  }
  const inBytes = <usize>fanIn << 2;
  const outBytes = <usize>fanOut << 2;
  let r = 0;
  for (; r + 2 <= rows; r += 2) backpropagateTwoRows32(transposed, fanIn, fanOut, delta + <usize>r * outBytes, out + <usize>r * inBytes, i0, i1);
  if (r < rows) backpropagateTail32(transposed, fanIn, fanOut, delta + <usize>r * outBytes, out + <usize>r * inBytes, i0, i1);
  if (reluZ != 0) {
    const zero = f32x4.splat(0);
    for (r = 0; r < rows; r++) {
      const o0 = <usize>r * inBytes;
      let i = i0;
      for (; i + 4 <= i1; i += 4) {
        const o = o0 + (<usize>i << 2);
        v128.store(out + o, v128.bitselect(v128.load(out + o), zero, f32x4.gt(v128.load(reluZ + o), zero)));
      }
      for (; i < i1; i++) {
        const o = o0 + (<usize>i << 2);
        if (!(load<f32>(reluZ + o) > 0)) store<f32>(out + o, 0);
      }
    }
  }
}

/** Two rows (d and d + fanOut into o and o + fanIn), sixteen i of both at a time in eight registers. */
function backpropagateTwoRows32(transposed: usize, fanIn: i32, fanOut: i32, d: usize, o: usize, i0: i32, i1: i32): void {
  const inBytes = <usize>fanIn << 2;
  const outBytes = <usize>fanOut << 2;
  const zero = f32x4.splat(0);
  let i = i0;
  for (; i + 16 <= i1; i += 16) {
    let s0 = zero;
    let s1 = zero;
    let s2 = zero;
    let s3 = zero;
    let u0 = zero;
    let u1 = zero;
    let u2 = zero;
    let u3 = zero;
    const t = transposed + (<usize>i << 2);
    for (let j = 0; j < fanOut; j++) {
      const row = t + <usize>j * inBytes;
      const w0 = v128.load(row);
      const w1 = v128.load(row, 16);
      const w2 = v128.load(row, 32);
      const w3 = v128.load(row, 48);
      const dj = f32x4.splat(load<f32>(d + (<usize>j << 2)));
      const ej = f32x4.splat(load<f32>(d + outBytes + (<usize>j << 2)));
      s0 = f32x4.add(s0, f32x4.mul(w0, dj));
      s1 = f32x4.add(s1, f32x4.mul(w1, dj));
      s2 = f32x4.add(s2, f32x4.mul(w2, dj));
      s3 = f32x4.add(s3, f32x4.mul(w3, dj));
      u0 = f32x4.add(u0, f32x4.mul(w0, ej));
      u1 = f32x4.add(u1, f32x4.mul(w1, ej));
      u2 = f32x4.add(u2, f32x4.mul(w2, ej));
      u3 = f32x4.add(u3, f32x4.mul(w3, ej));
    }
    const p = o + (<usize>i << 2);
    v128.store(p, s0);
    v128.store(p, s1, 16);
    v128.store(p, s2, 32);
    v128.store(p, s3, 48);
    const q = p + inBytes;
    v128.store(q, u0);
    v128.store(q, u1, 16);
    v128.store(q, u2, 32);
    v128.store(q, u3, 48);
  }
  if (i < i1) {
    backpropagateTail32(transposed, fanIn, fanOut, d, o, i, i1);
    backpropagateTail32(transposed, fanIn, fanOut, d + outBytes, o + inBytes, i, i1);
  }
}

/** One row, i from `from` to i1: four i at a time, then one. */
function backpropagateTail32(transposed: usize, fanIn: i32, fanOut: i32, d: usize, o: usize, from: i32, i1: i32): void {
  const inBytes = <usize>fanIn << 2;
  let i = from;
  for (; i + 4 <= i1; i += 4) {
    let s = f32x4.splat(0);
    const t = transposed + (<usize>i << 2);
    for (let j = 0; j < fanOut; j++) {
      s = f32x4.add(s, f32x4.mul(v128.load(t + <usize>j * inBytes), f32x4.splat(load<f32>(d + (<usize>j << 2)))));
    }
    v128.store(o + (<usize>i << 2), s);
  }
  for (; i < i1; i++) {
    let s: f32 = 0;
    for (let j = 0; j < fanOut; j++) s += load<f32>(transposed + ((<usize>j * fanIn + i) << 2)) * load<f32>(d + (<usize>j << 2));
    store<f32>(o + (<usize>i << 2), s);
  }
}

/** a = z > 0 ? z : 0 (NaN and -0 give +0). */
export function relu32(z: usize, a: usize, n: i32): void {
  const zero = f32x4.splat(0);
  let e = 0;
  for (; e + 4 <= n; e += 4) {
    const o = <usize>e << 2;
    const v = v128.load(z + o);
    v128.store(a + o, v128.bitselect(v, zero, f32x4.gt(v, zero)));
  }
  for (; e < n; e++) {
    const v = load<f32>(z + (<usize>e << 2));
    store<f32>(a + (<usize>e << 2), v > 0 ? v : 0);
  }
}

/** Whether every lane of `check` (a sum of w * 0 terms) is 0, i.e. every w was finite. */
function allFinite32(check: v128, tail: f32): i32 {
  return i32(f32x4.extract_lane(check, 0) + f32x4.extract_lane(check, 1) + f32x4.extract_lane(check, 2) + f32x4.extract_lane(check, 3) + tail == 0);
}

/** params -= lr grads; returns 1 when every updated parameter is finite. */
export function sgdStep32(params: usize, grads: usize, n: i32, lr: f32): i32 {
  const rate = f32x4.splat(lr);
  const zero = f32x4.splat(0);
  let check = zero;
  let k = 0;
  for (; k + 4 <= n; k += 4) {
    const o = <usize>k << 2;
    const w = f32x4.sub(v128.load(params + o), f32x4.mul(rate, v128.load(grads + o)));
    v128.store(params + o, w);
    check = f32x4.add(check, f32x4.mul(w, zero));
  }
  let tail: f32 = 0;
  for (; k < n; k++) {
    const o = <usize>k << 2;
    const w = load<f32>(params + o) - lr * load<f32>(grads + o);
    store<f32>(params + o, w);
    tail += w * 0;
  }
  return allFinite32(check, tail);
}

/** b = mu b + g; w -= lr b (PyTorch's momentum, as optimizers.ts). Returns 1 when every w is finite. */
export function momentumStep32(params: usize, grads: usize, buffer: usize, n: i32, lr: f32, mu: f32): i32 {
  const rate = f32x4.splat(lr);
  const m = f32x4.splat(mu);
  const zero = f32x4.splat(0);
  let check = zero;
  let k = 0;
  for (; k + 4 <= n; k += 4) {
    const o = <usize>k << 2;
    const b = f32x4.add(f32x4.mul(m, v128.load(buffer + o)), v128.load(grads + o));
    v128.store(buffer + o, b);
    const w = f32x4.sub(v128.load(params + o), f32x4.mul(rate, b));
    v128.store(params + o, w);
    check = f32x4.add(check, f32x4.mul(w, zero));
  }
  let tail: f32 = 0;
  for (; k < n; k++) {
    const o = <usize>k << 2;
    const b = mu * load<f32>(buffer + o) + load<f32>(grads + o);
    store<f32>(buffer + o, b);
    const w = load<f32>(params + o) - lr * b;
    store<f32>(params + o, w);
    tail += w * 0;
  }
  return allFinite32(check, tail);
}

/**
 * Adam as optimizers.ts, in float32: m = b1 m + (1 - b1) g; s = b2 s + (1 - b2) g g;
 * w -= lr m c1 / (sqrt(s c2) + eps). `oneMinusBeta1/2` are passed so that host and reference
 * round them once, the same way. Returns 1 when every w is finite.
 */
export function adamStep32(
  params: usize, grads: usize, m: usize, s: usize, n: i32, lr: f32, beta1: f32, beta2: f32,
  oneMinusBeta1: f32, oneMinusBeta2: f32, epsilon: f32, correction1: f32, correction2: f32,
): i32 {
  const b1 = f32x4.splat(beta1);
  const b2 = f32x4.splat(beta2);
  const c1 = f32x4.splat(correction1);
  const c2 = f32x4.splat(correction2);
  const ob1 = f32x4.splat(oneMinusBeta1);
  const ob2 = f32x4.splat(oneMinusBeta2);
  const rate = f32x4.splat(lr);
  const eps = f32x4.splat(epsilon);
  const zero = f32x4.splat(0);
  let check = zero;
  let k = 0;
  for (; k + 4 <= n; k += 4) {
    const o = <usize>k << 2;
    const g = v128.load(grads + o);
    const mk = f32x4.add(f32x4.mul(b1, v128.load(m + o)), f32x4.mul(ob1, g));
    v128.store(m + o, mk);
    const sk = f32x4.add(f32x4.mul(b2, v128.load(s + o)), f32x4.mul(f32x4.mul(ob2, g), g));
    v128.store(s + o, sk);
    const step = f32x4.div(f32x4.mul(f32x4.mul(rate, mk), c1), f32x4.add(f32x4.sqrt(f32x4.mul(sk, c2)), eps));
    const w = f32x4.sub(v128.load(params + o), step);
    v128.store(params + o, w);
    check = f32x4.add(check, f32x4.mul(w, zero));
  }
  let tail: f32 = 0;
  for (; k < n; k++) {
    const o = <usize>k << 2;
    const g = load<f32>(grads + o);
    const mk = beta1 * load<f32>(m + o) + oneMinusBeta1 * g;
    store<f32>(m + o, mk);
    const sk = beta2 * load<f32>(s + o) + oneMinusBeta2 * g * g;
    store<f32>(s + o, sk);
    const w = load<f32>(params + o) - (lr * mk * correction1) / (Mathf.sqrt(sk * correction2) + epsilon);
    store<f32>(params + o, w);
    tail += w * 0;
  }
  return allFinite32(check, tail);
}
