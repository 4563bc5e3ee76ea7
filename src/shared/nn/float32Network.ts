/**
 * The training side of a multilayer perceptron in float32 (a TrainSpec's `precision: 'float32'`):
 * parameters, gradients and every batch buffer are float32, and the products run in the float32
 * kernels (float32Kernels.ts: four SIMD lanes where float64 has two, half the cache), skipping
 * zero inputs. The equations and the order of every sum are network.ts's: forward z = a_prev W + b,
 * a = f(z); output delta from the loss; hidden delta_i = f'(z_i) sum_j w_ij delta_j;
 * dL/dw_ij = mean over the batch of a_i delta_j.
 *
 * Only what is wide runs in float32. The output layer's activation, the loss and its delta (ten
 * numbers a row for MNIST) are computed in float64 by losses.ts from the float32 z, and so are
 * hidden activations other than ReLU (activations.ts), through float64 copies of their few values:
 * one implementation of each formula, and the loss a run reports is a float64 mean.
 * Dense layers only: conv nets train in float64 (trainSpec.ts refuses float32 for them).
 */
import { applyActivation, multiplyByDerivative } from './activations';
import { meanLoss, outputDelta } from './losses';
import { sparseEntries32, type Float32Kernels, type SparseEntries32 } from './float32Kernels';
import { parameterCount, type ActivationName, type NetworkSpec } from './spec';

export class Float32Layer {
  z: Float32Array = new Float32Array(0);
  a: Float32Array = new Float32Array(0);
  delta: Float32Array = new Float32Array(0);
  /** This layer's input's non-zero entries for the last batch. */
  entries: SparseEntries32 | null = null;

  constructor(
    readonly fanIn: number,
    readonly fanOut: number,
    readonly activation: ActivationName,
    readonly W: Float32Array,
    readonly b: Float32Array,
    readonly gradWeights: Float32Array,
    readonly gradBias: Float32Array,
  ) {}
}

export class Float32Network {
  /** W1, b1, W2, b2, ... as the float64 Network lays them out. */
  readonly params: Float32Array;
  readonly grads: Float32Array;
  readonly layers: Float32Layer[] = [];
  private capacity = 0;
  /** W^T of the layer being backpropagated through (the widest layer's size). */
  private readonly transposed: Float32Array;
  /** float64 copies for the formulas that stay in float64: a layer's z, a and delta. */
  private z64 = new Float64Array(0);
  private a64 = new Float64Array(0);
  private delta64 = new Float64Array(0);

  constructor(readonly spec: NetworkSpec, private readonly kernels: Float32Kernels) {
    if (spec.imageLayers?.length) throw new Error('precision float32: conv and pooling layers train in float64 only');
    this.params = kernels.vector(parameterCount(spec));
    this.grads = kernels.vector(this.params.length);
    let offset = 0;
    let fanIn = spec.inputs;
    let largest = 0;
    for (const layer of spec.layers) {
      const fanOut = layer.units;
      const bias = offset + fanIn * fanOut;
      const end = bias + fanOut;
      this.layers.push(new Float32Layer(fanIn, fanOut, layer.activation,
        this.params.subarray(offset, bias), this.params.subarray(bias, end),
        this.grads.subarray(offset, bias), this.grads.subarray(bias, end)));
      largest = Math.max(largest, fanIn * fanOut);
      offset = end;
      fanIn = fanOut;
    }
    this.transposed = kernels.vector(largest);
  }

  /** Rounds a float64 parameter vector into this network's. */
  setParams(p: ArrayLike<number>): void {
    if (p.length !== this.params.length) throw new Error(`params: expected ${this.params.length} values for this network, got ${p.length}`);
    this.params.set(p);
  }

  private ensureCapacity(rows: number): void {
    if (rows <= this.capacity) return;
    const kernels = this.kernels;
    let widest = 0;
    for (const layer of this.layers) {
      layer.z = kernels.vector(rows * layer.fanOut);
      layer.a = kernels.vector(rows * layer.fanOut);
      layer.delta = kernels.vector(rows * layer.fanOut);
      layer.entries = sparseEntries32(kernels, rows, layer.fanIn);
      widest = Math.max(widest, layer.fanOut);
    }
    this.z64 = new Float64Array(rows * widest);
    this.a64 = new Float64Array(rows * widest);
    this.delta64 = new Float64Array(rows * widest);
    this.capacity = rows;
  }

  /**
   * Forward and backward over `rows` rows of x (float32, in the kernels' memory) from row `row0`,
   * targets y from row `yRow0`: fills grads with the gradient of the mean loss and returns it.
   */
  lossAndGradient(x: Float32Array, row0: number, y: Float64Array, yRow0: number, rows: number): number {
    this.ensureCapacity(rows);
    const { kernels, layers } = this;
    let input = x;
    let inputRow0 = row0;
    for (let l = 0; l < layers.length; l++) {
      const layer = layers[l];
      const entries = layer.entries!;
      kernels.sparseRows(input, inputRow0, rows, layer.fanIn, entries);
      kernels.denseSparse(rows, layer.fanOut, entries, layer.W, layer.b, layer.z);
      if (l < layers.length - 1) this.activate(layer, rows);
      // the first layer's inputs by column are needed last, by its weight gradient: listed in the
      // background (by the kernels' second thread, when they have one) while the output layer,
      // the loss and the deeper layers' backward pass run here
      if (l === layers.length - 2) kernels.sparseColumnsSoon(rows, layers[0].fanIn, layers[0].entries!);
      input = layer.a;
      inputRow0 = 0;
    }
    const out = layers[layers.length - 1];
    const n = rows * out.fanOut;
    const z64 = this.z64.subarray(0, n);
    const a64 = this.a64.subarray(0, n);
    const delta64 = this.delta64.subarray(0, n);
    z64.set(out.z.subarray(0, n));
    applyActivation(out.activation, z64, a64, rows, out.fanOut);
    const loss = meanLoss(this.spec.loss, z64, a64, y, yRow0, rows, out.fanOut);
    outputDelta(this.spec.loss, out.activation, z64, a64, y, yRow0, rows, out.fanOut, delta64);
    out.a.set(a64);
    out.delta.set(delta64);
    for (let l = layers.length - 1; l >= 0; l--) {
      const layer = layers[l];
      const entries = layer.entries!;
      if (l > 0 || layers.length === 1) kernels.sparseColumns(rows, layer.fanIn, entries);
      kernels.weightGradientsSparse(rows, layer.fanIn, layer.fanOut, entries, layer.delta, layer.gradWeights, layer.gradBias);
      if (l === 0) break;
      const below = layers[l - 1];
      if (below.activation === 'step') {
        below.delta.fill(0, 0, rows * layer.fanIn);
        continue;
      }
      const relu = below.activation === 'relu';
      kernels.backpropagate(layer.W, layer.fanIn, layer.fanOut, layer.delta, rows, below.delta, relu ? below.z : null, this.transposed);
      if (!relu) this.derivative(below, rows);
    }
    return loss;
  }

  /** a = f(z): ReLU in float32, any other activation through activations.ts in float64. */
  private activate(layer: Float32Layer, rows: number): void {
    const n = rows * layer.fanOut;
    if (layer.activation === 'relu') {
      this.kernels.relu(layer.z, layer.a, n);
      return;
    }
    const z64 = this.z64.subarray(0, n);
    const a64 = this.a64.subarray(0, n);
    z64.set(layer.z.subarray(0, n));
    applyActivation(layer.activation, z64, a64, rows, layer.fanOut);
    layer.a.set(a64);
  }

  /** delta *= f'(z) through activations.ts in float64 (ReLU's is applied by the backpropagate kernel). */
  private derivative(layer: Float32Layer, rows: number): void {
    const n = rows * layer.fanOut;
    const z64 = this.z64.subarray(0, n);
    const a64 = this.a64.subarray(0, n);
    const delta64 = this.delta64.subarray(0, n);
    z64.set(layer.z.subarray(0, n));
    a64.set(layer.a.subarray(0, n));
    delta64.set(layer.delta.subarray(0, n));
    multiplyByDerivative(layer.activation, z64, a64, delta64, rows, layer.fanOut);
    layer.delta.set(delta64);
  }
}
