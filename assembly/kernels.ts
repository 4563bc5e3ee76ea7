/**
 * The large-layer kernels of src/shared/nn/kernels.ts in WebAssembly SIMD (AssemblyScript,
 * built by scripts/build-wasm.mjs). Every argument is a byte offset into the imported memory
 * (row-major float64 arrays, W fanIn x fanOut as in the engine) or a count.
 *
 * Each kernel computes every output element with the same operations in the same order as the
 * JavaScript reference (kernels.ts), two elements per f64x2 lane pair: a lane is one scalar sum,
 * multiply then add (no fused multiply-add), so the results agree bit for bit and the float64
 * check values of bench/TASKS.md reproduce. Only whole-array passes across the j (or i) index are
 * vectorized, never a single sum.
 */

/**
 * z = input W + b, zero inputs skipped, in blocks of rows whose z stays in the first-level cache
 * (about 32 KB: 32 rows of 128 units), so that a long evaluation (1,024 rows) does not stream
 * all of z through the cache once per input unit. Blocking rows changes no sum: each z[r,j]
 * still adds its terms in i order.
 */
export function denseLarge(
  input: usize, rows: i32, fanIn: i32, fanOut: i32, W: usize, b: usize, z: usize,
  offsets: usize, values: usize,
): void {
  const block = max(4, min(64, 4096 / fanOut));
  for (let r0 = 0; r0 < rows; r0 += block) {
    denseLargeBlock(
      input + <usize>r0 * (<usize>fanIn << 3), min(block, rows - r0), fanIn, fanOut, W, b,
      z + <usize>r0 * (<usize>fanOut << 3), offsets, values,
    );
  }
}

/** z = input W + b for one block of rows: for each input unit i, the rows with x[r,i] != 0, four at a time. */
function denseLargeBlock(
  input: usize, rows: i32, fanIn: i32, fanOut: i32, W: usize, b: usize, z: usize,
  offsets: usize, values: usize,
): void {
  const rowBytes = <usize>fanOut << 3;
  const pairs = fanOut & ~1;
  for (let r = 0; r < rows; r++) memory.copy(z + <usize>r * rowBytes, b, rowBytes);
  for (let i = 0; i < fanIn; i++) {
    const w = W + <usize>i * rowBytes;
    const m = gatherNonZeroRows(input, rows, fanIn, fanOut, i, offsets, values);
    let k = 0;
    for (; k + 4 <= m; k += 4) {
      const z0 = z + <usize>load<i32>(offsets + (<usize>k << 2)) * 8;
      const z1 = z + <usize>load<i32>(offsets + (<usize>(k + 1) << 2)) * 8;
      const z2 = z + <usize>load<i32>(offsets + (<usize>(k + 2) << 2)) * 8;
      const z3 = z + <usize>load<i32>(offsets + (<usize>(k + 3) << 2)) * 8;
      const s0 = load<f64>(values + (<usize>k << 3));
      const s1 = load<f64>(values + (<usize>(k + 1) << 3));
      const s2 = load<f64>(values + (<usize>(k + 2) << 3));
      const s3 = load<f64>(values + (<usize>(k + 3) << 3));
      const a0 = f64x2.splat(s0);
      const a1 = f64x2.splat(s1);
      const a2 = f64x2.splat(s2);
      const a3 = f64x2.splat(s3);
      let j = 0;
      for (; j < pairs; j += 2) {
        const o = <usize>j << 3;
        const wj = v128.load(w + o);
        v128.store(z0 + o, f64x2.add(v128.load(z0 + o), f64x2.mul(a0, wj)));
        v128.store(z1 + o, f64x2.add(v128.load(z1 + o), f64x2.mul(a1, wj)));
        v128.store(z2 + o, f64x2.add(v128.load(z2 + o), f64x2.mul(a2, wj)));
        v128.store(z3 + o, f64x2.add(v128.load(z3 + o), f64x2.mul(a3, wj)));
      }
      if (j < fanOut) {
        const o = <usize>j << 3;
        const wj = load<f64>(w + o);
        store<f64>(z0 + o, load<f64>(z0 + o) + s0 * wj);
        store<f64>(z1 + o, load<f64>(z1 + o) + s1 * wj);
        store<f64>(z2 + o, load<f64>(z2 + o) + s2 * wj);
        store<f64>(z3 + o, load<f64>(z3 + o) + s3 * wj);
      }
    }
    for (; k < m; k++) {
      const zr = z + <usize>load<i32>(offsets + (<usize>k << 2)) * 8;
      const s = load<f64>(values + (<usize>k << 3));
      const a = f64x2.splat(s);
      let j = 0;
      for (; j < pairs; j += 2) {
        const o = <usize>j << 3;
        v128.store(zr + o, f64x2.add(v128.load(zr + o), f64x2.mul(a, v128.load(w + o))));
      }
      if (j < fanOut) {
        const o = <usize>j << 3;
        store<f64>(zr + o, load<f64>(zr + o) + s * load<f64>(w + o));
      }
    }
  }
}

/**
 * dL/db = (1/rows) sum_r delta[r,:] and dL/dW = (1/rows) sum_r x[r,:]^T delta[r,:], zero inputs
 * skipped, in the reference's order: for each input unit i, the rows with x[r,i] != 0 in row
 * order, the first product starting the sum, then the factor 1/rows.
 */
export function weightGradients(
  input: usize, rows: i32, fanIn: i32, fanOut: i32, delta: usize, gW: usize, gB: usize,
  offsets: usize, values: usize,
): void {
  const rowBytes = <usize>fanOut << 3;
  const invRows = 1 / <f64>rows;
  const inv = f64x2.splat(invRows);
  for (let j = 0; j < fanOut; j++) {
    let s: f64 = 0;
    for (let r = 0; r < rows; r++) s += load<f64>(delta + <usize>r * rowBytes + (<usize>j << 3));
    store<f64>(gB + (<usize>j << 3), s * invRows);
  }
  for (let i = 0; i < fanIn; i++) {
    const g = gW + <usize>i * rowBytes;
    const m = gatherNonZeroRows(input, rows, fanIn, fanOut, i, offsets, values);
    if (m === 0) {
      memory.fill(g, 0, rowBytes);
      continue;
    }
    // the reference adds the products in gathered order, the first one starting the sum (its
    // grouping by four is that same order), so sixteen dL/dw_ij at a time stay in registers
    const d0 = delta + <usize>load<i32>(offsets) * 8;
    const v0 = load<f64>(values);
    const a0 = f64x2.splat(v0);
    let j = 0;
    for (; j + 16 <= fanOut; j += 16) {
      const o = <usize>j << 3;
      const first = d0 + o;
      let s0 = f64x2.mul(a0, v128.load(first));
      let s1 = f64x2.mul(a0, v128.load(first, 16));
      let s2 = f64x2.mul(a0, v128.load(first, 32));
      let s3 = f64x2.mul(a0, v128.load(first, 48));
      let s4 = f64x2.mul(a0, v128.load(first, 64));
      let s5 = f64x2.mul(a0, v128.load(first, 80));
      let s6 = f64x2.mul(a0, v128.load(first, 96));
      let s7 = f64x2.mul(a0, v128.load(first, 112));
      for (let k = 1; k < m; k++) {
        const a = f64x2.splat(load<f64>(values + (<usize>k << 3)));
        const d = delta + <usize>load<i32>(offsets + (<usize>k << 2)) * 8 + o;
        s0 = f64x2.add(s0, f64x2.mul(a, v128.load(d)));
        s1 = f64x2.add(s1, f64x2.mul(a, v128.load(d, 16)));
        s2 = f64x2.add(s2, f64x2.mul(a, v128.load(d, 32)));
        s3 = f64x2.add(s3, f64x2.mul(a, v128.load(d, 48)));
        s4 = f64x2.add(s4, f64x2.mul(a, v128.load(d, 64)));
        s5 = f64x2.add(s5, f64x2.mul(a, v128.load(d, 80)));
        s6 = f64x2.add(s6, f64x2.mul(a, v128.load(d, 96)));
        s7 = f64x2.add(s7, f64x2.mul(a, v128.load(d, 112)));
      }
      const q = g + o;
      v128.store(q, f64x2.mul(s0, inv));
      v128.store(q, f64x2.mul(s1, inv), 16);
      v128.store(q, f64x2.mul(s2, inv), 32);
      v128.store(q, f64x2.mul(s3, inv), 48);
      v128.store(q, f64x2.mul(s4, inv), 64);
      v128.store(q, f64x2.mul(s5, inv), 80);
      v128.store(q, f64x2.mul(s6, inv), 96);
      v128.store(q, f64x2.mul(s7, inv), 112);
    }
    for (; j + 2 <= fanOut; j += 2) {
      const o = <usize>j << 3;
      let s = f64x2.mul(a0, v128.load(d0 + o));
      for (let k = 1; k < m; k++) {
        const d = delta + <usize>load<i32>(offsets + (<usize>k << 2)) * 8 + o;
        s = f64x2.add(s, f64x2.mul(f64x2.splat(load<f64>(values + (<usize>k << 3))), v128.load(d)));
      }
      v128.store(g + o, f64x2.mul(s, inv));
    }
    if (j < fanOut) {
      const o = <usize>j << 3;
      let s = v0 * load<f64>(d0 + o);
      for (let k = 1; k < m; k++) s += load<f64>(values + (<usize>k << 3)) * load<f64>(delta + <usize>load<i32>(offsets + (<usize>k << 2)) * 8 + o);
      store<f64>(g + o, s * invRows);
    }
  }
}

/**
 * out[r,i] = sum_j w_ij delta[r,j], j ascending from 0, or 0 where the ReLU layer below has
 * z <= 0 (reluZ != 0). W is first transposed into `transposed` (fanOut x fanIn) so that
 * neighbouring i are neighbours in memory and one f64x2 holds two independent sums.
 */
export function backpropagate(
  W: usize, fanIn: i32, fanOut: i32, delta: usize, rows: i32, out: usize, reluZ: usize, transposed: usize,
): void {
  for (let i = 0; i < fanIn; i++) {
    for (let j = 0; j < fanOut; j++) {
      store<f64>(transposed + ((<usize>j * fanIn + i) << 3), load<f64>(W + ((<usize>i * fanOut + j) << 3)));
    }
  }
  const inBytes = <usize>fanIn << 3;
  const outBytes = <usize>fanOut << 3;
  let r = 0;
  // two rows at a time: each load of the transposed W serves both
  for (; r + 2 <= rows; r += 2) backpropagateTwoRows(transposed, fanIn, fanOut, delta + <usize>r * outBytes, out + <usize>r * inBytes);
  if (r < rows) backpropagateTail(transposed, fanIn, fanOut, delta + <usize>r * outBytes, out + <usize>r * inBytes, 0);
  if (reluZ !== 0) {
    // 0 where !(z > 0), NaN included, as in the reference; without a branch (half the z are <= 0, at random)
    const n = rows * fanIn;
    const zero = f64x2.splat(0);
    let k = 0;
    for (; k + 2 <= n; k += 2) {
      const o = <usize>k << 3;
      v128.store(out + o, v128.bitselect(v128.load(out + o), zero, f64x2.gt(v128.load(reluZ + o), zero)));
    }
    if (k < n && !(load<f64>(reluZ + (<usize>k << 3)) > 0)) store<f64>(out + (<usize>k << 3), 0);
  }
}

/** out[i] = sum_j transposed[j,i] d[j], j ascending from 0, for rows d and d + fanOut (outputs o and o + fanIn): eight i of both rows at a time in eight registers. */
function backpropagateTwoRows(transposed: usize, fanIn: i32, fanOut: i32, d: usize, o: usize): void {
  const inBytes = <usize>fanIn << 3;
  const outBytes = <usize>fanOut << 3;
  const zero = f64x2.splat(0);
  let i = 0;
  for (; i + 8 <= fanIn; i += 8) {
    let s0 = zero;
    let s1 = zero;
    let s2 = zero;
    let s3 = zero;
    let u0 = zero;
    let u1 = zero;
    let u2 = zero;
    let u3 = zero;
    const t = transposed + (<usize>i << 3);
    for (let j = 0; j < fanOut; j++) {
      const row = t + <usize>j * inBytes;
      const w0 = v128.load(row);
      const w1 = v128.load(row, 16);
      const w2 = v128.load(row, 32);
      const w3 = v128.load(row, 48);
      const dj = f64x2.splat(load<f64>(d + (<usize>j << 3)));
      const ej = f64x2.splat(load<f64>(d + outBytes + (<usize>j << 3)));
      s0 = f64x2.add(s0, f64x2.mul(w0, dj));
      s1 = f64x2.add(s1, f64x2.mul(w1, dj));
      s2 = f64x2.add(s2, f64x2.mul(w2, dj));
      s3 = f64x2.add(s3, f64x2.mul(w3, dj));
      u0 = f64x2.add(u0, f64x2.mul(w0, ej));
      u1 = f64x2.add(u1, f64x2.mul(w1, ej));
      u2 = f64x2.add(u2, f64x2.mul(w2, ej));
      u3 = f64x2.add(u3, f64x2.mul(w3, ej));
    }
    const p = o + (<usize>i << 3);
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
  if (i < fanIn) {
    // the last (fewer than eight) i of each row
    backpropagateTail(transposed, fanIn, fanOut, d, o, i);
    backpropagateTail(transposed, fanIn, fanOut, d + outBytes, o + inBytes, i);
  }
}

/** out[i] = sum_j transposed[j,i] d[j], j ascending from 0, for one row and i from `from` on. */
function backpropagateTail(transposed: usize, fanIn: i32, fanOut: i32, d: usize, o: usize, from: i32): void {
  const inBytes = <usize>fanIn << 3;
  const zero = f64x2.splat(0);
  let i = from;
  for (; i + 2 <= fanIn; i += 2) {
    let s = zero;
    const t = transposed + (<usize>i << 3);
    for (let j = 0; j < fanOut; j++) {
      s = f64x2.add(s, f64x2.mul(v128.load(t + <usize>j * inBytes), f64x2.splat(load<f64>(d + (<usize>j << 3)))));
    }
    v128.store(o + (<usize>i << 3), s);
  }
  if (i < fanIn) {
    let s: f64 = 0;
    for (let j = 0; j < fanOut; j++) s += load<f64>(transposed + ((<usize>j * fanIn + i) << 3)) * load<f64>(d + (<usize>j << 3));
    store<f64>(o + (<usize>i << 3), s);
  }
}

/** params -= lr grads (plain SGD); returns 1 when every updated parameter is finite. */
export function sgdStep(params: usize, grads: usize, n: i32, lr: f64): i32 {
  const rate = f64x2.splat(lr);
  let check = f64x2.splat(0);
  const zero = f64x2.splat(0);
  let k = 0;
  for (; k + 2 <= n; k += 2) {
    const o = <usize>k << 3;
    const w = f64x2.sub(v128.load(params + o), f64x2.mul(rate, v128.load(grads + o)));
    v128.store(params + o, w);
    check = f64x2.add(check, f64x2.mul(w, zero));
  }
  let tail: f64 = 0;
  for (; k < n; k++) {
    const o = <usize>k << 3;
    const w = load<f64>(params + o) - lr * load<f64>(grads + o);
    store<f64>(params + o, w);
    tail += w * 0;
  }
  return i32(f64x2.extract_lane(check, 0) + f64x2.extract_lane(check, 1) + tail === 0);
}

/** The rows whose input i is non-zero: offsets r * fanOut (i32) and values x[r,i] (f64), in row order; returns how many. */
function gatherNonZeroRows(input: usize, rows: i32, fanIn: i32, fanOut: i32, i: i32, offsets: usize, values: usize): i32 {
  let m = 0;
  const stride = <usize>fanIn << 3;
  let p = input + (<usize>i << 3);
  // without a branch: every row is written at position m, which moves on only past a non-zero
  // (ReLU outputs are about half zeros, in no pattern a branch predictor could learn)
  for (let r = 0; r < rows; r++, p += stride) {
    const a = load<f64>(p);
    store<i32>(offsets + (<usize>m << 2), r * fanOut);
    store<f64>(values + (<usize>m << 3), a);
    m += i32(a != 0);
  }
  return m;
}

/**
 * z = input W + b for a small layer (the reference's denseSmall): each z[r,j] starts at b_j and
 * adds input[r,i] w_ij for i ascending. Two neighbouring j share an f64x2 (W's row i holds them
 * side by side), eight j at a time in four registers.
 */
export function denseSmall(input: usize, rows: i32, fanIn: i32, fanOut: i32, W: usize, b: usize, z: usize): void {
  const inBytes = <usize>fanIn << 3;
  const outBytes = <usize>fanOut << 3;
  for (let r = 0; r < rows; r++) {
    const x = input + <usize>r * inBytes;
    const zr = z + <usize>r * outBytes;
    let j = 0;
    for (; j + 8 <= fanOut; j += 8) {
      const o = <usize>j << 3;
      let s0 = v128.load(b + o);
      let s1 = v128.load(b + o, 16);
      let s2 = v128.load(b + o, 32);
      let s3 = v128.load(b + o, 48);
      let w = W + o;
      for (let i = 0; i < fanIn; i++, w += outBytes) {
        const xi = f64x2.splat(load<f64>(x + (<usize>i << 3)));
        s0 = f64x2.add(s0, f64x2.mul(xi, v128.load(w)));
        s1 = f64x2.add(s1, f64x2.mul(xi, v128.load(w, 16)));
        s2 = f64x2.add(s2, f64x2.mul(xi, v128.load(w, 32)));
        s3 = f64x2.add(s3, f64x2.mul(xi, v128.load(w, 48)));
      }
      v128.store(zr + o, s0);
      v128.store(zr + o, s1, 16);
      v128.store(zr + o, s2, 32);
      v128.store(zr + o, s3, 48);
    }
    for (; j + 2 <= fanOut; j += 2) {
      const o = <usize>j << 3;
      let s = v128.load(b + o);
      let w = W + o;
      for (let i = 0; i < fanIn; i++, w += outBytes) s = f64x2.add(s, f64x2.mul(f64x2.splat(load<f64>(x + (<usize>i << 3))), v128.load(w)));
      v128.store(zr + o, s);
    }
    if (j < fanOut) {
      const o = <usize>j << 3;
      let s = load<f64>(b + o);
      let w = W + o;
      for (let i = 0; i < fanIn; i++, w += outBytes) s += load<f64>(x + (<usize>i << 3)) * load<f64>(w);
      store<f64>(zr + o, s);
    }
  }
}

/** out[e] = partial[e] + c last[e] for n entries (the landscape's first layer at one point). */
export function addScaled(partial: usize, c: f64, last: usize, out: usize, n: i32): void {
  const cs = f64x2.splat(c);
  let e = 0;
  for (; e + 2 <= n; e += 2) {
    const o = <usize>e << 3;
    v128.store(out + o, f64x2.add(v128.load(partial + o), f64x2.mul(cs, v128.load(last + o))));
  }
  if (e < n) {
    const o = <usize>e << 3;
    store<f64>(out + o, load<f64>(partial + o) + c * load<f64>(last + o));
  }
}

/**
 * a = tanh(z) for n entries, four at a time (two independent pairs, so that the processor
 * overlaps their long chains of dependent operations): fastTanh.ts's operations in the same
 * order, so the same bits.
 */
export function tanh(z: usize, a: usize, n: i32): void {
  let e = 0;
  for (; e + 8 <= n; e += 8) {
    const o = <usize>e << 3;
    const t0 = tanh2(v128.load(z + o));
    const t1 = tanh2(v128.load(z + o, 16));
    const t2 = tanh2(v128.load(z + o, 32));
    const t3 = tanh2(v128.load(z + o, 48));
    v128.store(a + o, t0);
    v128.store(a + o, t1, 16);
    v128.store(a + o, t2, 32);
    v128.store(a + o, t3, 48);
  }
  for (; e < n; e += 2) {
    const o = <usize>e << 3;
    if (e + 2 <= n) v128.store(a + o, tanh2(v128.load(z + o)));
    else store<f64>(a + o, f64x2.extract_lane(tanh2(f64x2.splat(load<f64>(z + o))), 0));
  }
}

/**
 * fastTanh.ts's fastTanh on two lanes: u = expm1(2|x|), t = u / (u + 2) with the sign of x
 * (copied, so -0 stays -0), +-1 from |x| >= 19.5; NaN stays NaN (its lanes compute NaN and no
 * comparison selects them away). One division per two values.
 */
@inline
function tanh2(x: v128): v128 {
  const ax = f64x2.abs(x);
  const u = expm1Below39x2(f64x2.add(ax, ax));
  const t = f64x2.div(u, f64x2.add(u, f64x2.splat(2)));
  const signed = v128.bitselect(x, t, i64x2.splat(0x8000000000000000));
  const saturated = v128.bitselect(f64x2.splat(-1), f64x2.splat(1), f64x2.lt(x, f64x2.splat(0)));
  return v128.bitselect(saturated, signed, f64x2.ge(ax, f64x2.splat(19.5)));
}

/**
 * fastTanh.ts's expm1Below39 on two lanes, its polynomial in the same Estrin order (lanes outside
 * [0, 39) give garbage that tanh2 does not select).
 */
@inline
function expm1Below39x2(y: v128): v128 {
  // k = round(y / ln2) by adding and subtracting 1.5 * 2^52: k lands in the low bits of the sum
  const shifted = f64x2.add(f64x2.mul(y, f64x2.splat(1.44269504088896338700)), f64x2.splat(6755399441055744.0));
  const kf = f64x2.sub(shifted, f64x2.splat(6755399441055744.0));
  const r = f64x2.sub(f64x2.sub(y, f64x2.mul(kf, f64x2.splat(6.93147180369123816490e-1))), f64x2.mul(kf, f64x2.splat(1.90821492927058770002e-10)));
  const r2 = f64x2.mul(r, r);
  const r4 = f64x2.mul(r2, r2);
  const p01 = f64x2.add(f64x2.splat(1.0 / 2.0), f64x2.mul(f64x2.splat(1.0 / 6.0), r));
  const p23 = f64x2.add(f64x2.splat(1.0 / 24.0), f64x2.mul(f64x2.splat(1.0 / 120.0), r));
  const p45 = f64x2.add(f64x2.splat(1.0 / 720.0), f64x2.mul(f64x2.splat(1.0 / 5040.0), r));
  const p67 = f64x2.add(f64x2.splat(1.0 / 40320.0), f64x2.mul(f64x2.splat(1.0 / 362880.0), r));
  const p89 = f64x2.add(f64x2.splat(1.0 / 3628800.0), f64x2.mul(f64x2.splat(1.0 / 39916800.0), r));
  const pAB = f64x2.add(f64x2.splat(1.0 / 479001600.0), f64x2.mul(f64x2.splat(1.0 / 6227020800.0), r));
  const q03 = f64x2.add(p01, f64x2.mul(p23, r2));
  const q47 = f64x2.add(p45, f64x2.mul(p67, r2));
  const q8B = f64x2.add(p89, f64x2.mul(pAB, r2));
  const q = f64x2.add(q03, f64x2.mul(f64x2.add(q47, f64x2.mul(q8B, r4)), r4));
  const em = f64x2.add(r, f64x2.mul(r2, q));
  // 2^k from its bits: exponent field k + 1023 (the shift keeps only the low bits of the sum's, k)
  const p = i64x2.shl(i64x2.add(shifted, i64x2.splat(1023)), 52);
  return f64x2.add(f64x2.mul(p, em), f64x2.sub(p, f64x2.splat(1)));
}

/** Whether every lane of `check` (a sum of w * 0 terms) is 0, i.e. every w was finite. */
function allFinite(check: v128, tail: f64): i32 {
  return i32(f64x2.extract_lane(check, 0) + f64x2.extract_lane(check, 1) + tail === 0);
}

/** Momentum in PyTorch's form, as optimizers.ts: b = mu b + g; w -= lr b. Returns 1 when every w is finite. */
export function momentumStep(params: usize, grads: usize, buffer: usize, n: i32, lr: f64, mu: f64): i32 {
  const rate = f64x2.splat(lr);
  const m = f64x2.splat(mu);
  const zero = f64x2.splat(0);
  let check = zero;
  let k = 0;
  for (; k + 2 <= n; k += 2) {
    const o = <usize>k << 3;
    const b = f64x2.add(f64x2.mul(m, v128.load(buffer + o)), v128.load(grads + o));
    v128.store(buffer + o, b);
    const w = f64x2.sub(v128.load(params + o), f64x2.mul(rate, b));
    v128.store(params + o, w);
    check = f64x2.add(check, f64x2.mul(w, zero));
  }
  let tail: f64 = 0;
  for (; k < n; k++) {
    const o = <usize>k << 3;
    const b = mu * load<f64>(buffer + o) + load<f64>(grads + o);
    store<f64>(buffer + o, b);
    const w = load<f64>(params + o) - lr * b;
    store<f64>(params + o, w);
    tail += w * 0;
  }
  return allFinite(check, tail);
}

/**
 * Adam with bias correction, as optimizers.ts: m = b1 m + (1 - b1) g; s = b2 s + (1 - b2) g g;
 * w -= lr m c1 / (sqrt(s c2) + eps), with c1, c2 the corrections of this step. Returns 1 when every w is finite.
 */
export function adamStep(params: usize, grads: usize, m: usize, s: usize, n: i32, lr: f64, beta1: f64, beta2: f64, epsilon: f64, correction1: f64, correction2: f64): i32 {
  const b1 = f64x2.splat(beta1);
  const b2 = f64x2.splat(beta2);
  const c1 = f64x2.splat(correction1);
  const c2 = f64x2.splat(correction2);
  const oneMinusB1 = f64x2.splat(1 - beta1);
  const oneMinusB2 = f64x2.splat(1 - beta2);
  const rate = f64x2.splat(lr);
  const eps = f64x2.splat(epsilon);
  const zero = f64x2.splat(0);
  let check = zero;
  let k = 0;
  for (; k + 2 <= n; k += 2) {
    const o = <usize>k << 3;
    const g = v128.load(grads + o);
    const mk = f64x2.add(f64x2.mul(b1, v128.load(m + o)), f64x2.mul(oneMinusB1, g));
    v128.store(m + o, mk);
    const sk = f64x2.add(f64x2.mul(b2, v128.load(s + o)), f64x2.mul(f64x2.mul(oneMinusB2, g), g));
    v128.store(s + o, sk);
    const step = f64x2.div(f64x2.mul(f64x2.mul(rate, mk), c1), f64x2.add(f64x2.sqrt(f64x2.mul(sk, c2)), eps));
    const w = f64x2.sub(v128.load(params + o), step);
    v128.store(params + o, w);
    check = f64x2.add(check, f64x2.mul(w, zero));
  }
  let tail: f64 = 0;
  for (; k < n; k++) {
    const o = <usize>k << 3;
    const g = load<f64>(grads + o);
    const mk = beta1 * load<f64>(m + o) + (1 - beta1) * g;
    store<f64>(m + o, mk);
    const sk = beta2 * load<f64>(s + o) + (1 - beta2) * g * g;
    store<f64>(s + o, sk);
    const w = load<f64>(params + o) - (lr * mk * correction1) / (Math.sqrt(sk * correction2) + epsilon);
    store<f64>(params + o, w);
    tail += w * 0;
  }
  return allFinite(check, tail);
}

/** a = max(z, 0) as activations.ts writes it, z > 0 ? z : 0, so NaN and -0 give +0. */
export function relu(z: usize, a: usize, n: i32): void {
  const zero = f64x2.splat(0);
  let e = 0;
  for (; e + 2 <= n; e += 2) {
    const o = <usize>e << 3;
    const v = v128.load(z + o);
    v128.store(a + o, v128.bitselect(v, zero, f64x2.gt(v, zero)));
  }
  if (e < n) {
    const o = <usize>e << 3;
    const v = load<f64>(z + o);
    store<f64>(a + o, v > 0 ? v : 0);
  }
}

// the float32 kernels (TrainSpec precision 'float32') live in their own file
export * from './float32';

/**
 * sum_k of the binary cross-entropy from the logit, max(z,0) - z y + log(1 + e^-|z|), as
 * losses.ts's meanLoss adds it (k ascending, the terms added one at a time), with softplus.ts's
 * log(1 + e^-|z|): the same operations, so the same bits. The terms are computed two pairs at a time.
 */
export function bceSum(z: usize, y: usize, n: i32): f64 {
  let total: f64 = 0;
  let e = 0;
  for (; e + 4 <= n; e += 4) {
    const o = <usize>e << 3;
    const t0 = bceTerm2(v128.load(z + o), v128.load(y + o));
    const t1 = bceTerm2(v128.load(z + o, 16), v128.load(y + o, 16));
    total += f64x2.extract_lane(t0, 0);
    total += f64x2.extract_lane(t0, 1);
    total += f64x2.extract_lane(t1, 0);
    total += f64x2.extract_lane(t1, 1);
  }
  for (; e < n; e++) {
    const o = <usize>e << 3;
    total += f64x2.extract_lane(bceTerm2(f64x2.splat(load<f64>(z + o)), f64x2.splat(load<f64>(y + o))), 0);
  }
  return total;
}

/** max(v,0) - v y + log(1 + e^-|v|) on two lanes (softplus.ts, branches selected per lane). */
@inline
function bceTerm2(v: v128, y: v128): v128 {
  const zero = f64x2.splat(0);
  const ax = f64x2.abs(v);
  // e^-ax: k = round(ax / ln2) as in tanh's expm1, -ax = -k ln2 + r (lanes from 40 on compute garbage, selected away)
  const shifted = f64x2.add(f64x2.mul(ax, f64x2.splat(1.44269504088896338700)), f64x2.splat(6755399441055744.0));
  const kf = f64x2.sub(shifted, f64x2.splat(6755399441055744.0));
  const hi = f64x2.sub(f64x2.mul(kf, f64x2.splat(6.93147180369123816490e-1)), ax);
  const lo = f64x2.mul(kf, f64x2.splat(1.90821492927058770002e-10));
  const r = f64x2.add(hi, lo);
  const t = f64x2.mul(r, r);
  let p = f64x2.add(f64x2.splat(-1.65339022054652515390e-6), f64x2.mul(t, f64x2.splat(4.13813679705723846039e-8)));
  p = f64x2.add(f64x2.splat(6.61375632143793436117e-5), f64x2.mul(t, p));
  p = f64x2.add(f64x2.splat(-2.77777777770155933842e-3), f64x2.mul(t, p));
  p = f64x2.add(f64x2.splat(1.66666666666666019037e-1), f64x2.mul(t, p));
  const c = f64x2.sub(r, f64x2.mul(t, p));
  const inner = f64x2.sub(f64x2.sub(f64x2.neg(lo), f64x2.div(f64x2.mul(r, c), f64x2.sub(f64x2.splat(2), c))), hi);
  // 2^-k from its bits: exponent field 1023 - k
  const pow2 = i64x2.shl(i64x2.sub(i64x2.splat(1023), shifted), 52);
  const w = f64x2.mul(f64x2.sub(f64x2.splat(1), inner), pow2);
  // log(1 + w), halved above sqrt(2) (j = 1)
  const m = f64x2.add(f64x2.splat(1), w);
  const above = f64x2.gt(m, f64x2.splat(1.41421356237309514547));
  const j = v128.and(above, f64x2.splat(1));
  const f = f64x2.sub(v128.bitselect(f64x2.mul(m, f64x2.splat(0.5)), m, above), f64x2.splat(1));
  const s = f64x2.div(f, f64x2.add(f64x2.splat(2), f));
  const hfsq = f64x2.mul(f64x2.mul(f64x2.splat(0.5), f), f);
  const z = f64x2.mul(s, s);
  const z2 = f64x2.mul(z, z);
  const odd = f64x2.mul(z, f64x2.add(f64x2.splat(6.666666666666735130e-1), f64x2.mul(z2, f64x2.add(f64x2.splat(2.857142874366239149e-1),
    f64x2.mul(z2, f64x2.add(f64x2.splat(1.818357216161805012e-1), f64x2.mul(z2, f64x2.splat(1.479819860511658591e-1))))))));
  const even = f64x2.mul(z2, f64x2.add(f64x2.splat(3.999999999940941908e-1), f64x2.mul(z2, f64x2.add(f64x2.splat(2.222219843214978396e-1),
    f64x2.mul(z2, f64x2.splat(1.531383769920937332e-1))))));
  const R = f64x2.add(odd, even);
  const log = f64x2.sub(f64x2.mul(j, f64x2.splat(6.93147180369123816490e-1)),
    f64x2.sub(f64x2.sub(hfsq, f64x2.add(f64x2.mul(s, f64x2.add(hfsq, R)), f64x2.mul(j, f64x2.splat(1.90821492927058770002e-10)))), f));
  // from |v| >= 40 on the value is 0; NaN lanes stay NaN (no comparison selects them)
  const softplus = v128.bitselect(zero, log, f64x2.ge(ax, f64x2.splat(40)));
  const positive = v128.bitselect(v, zero, f64x2.gt(v, zero));
  return f64x2.add(f64x2.sub(positive, f64x2.mul(v, y)), softplus);
}
