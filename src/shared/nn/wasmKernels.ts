/**
 * The WebAssembly SIMD kernels (assembly/kernels.ts) behind the interface kernels.ts calls.
 * The host compiles and instantiates the module (src/main/data/wasmKernels.ts, with Node's
 * file access) and passes its exports and memory in; this file only lays arrays out in that
 * memory, so the shared engine stays free of node:* and of any file or URL.
 *
 * Memory: a shared WebAssembly.Memory, because growing a shared memory leaves every earlier
 * Float64Array view valid (growing an ordinary one detaches them all). Networks with a large
 * layer allocate their parameters, gradients and batch buffers here (`allocate`), so the
 * kernels read them in place; any other argument (a data set's rows, a parameter vector of
 * JavaScript's) is copied into a staging region first and results copied back out.
 * Allocations are freed when their array is garbage collected (FinalizationRegistry): keep the
 * array returned by `allocate`, not only a subarray of it, for as long as it is used.
 */
import type { AcceleratedKernels } from './kernels';
import { adamConstants32, type Float32Kernels, type SparseEntries32 } from './float32Kernels';

/** The exports of assembly/kernels.ts; every pointer is a byte offset into the memory. */
export interface WasmKernelExports {
  denseLarge(input: number, rows: number, fanIn: number, fanOut: number, W: number, b: number, z: number, offsets: number, values: number): void;
  weightGradients(input: number, rows: number, fanIn: number, fanOut: number, delta: number, gW: number, gB: number, offsets: number, values: number): void;
  backpropagate(W: number, fanIn: number, fanOut: number, delta: number, rows: number, out: number, reluZ: number, transposed: number): void;
  sgdStep(params: number, grads: number, n: number, lr: number): number;
  momentumStep(params: number, grads: number, buffer: number, n: number, lr: number, mu: number): number;
  adamStep(params: number, grads: number, m: number, s: number, n: number, lr: number, beta1: number, beta2: number,
    epsilon: number, correction1: number, correction2: number): number;
  denseSmall(input: number, rows: number, fanIn: number, fanOut: number, W: number, b: number, z: number): void;
  tanh(z: number, a: number, n: number): void;
  relu(z: number, a: number, n: number): void;
  addScaled(partial: number, c: number, last: number, out: number, n: number): void;
  bceSum(z: number, y: number, n: number): number;
  sparseRows32(input: number, rows: number, cols: number, rowStart: number, index: number, values: number): number;
  sparseColumns32(rows: number, cols: number, rowStart: number, index: number, values: number,
    colStart: number, rowIndex: number, colValues: number, cursor: number): void;
  denseSparse32(rows: number, fanOut: number, rowStart: number, index: number, values: number, W: number, b: number, z: number, j0: number, j1: number): void;
  weightGradientsSparse32(rows: number, fanIn: number, fanOut: number, colStart: number, rowIndex: number, colValues: number,
    delta: number, gW: number, gB: number, j0: number, j1: number): void;
  backpropagate32(W: number, fanIn: number, fanOut: number, delta: number, rows: number, out: number, reluZ: number, transposed: number,
    i0: number, i1: number): void;
  relu32(z: number, a: number, n: number): void;
  sgdStep32(params: number, grads: number, n: number, lr: number): number;
  momentumStep32(params: number, grads: number, buffer: number, n: number, lr: number, mu: number): number;
  adamStep32(params: number, grads: number, m: number, s: number, n: number, lr: number, beta1: number, beta2: number,
    oneMinusBeta1: number, oneMinusBeta2: number, epsilon: number, correction1: number, correction2: number): number;
}

/**
 * A second thread running this module's exports on the same shared memory (the host starts it:
 * src/main/data/kernelHelper.ts). The float32 kernels give it half of a large layer's units (or
 * of the parameters to update) and do the other half themselves: every value is computed by the
 * same operations either way, so a run gives the same bits on one thread or two.
 */
export interface KernelHelper {
  /** Whether to share the next job: false while the helper is backing off (it found the two threads without two cores). */
  available(): boolean;
  /** Starts export `name` with `args` on the helper thread. */
  start(name: (typeof HELPER_KERNELS)[number], args: readonly number[]): void;
  /** Waits for the started export to return; its result (1 for an export that returns nothing); throws when it threw. */
  finish(): number;
}

/** The exports a KernelHelper may be asked to run. */
export const HELPER_KERNELS = ['denseSparse32', 'weightGradientsSparse32', 'backpropagate32', 'sgdStep32', 'momentumStep32', 'adamStep32', 'sparseColumns32'] as const;

/** Bytes of the helper's mailbox (its job number, kernel and arguments), taken from the heap. */
export const HELPER_MAILBOX_BYTES = 512;

/**
 * Least multiply-adds (rows x entries x units) before a product is shared with the helper: below
 * it, handing half over and waiting costs more than it saves (MNIST's 64 x 10 output layer stays
 * on one thread; its 784 x 128 and 128 x 64 layers are shared).
 */
const SHARED_WORK = 40_000;
/** Least parameters before an optimizer step is shared. */
const SHARED_PARAMETERS = 32_768;

/** The part of a (shared) WebAssembly.Memory this file uses. */
export interface KernelMemory {
  readonly buffer: ArrayBufferLike;
  grow(pages: number): number;
}

const PAGE_BYTES = 65536;
/** Every block starts on a 16-byte boundary (one v128). */
const ALIGN = 16;
/** The first page is left to the module's own data. */
const HEAP_START = PAGE_BYTES;

interface Block { start: number; bytes: number }

/** First-fit allocator over the memory above HEAP_START; grows the memory when nothing fits. */
class Heap {
  /** Free blocks, sorted by start, never adjacent (merged on free). */
  private free: Block[] = [];
  private end = HEAP_START;
  /** Every buffer object the memory has had: a view is ours when its buffer is one of them. */
  private readonly buffers = new WeakSet<ArrayBufferLike>();
  private readonly registry = new FinalizationRegistry<Block>((block) => this.release(block));

  constructor(private readonly memory: KernelMemory) {
    this.buffers.add(memory.buffer);
  }

  owns(array: Float64Array): boolean {
    return this.buffers.has(array.buffer);
  }

  /** A zeroed float64 array of `length` in the memory, freed when the array is collected. */
  allocate(length: number): Float64Array {
    return this.allocateTyped(Float64Array, length);
  }

  /** A zeroed array of `length` elements of `type` in the memory, freed when the array is collected. */
  allocateTyped<T extends Float64Array | Float32Array | Int32Array>(
    type: { new (buffer: ArrayBufferLike, byteOffset: number, length: number): T; BYTES_PER_ELEMENT: number }, length: number,
  ): T {
    const block = this.take(Math.max(ALIGN, Math.ceil((length * type.BYTES_PER_ELEMENT) / ALIGN) * ALIGN));
    const array = new type(this.memory.buffer, block.start, length);
    array.fill(0);
    this.registry.register(array, block);
    return array;
  }

  /** A block freed only by `release` (staging regions). */
  take(bytes: number): Block {
    for (let k = 0; k < this.free.length; k++) {
      const block = this.free[k];
      if (block.bytes < bytes) continue;
      const taken = { start: block.start, bytes };
      if (block.bytes === bytes) this.free.splice(k, 1);
      else this.free[k] = { start: block.start + bytes, bytes: block.bytes - bytes };
      return taken;
    }
    const start = this.end;
    const needed = start + bytes - this.memory.buffer.byteLength;
    if (needed > 0) {
      const pages = Math.ceil(needed / PAGE_BYTES);
      try {
        this.memory.grow(pages);
      } catch {
        throw new Error(`the WebAssembly kernels could not grow their memory by ${pages * PAGE_BYTES / 2 ** 20} MiB`);
      }
      this.buffers.add(this.memory.buffer);
    }
    this.end = start + bytes;
    return { start, bytes };
  }

  release(block: Block): void {
    const free = this.free;
    let k = 0;
    while (k < free.length && free[k].start < block.start) k++;
    free.splice(k, 0, { ...block });
    // merge with the next, then with the previous block
    if (k + 1 < free.length && free[k].start + free[k].bytes === free[k + 1].start) {
      free[k].bytes += free[k + 1].bytes;
      free.splice(k + 1, 1);
    }
    if (k > 0 && free[k - 1].start + free[k - 1].bytes === free[k].start) {
      free[k - 1].bytes += free[k].bytes;
      free.splice(k, 1);
    }
  }

  view(block: Block, length: number): Float64Array {
    return new Float64Array(this.memory.buffer, block.start, length);
  }
}

/** A region of the memory reused by every call, grown (never shrunk) when a call needs more. */
class Region {
  private block: Block | null = null;
  constructor(private readonly heap: Heap) {}
  /** Byte offset of at least `bytes` bytes. */
  pointer(bytes: number): number {
    if (this.block === null || this.block.bytes < bytes) {
      if (this.block !== null) this.heap.release(this.block);
      this.block = this.heap.take(Math.max(ALIGN, Math.ceil(bytes / ALIGN) * ALIGN));
    }
    return this.block.start;
  }
  /** A float64 view of the region's first `length` values. */
  array(length: number): Float64Array {
    this.pointer(length * 8);
    return this.heap.view(this.block as Block, length);
  }
}

/** The kernels of assembly/kernels.ts as kernels.ts's AcceleratedKernels. */
export function createWasmKernels(
  exports: WasmKernelExports, memory: KernelMemory, startHelper?: (mailbox: number) => KernelHelper,
): AcceleratedKernels {
  const heap = new Heap(memory);
  const helper = startHelper ? startHelper(heap.take(HELPER_MAILBOX_BYTES).start) : null;
  const offsets = new Region(heap);
  const values = new Region(heap);
  const transposed = new Region(heap);
  // one staging region per argument position, so that no two arguments of one call share one
  const staging = Array.from({ length: 6 }, () => new Region(heap));

  /** Pointer to `length` values of `array` from `offset`: in place if it is ours, else a copy in staging region `slot`. */
  const input = (array: Float64Array, offset: number, length: number, slot: number): number => {
    if (heap.owns(array)) return array.byteOffset + offset * 8;
    const copy = staging[slot].array(length);
    copy.set(length === array.length && offset === 0 ? array : array.subarray(offset, offset + length));
    return copy.byteOffset;
  };
  /** Pointer for an output of `length` values: in place, or a staging region copied back by `finish`. */
  const output = (array: Float64Array, length: number, slot: number): { pointer: number; finish: () => void } => {
    if (heap.owns(array)) return { pointer: array.byteOffset, finish: () => {} };
    const region = staging[slot].array(length);
    return { pointer: region.byteOffset, finish: () => array.set(region.subarray(0, length)) };
  };
  const scratch = (rows: number) => ({ offsets: offsets.pointer(rows * 4), values: values.pointer(rows * 8) });

  return {
    name: 'wasm-simd',
    float32: createWasmFloat32Kernels(exports, heap, helper),
    allocate: (length) => heap.allocate(length),
    denseLarge(inputArray, inputOffset, rows, fanIn, fanOut, W, b, z) {
      const { offsets: o, values: v } = scratch(rows);
      const x = input(inputArray, inputOffset, rows * fanIn, 0);
      const w = input(W, 0, fanIn * fanOut, 1);
      const bias = input(b, 0, fanOut, 2);
      const out = output(z, rows * fanOut, 3);
      exports.denseLarge(x, rows, fanIn, fanOut, w, bias, out.pointer, o, v);
      out.finish();
    },
    weightGradientsLarge(inputArray, inputOffset, rows, fanIn, fanOut, delta, gW, gB) {
      const { offsets: o, values: v } = scratch(rows);
      const x = input(inputArray, inputOffset, rows * fanIn, 0);
      const d = input(delta, 0, rows * fanOut, 1);
      const gw = output(gW, fanIn * fanOut, 2);
      const gb = output(gB, fanOut, 3);
      exports.weightGradients(x, rows, fanIn, fanOut, d, gw.pointer, gb.pointer, o, v);
      gw.finish();
      gb.finish();
    },
    backpropagate(W, fanIn, fanOut, delta, rows, out, reluZ) {
      const w = input(W, 0, fanIn * fanOut, 0);
      const d = input(delta, 0, rows * fanOut, 1);
      const z = reluZ === null ? 0 : input(reluZ, 0, rows * fanIn, 2);
      const o = output(out, rows * fanIn, 3);
      exports.backpropagate(w, fanIn, fanOut, d, rows, o.pointer, z, transposed.pointer(fanIn * fanOut * 8));
      o.finish();
    },
    denseSmall(inputArray, inputOffset, rows, fanIn, fanOut, W, b, z) {
      const x = input(inputArray, inputOffset, rows * fanIn, 0);
      const w = input(W, 0, fanIn * fanOut, 1);
      const bias = input(b, 0, fanOut, 2);
      const out = output(z, rows * fanOut, 3);
      exports.denseSmall(x, rows, fanIn, fanOut, w, bias, out.pointer);
      out.finish();
    },
    tanh(z, a, n) {
      const source = input(z, 0, n, 0);
      const out = output(a, n, 1);
      exports.tanh(source, out.pointer, n);
      out.finish();
    },
    relu(z, a, n) {
      const source = input(z, 0, n, 0);
      const out = output(a, n, 1);
      exports.relu(source, out.pointer, n);
      out.finish();
    },
    bceSum: (z, y, yOffset, n) => exports.bceSum(input(z, 0, n, 0), input(y, yOffset, n, 1), n),
    addScaled(partial, partialOffset, c, last, lastOffset, out, n) {
      const p = input(partial, partialOffset, n, 0);
      const l = input(last, lastOffset, n, 1);
      const o = output(out, n, 2);
      exports.addScaled(p, c, l, o.pointer, n);
      o.finish();
    },
    sgdStep(params, grads, lr) {
      if (!heap.owns(params) || !heap.owns(grads)) return null;
      return exports.sgdStep(params.byteOffset, grads.byteOffset, params.length, lr) === 1;
    },
    momentumStep(params, grads, buffer, lr, mu) {
      if (!heap.owns(params) || !heap.owns(grads) || !heap.owns(buffer)) return null;
      return exports.momentumStep(params.byteOffset, grads.byteOffset, buffer.byteOffset, params.length, lr, mu) === 1;
    },
    adamStep(params, grads, m, s, lr, beta1, beta2, epsilon, correction1, correction2) {
      if (!heap.owns(params) || !heap.owns(grads) || !heap.owns(m) || !heap.owns(s)) return null;
      return exports.adamStep(params.byteOffset, grads.byteOffset, m.byteOffset, s.byteOffset, params.length,
        lr, beta1, beta2, epsilon, correction1, correction2) === 1;
    },
  };
}

/**
 * The float32 kernels of assembly/float32.ts as float32Kernels.ts's Float32Kernels. Their arrays
 * all come from `vector`, `indices` and sparseEntries32, in the memory, so every call passes
 * byte offsets and copies nothing.
 */
/** A split point of [0, n) into two halves, a multiple of `block` (0: do not split). */
function half(n: number, block: number): number {
  const h = Math.floor(n / 2 / block) * block;
  return h > 0 && h < n ? h : 0;
}

function createWasmFloat32Kernels(exports: WasmKernelExports, heap: Heap, helper: KernelHelper | null): Float32Kernels {
  /** The entries whose columns the helper is listing in the background (sparseColumnsSoon), or null. */
  let pending: SparseEntries32 | null = null;
  /** Waits for the background listing, if any: before the helper gets other work, or before `s` is used. */
  const settle = (s?: SparseEntries32): void => {
    if (pending === null || (s !== undefined && s !== pending) || helper === null) return;
    pending = null;
    helper.finish();
  };
  /**
   * Runs export `name` over [0, n) (its last arguments, `args(from, to)`): on this thread alone, or
   * [split, n) on the helper while this thread does [0, split). Whether both parts returned 1
   * (the optimizer steps' "all finite"; the products return nothing and count as 1).
   */
  const shared = (n: number, split: number, name: (typeof HELPER_KERNELS)[number], args: (from: number, to: number) => number[]): boolean => {
    const kernel = exports[name] as (...values: number[]) => number | undefined;
    const ok = (result: number | undefined) => result === undefined || result === 1;
    if (helper === null || split === 0 || !helper.available()) return ok(kernel(...args(0, n)));
    settle();
    helper.start(name, args(split, n));
    let mine: number | undefined;
    let failure: unknown = null;
    try {
      mine = kernel(...args(0, split));
    } catch (error) {
      failure = error;
    }
    // always collect the helper's job, so that the next one starts from a clean mailbox
    const theirs = helper.finish();
    if (failure !== null) throw failure;
    return ok(mine) && theirs === 1;
  };
  const columnArgs = (rows: number, cols: number, s: SparseEntries32): Parameters<WasmKernelExports['sparseColumns32']> =>
    [rows, cols, s.rowStart.byteOffset, s.index.byteOffset, s.values.byteOffset, s.colStart.byteOffset, s.rowIndex.byteOffset, s.colValues.byteOffset, s.cursor.byteOffset];
  const stepParts = (params: Float32Array, name: 'sgdStep32' | 'momentumStep32' | 'adamStep32', args: (from: number, to: number) => number[]): boolean =>
    shared(params.length, params.length >= SHARED_PARAMETERS ? half(params.length, 4) : 0, name, args);
  return {
    name: helper === null ? 'wasm-simd' : 'wasm-simd, 2 threads',
    vector: (length) => heap.allocateTyped(Float32Array, length),
    indices: (length) => heap.allocateTyped(Int32Array, length),
    sparseRows(input, row0, rows, cols, s) {
      settle(s);
      return exports.sparseRows32(input.byteOffset + row0 * cols * 4, rows, cols, s.rowStart.byteOffset, s.index.byteOffset, s.values.byteOffset);
    },
    sparseColumns(rows, cols, s) {
      settle(s);
      exports.sparseColumns32(...columnArgs(rows, cols, s));
    },
    sparseColumnsSoon(rows, cols, s) {
      settle();
      if (helper === null || !helper.available()) {
        exports.sparseColumns32(...columnArgs(rows, cols, s));
        return;
      }
      helper.start('sparseColumns32', columnArgs(rows, cols, s));
      pending = s;
    },
    denseSparse(rows, fanOut, s, W, b, z) {
      settle(s);
      const args = (j0: number, j1: number) => [rows, fanOut, s.rowStart.byteOffset, s.index.byteOffset, s.values.byteOffset, W.byteOffset, b.byteOffset, z.byteOffset, j0, j1];
      const split = s.rowStart[rows] * fanOut >= SHARED_WORK ? half(fanOut, 32) || half(fanOut, 4) : 0;
      shared(fanOut, split, 'denseSparse32', args);
    },
    weightGradientsSparse(rows, fanIn, fanOut, s, delta, gW, gB) {
      settle(s);
      const args = (j0: number, j1: number) => [rows, fanIn, fanOut, s.colStart.byteOffset, s.rowIndex.byteOffset, s.colValues.byteOffset,
        delta.byteOffset, gW.byteOffset, gB.byteOffset, j0, j1];
      const split = s.colStart[fanIn] * fanOut >= SHARED_WORK ? half(fanOut, 32) || half(fanOut, 4) : 0;
      shared(fanOut, split, 'weightGradientsSparse32', args);
    },
    backpropagate(W, fanIn, fanOut, delta, rows, out, reluZ, transposed) {
      const args = (i0: number, i1: number) => [W.byteOffset, fanIn, fanOut, delta.byteOffset, rows, out.byteOffset, reluZ === null ? 0 : reluZ.byteOffset,
        transposed.byteOffset, i0, i1];
      const split = rows * fanIn * fanOut >= SHARED_WORK ? half(fanIn, 16) || half(fanIn, 4) : 0;
      shared(fanIn, split, 'backpropagate32', args);
    },
    relu: (z, a, n) => exports.relu32(z.byteOffset, a.byteOffset, n),
    sgdStep: (params, grads, lr) =>
      stepParts(params, 'sgdStep32', (from, to) => [params.byteOffset + 4 * from, grads.byteOffset + 4 * from, to - from, lr]),
    momentumStep: (params, grads, buffer, lr, mu) =>
      stepParts(params, 'momentumStep32', (from, to) => [params.byteOffset + 4 * from, grads.byteOffset + 4 * from, buffer.byteOffset + 4 * from, to - from, lr, mu]),
    adamStep(params, grads, m, s, lr, beta1, beta2, epsilon, correction1, correction2) {
      const [rate, b1, b2, ob1, ob2, eps, c1, c2] = adamConstants32(lr, beta1, beta2, epsilon, correction1, correction2);
      return stepParts(params, 'adamStep32', (from, to) => [params.byteOffset + 4 * from, grads.byteOffset + 4 * from, m.byteOffset + 4 * from,
        s.byteOffset + 4 * from, to - from, rate, b1, b2, ob1, ob2, eps, c1, c2]);
    },
  };
}
