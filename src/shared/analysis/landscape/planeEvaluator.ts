/**
 * "Set the parameters and evaluate", for the many points of a loss landscape: the loss (and
 * accuracy) of the network at params = sum_k c_k v_k for fixed vectors v_k and per-point
 * coefficients c_k, full batch, forward only. A 2-D slice is (theta, d1, d2) with c = (1, a, b);
 * a 1-D line (theta, d) with (1, a); an interpolation (theta0, theta1) with (1 - a, a).
 *
 * The first layer is linear in its parameters, so its pre-activations for every point are the
 * same combination of per-vector products computed once:
 *   z1 = x (sum_k c_k W1_k) + sum_k c_k b1_k = sum_k c_k (x W1_k + b1_k) = sum_k c_k P_k.
 * That turns the widest matrix product (784 x 128 for MNIST) into K multiply-adds per unit per
 * row. P_k is summed in the engine's order (b_j, then i ascending), so c = (1, 0, ...) gives
 * exactly the engine's z1 and the slice's centre reproduces Network.loss bit for bit.
 * The deeper layers run a plain batched forward on one Network's params, overwritten per point.
 *
 * Points usually come in sweeps where only the last coefficient changes (a grid row of a 2-D
 * slice: fixed a, varying b), so the sum of all but the last term, c_0 P_0 + ... + c_{K-2} P_{K-2},
 * is kept and reused while those coefficients repeat; z1 is then one multiply-add per entry.
 * It is the same running sum in the same order, so results do not change by a bit.
 * Without accuracy, a bce or softmax-ce output layer skips its activation: those losses are
 * computed from the logits z alone (losses.ts).
 * The bench's T4 (bench/landscape.ts) measures this evaluator through lossSurface.
 *
 * With the accelerated kernels installed (kernels.ts), every buffer here, the deeper layers'
 * parameters included, lives in their memory, so each layer's product, tanh and the z1 mix run
 * there in place (the same operations, so the same bits).
 */
import type { Split } from '../../data/spec';
import { applyActivation } from '../../nn/activations';
import { accuracyCount, meanLoss } from '../../nn/losses';
import { acceleratedKernels, dense, kernelVector, NonZeroRows } from '../../nn/kernels';
import { parameterCount } from '../../nn/spec';
import { Network } from '../../nn/network';
import type { NetworkSpec } from '../../nn/spec';

/** Rows per forward chunk, as in Network.evaluate, so that the chunked mean adds in the same order. */
const CHUNK_ROWS = 1024;

export interface PointEvaluation {
  loss: number;
  /** Fraction correct for classification, null otherwise. */
  accuracy: number | null;
}

export interface PlaneEvaluatorOptions {
  /** Report accuracy as well as the loss. */
  classification: boolean;
  /** Use only the first `rows` rows of the split (default: all of them). */
  rows?: number;
}

/** The rows to evaluate, after checking that every vector fits the network (`size` parameters) and the rows fit the split. */
function checkedRows(size: number, split: Split, vectors: readonly Float64Array[], options: PlaneEvaluatorOptions): number {
  if (vectors.length < 1) throw new Error('vectors: expected at least one parameter vector');
  vectors.forEach((v, k) => {
    if (v.length !== size) throw new Error(`vectors[${k}]: expected ${size} values for this network, got ${v.length}`);
  });
  const rows = options.rows ?? split.n;
  if (!(Number.isInteger(rows) && rows >= 1 && rows <= split.n)) throw new Error(`rows: expected 1..${split.n}, got ${rows}`);
  return rows;
}

export class PlaneEvaluator {
  private readonly net: Network;
  private readonly vectors: readonly Float64Array[];
  private readonly x: Float64Array;
  private readonly y: Float64Array;
  private readonly rows: number;
  private readonly classification: boolean;
  /** P_k = x W1_k + b1_k, rows x fanOut of the first layer, one per vector. */
  private readonly firstLayerProducts: Float64Array[];
  /** c_0 P_0 + ... + c_{K-2} P_{K-2} for all rows (K > 1), valid for partialCoefficients. */
  private readonly partialSum: Float64Array;
  private readonly partialCoefficients: Float64Array;
  private partialValid = false;
  /** Whether the output layer's activation is needed: for accuracy, or for a loss that reads a. */
  private readonly outputActivation: boolean;
  /** Per layer, a chunk's pre-activations and activations. */
  private readonly z: Float64Array[];
  private readonly a: Float64Array[];
  /** Scratch of the large-layer kernels, for one chunk. */
  private readonly scratch = new NonZeroRows();

  constructor(spec: NetworkSpec, split: Split, vectors: readonly Float64Array[], options: PlaneEvaluatorOptions) {
    // in the accelerated kernels' memory when they are installed, so that every layer runs there
    const inKernelMemory = acceleratedKernels() !== null;
    this.net = new Network(spec, inKernelMemory ? kernelVector(parameterCount(spec)) : undefined);
    this.scratch.inKernelMemory = inKernelMemory;
    const rows = checkedRows(this.net.params.length, split, vectors, options);
    this.vectors = vectors;
    this.x = split.x;
    this.y = split.y;
    this.rows = rows;
    this.classification = options.classification;
    this.scratch.ensure(Math.min(rows, CHUNK_ROWS));
    this.firstLayerProducts = vectors.map((v) => this.firstLayerProduct(v));
    const K = vectors.length;
    this.partialSum = kernelVector(K > 1 ? rows * this.net.layers[0].fanOut : 0);
    this.partialCoefficients = new Float64Array(Math.max(K - 1, 0));
    this.outputActivation = this.classification || !(spec.loss === 'bce' || spec.loss === 'softmax-ce');
    const chunk = Math.min(rows, CHUNK_ROWS);
    this.z = this.net.layers.map((layer) => kernelVector(chunk * layer.fanOut));
    this.a = this.net.layers.map((layer) => kernelVector(chunk * layer.fanOut));
  }

  /** The network whose params hold the last evaluated point (layers after the first). */
  get network(): Network { return this.net; }

  /** Loss and accuracy at params = sum_k coefficients[k] vectors[k]. */
  evaluate(coefficients: ArrayLike<number>): PointEvaluation {
    const K = this.vectors.length;
    if (coefficients.length !== K) throw new Error(`coefficients: expected ${K}, got ${coefficients.length}`);
    this.mixDeeperParams(coefficients);
    if (K > 1) this.updatePartialSum(coefficients);
    const { net, rows, z, a } = this;
    const layers = net.layers;
    const out = layers.length - 1;
    const first = layers[0];
    const width = first.fanOut;
    let lossSum = 0;
    let correct = 0;
    for (let row0 = 0; row0 < rows; row0 += CHUNK_ROWS) {
      const n = Math.min(CHUNK_ROWS, rows - row0);
      const z1 = z[0];
      const offset = row0 * width;
      const count = n * width;
      const last = this.firstLayerProducts[K - 1];
      const cLast = coefficients[K - 1];
      const kernels = this.scratch.inKernelMemory ? acceleratedKernels() : null;
      if (K === 1) {
        for (let e = 0; e < count; e++) z1[e] = cLast * last[offset + e];
      } else if (kernels !== null) {
        kernels.addScaled(this.partialSum, offset, cLast, last, offset, z1, count);
      } else {
        const partial = this.partialSum;
        for (let e = 0; e < count; e++) z1[e] = partial[offset + e] + cLast * last[offset + e];
      }
      applyActivation(first.activation, z1, a[0], n, width, this.scratch.inKernelMemory);
      for (let l = 1; l < layers.length; l++) {
        const layer = layers[l];
        dense(a[l - 1], 0, n, layer.fanIn, layer.fanOut, layer.W, layer.b, z[l], this.scratch);
        if (l < out || this.outputActivation) applyActivation(layer.activation, z[l], a[l], n, layer.fanOut, this.scratch.inKernelMemory);
      }
      const fanOut = layers[out].fanOut;
      lossSum += n * meanLoss(net.spec.loss, z[out], a[out], this.y, row0, n, fanOut, this.scratch.inKernelMemory);
      if (this.classification) correct += accuracyCount(a[out], this.y, row0, n, fanOut);
    }
    return { loss: lossSum / rows, accuracy: this.classification ? correct / rows : null };
  }

  /**
   * partialSum = c_0 P_0 + ... + c_{K-2} P_{K-2}, summed as the full mix would be (left to
   * right), recomputed only when one of those coefficients changed (compared with Object.is,
   * so that 0 and -0 count as different: they can give zeros of different sign).
   */
  private updatePartialSum(c: ArrayLike<number>): void {
    const kept = this.partialCoefficients;
    let same = this.partialValid;
    for (let k = 0; same && k < kept.length; k++) same = Object.is(kept[k], c[k]);
    if (same) return;
    const partial = this.partialSum;
    const p0 = this.firstLayerProducts[0];
    const c0 = c[0];
    for (let e = 0; e < partial.length; e++) partial[e] = c0 * p0[e];
    for (let k = 1; k < kept.length; k++) {
      const pk = this.firstLayerProducts[k];
      const ck = c[k];
      for (let e = 0; e < partial.length; e++) partial[e] += ck * pk[e];
    }
    for (let k = 0; k < kept.length; k++) kept[k] = c[k];
    this.partialValid = true;
  }

  /** x W1_v + b1_v for all rows, summed as the engine sums z (b_j first, then i ascending), a chunk at a time. */
  private firstLayerProduct(v: Float64Array): Float64Array {
    const { fanIn, fanOut, weightOffset, biasOffset } = this.net.layers[0];
    const product = kernelVector(this.rows * fanOut);
    const W = v.subarray(weightOffset, biasOffset);
    const b = v.subarray(biasOffset, biasOffset + fanOut);
    for (let row0 = 0; row0 < this.rows; row0 += CHUNK_ROWS) {
      const n = Math.min(CHUNK_ROWS, this.rows - row0);
      dense(this.x, row0 * fanIn, n, fanIn, fanOut, W, b, product.subarray(row0 * fanOut, (row0 + n) * fanOut), this.scratch);
    }
    return product;
  }

  /** params = sum_k c_k v_k for every layer but the first, whose contribution is precomputed. */
  private mixDeeperParams(c: ArrayLike<number>): void {
    const params = this.net.params;
    const start = this.net.layers.length > 1 ? this.net.layers[1].weightOffset : params.length;
    const v0 = this.vectors[0];
    const c0 = c[0];
    for (let p = start; p < params.length; p++) params[p] = c0 * v0[p];
    for (let k = 1; k < this.vectors.length; k++) {
      const vk = this.vectors[k];
      const ck = c[k];
      for (let p = start; p < params.length; p++) params[p] += ck * vk[p];
    }
  }
}

/**
 * The same points for a network with conv or pooling layers: the first dense layer's inputs are
 * the image layers' outputs, which move with their own parameters, so there is nothing to
 * precompute; each point sets params = sum_k c_k v_k and runs Network.evaluate, full batch
 * (c = (1, 0, …) gives the trained parameters exactly, so the centre is Network.loss's value).
 */
export class FullForwardEvaluator {
  private readonly net: Network;
  private readonly rows: number;

  constructor(spec: NetworkSpec, private readonly split: Split, private readonly vectors: readonly Float64Array[], private readonly options: PlaneEvaluatorOptions) {
    this.net = new Network(spec);
    this.rows = checkedRows(this.net.params.length, split, vectors, options);
  }

  evaluate(coefficients: ArrayLike<number>): PointEvaluation {
    const K = this.vectors.length;
    if (coefficients.length !== K) throw new Error(`coefficients: expected ${K}, got ${coefficients.length}`);
    const params = this.net.params;
    const v0 = this.vectors[0];
    const c0 = coefficients[0];
    for (let p = 0; p < params.length; p++) params[p] = c0 * v0[p];
    for (let k = 1; k < K; k++) {
      const vk = this.vectors[k];
      const ck = coefficients[k];
      for (let p = 0; p < params.length; p++) params[p] += ck * vk[p];
    }
    return this.net.evaluate(this.split.x, this.split.y, this.rows, this.options.classification);
  }
}

/** The evaluator for a network: the first-layer-linear one for dense nets, a full forward pass per point with image layers. */
export function pointEvaluator(spec: NetworkSpec, split: Split, vectors: readonly Float64Array[], options: PlaneEvaluatorOptions): { evaluate(c: ArrayLike<number>): PointEvaluation } {
  return spec.imageLayers?.length ? new FullForwardEvaluator(spec, split, vectors, options) : new PlaneEvaluator(spec, split, vectors, options);
}
