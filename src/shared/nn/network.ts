/**
 * A multilayer perceptron over ONE flat parameter vector (W1, b1, W2, b2, ...; W row-major
 * [fanIn][fanOut], so W[i * fanOut + j] is the lecture's w[i][j] from unit i of the layer below
 * to unit j), with per-layer views and a matching flat gradient vector. Forward and backward
 * run on row-major batches in buffers that are allocated once per batch size and reused.
 */
import { applyActivation, multiplyByDerivative } from './activations';
import { accuracyCount, meanLoss, outputDelta } from './losses';
import { denseSmall, SMALL_LAYER_WEIGHTS } from './dense';
import { NetworkSpecSchema, parameterCount, type ActivationName, type NetworkSpec } from './spec';

/** Rows evaluated at once by evaluate(), so a large split does not need buffers of its size. */
const EVAL_CHUNK_ROWS = 1024;

export class Layer {
  /** z = a_prev W + b for the last batch, rows x fanOut. */
  z = new Float64Array(0);
  /** a = f(z) for the last batch, rows x fanOut. */
  a = new Float64Array(0);
  /** delta = dL/dz (per example) for the last batch, rows x fanOut. */
  delta = new Float64Array(0);

  constructor(
    readonly index: number,
    readonly fanIn: number,
    readonly fanOut: number,
    readonly activation: ActivationName,
    /** Offset of W in the flat vector; b follows at weightOffset + fanIn * fanOut. */
    readonly weightOffset: number,
    readonly biasOffset: number,
    /** w[i][j] at W[i * fanOut + j]: a view into params. */
    readonly W: Float64Array,
    readonly b: Float64Array,
    /** dL/dW, mean over the batch: a view into grads. */
    readonly gradWeights: Float64Array,
    /** dL/db, mean over the batch: a view into grads. */
    readonly gradBias: Float64Array,
  ) {}

  allocate(rows: number): void {
    this.z = new Float64Array(rows * this.fanOut);
    this.a = new Float64Array(rows * this.fanOut);
    this.delta = new Float64Array(rows * this.fanOut);
  }
}

/** The unit whose value an input gradient differentiates: layer index into `layers` (0 = first hidden). */
export interface UnitObjective {
  layer: number;
  unit: number;
  /** true: the pre-activation z; false (default): the activation a. */
  preActivation?: boolean;
}

export interface Activations { z: Float64Array[]; a: Float64Array[] }

/** Number of parameters of a spec: sum over layers of fanIn * fanOut + fanOut. */
export { parameterCount };

export class Network {
  readonly spec: NetworkSpec;
  /** The flat parameter vector W1, b1, W2, b2, ... */
  readonly params: Float64Array;
  /** dL/dparams for the last lossAndGradient call, same layout as params. */
  readonly grads: Float64Array;
  readonly layers: Layer[];
  /** Rows the batch buffers currently hold. */
  private capacity = 0;
  /**
   * Scratch for the large-layer kernels: for one input unit i, the batch rows whose input is
   * non-zero, as offsets r * fanOut into z/delta, and those inputs. Sized to the capacity.
   */
  private nonZeroOffsets = new Int32Array(0);
  private nonZeroValues = new Float64Array(0);
  private readonly inputRow: Float64Array;
  /** Ping-pong buffers of dValue/da and dValue/dz for one row (inputGradient). */
  private readonly rowGradA: Float64Array;
  private readonly rowGradB: Float64Array;

  /** `params`, when given, is shared (not copied): several networks may read one vector. */
  constructor(spec: NetworkSpec, params?: Float64Array) {
    const parsed = NetworkSpecSchema.safeParse(spec);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new Error(`invalid network spec: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
    }
    this.spec = parsed.data;
    const count = parameterCount(this.spec);
    if (params && params.length !== count) {
      throw new Error(`params: expected ${count} values for this network, got ${params.length}`);
    }
    this.params = params ?? new Float64Array(count);
    this.grads = new Float64Array(count);
    this.layers = [];
    let offset = 0;
    let fanIn = this.spec.inputs;
    let widest = fanIn;
    this.spec.layers.forEach((layerSpec, index) => {
      const fanOut = layerSpec.units;
      const biasOffset = offset + fanIn * fanOut;
      const end = biasOffset + fanOut;
      this.layers.push(new Layer(
        index, fanIn, fanOut, layerSpec.activation, offset, biasOffset,
        this.params.subarray(offset, biasOffset), this.params.subarray(biasOffset, end),
        this.grads.subarray(offset, biasOffset), this.grads.subarray(biasOffset, end),
      ));
      offset = end;
      fanIn = fanOut;
      widest = Math.max(widest, fanOut);
    });
    this.inputRow = new Float64Array(this.spec.inputs);
    this.rowGradA = new Float64Array(widest);
    this.rowGradB = new Float64Array(widest);
  }

  get inputs(): number { return this.spec.inputs; }
  get outputs(): number { return this.layers[this.layers.length - 1].fanOut; }
  get outputLayer(): Layer { return this.layers[this.layers.length - 1]; }

  /** Index in params of w[i][j] of layer l. */
  weightIndex(l: number, i: number, j: number): number {
    const layer = this.layers[l];
    return layer.weightOffset + i * layer.fanOut + j;
  }

  setParams(p: ArrayLike<number>): void {
    if (p.length !== this.params.length) {
      throw new Error(`params: expected ${this.params.length} values for this network, got ${p.length}`);
    }
    this.params.set(p);
  }

  /** Grows the batch buffers to hold `rows` rows; never shrinks, so steady training allocates nothing. */
  private ensureCapacity(rows: number): void {
    if (rows <= this.capacity) return;
    for (const layer of this.layers) layer.allocate(rows);
    this.nonZeroOffsets = new Int32Array(rows);
    this.nonZeroValues = new Float64Array(rows);
    this.capacity = rows;
  }

  /** Forward pass of `rows` rows of x starting at row `row0`; results in each layer's z and a. */
  private forwardRows(x: Float64Array, row0: number, rows: number): void {
    this.ensureCapacity(rows);
    const layers = this.layers;
    let input = x;
    let inputOffset = row0 * this.spec.inputs;
    for (let l = 0; l < layers.length; l++) {
      const layer = layers[l];
      const fanIn = layer.fanIn;
      const fanOut = layer.fanOut;
      const W = layer.W;
      const b = layer.b;
      const z = layer.z;
      if (W.length <= SMALL_LAYER_WEIGHTS) {
        denseSmall(input, inputOffset, rows, fanIn, fanOut, W, b, z);
      } else {
        denseLarge(input, inputOffset, rows, fanIn, fanOut, W, b, z, this.nonZeroOffsets, this.nonZeroValues);
      }
      applyActivation(layer.activation, z, layer.a, rows, fanOut);
      input = layer.a;
      inputOffset = 0;
    }
  }

  /** Outputs for `rows` rows of x: a view into the output layer's buffer, valid until the next pass. */
  forward(x: Float64Array, rows: number): Float64Array {
    this.forwardRows(x, 0, rows);
    const a = this.outputLayer.a;
    const n = rows * this.outputs;
    return n === a.length ? a : a.subarray(0, n);
  }

  /** Outputs for `rows` rows, copied. */
  predict(x: Float64Array, rows: number): Float64Array {
    return this.forward(x, rows).slice();
  }

  /** Mean loss over `rows` rows (forward only). */
  loss(x: Float64Array, y: Float64Array, rows: number): number {
    return this.evaluate(x, y, rows, false).loss;
  }

  /** Mean loss and, when `classification`, accuracy over `rows` rows, in chunks (forward only). */
  evaluate(x: Float64Array, y: Float64Array, rows: number, classification: boolean): { loss: number; accuracy: number | null } {
    if (rows === 0) return { loss: NaN, accuracy: null };
    const out = this.outputLayer;
    const chunk = Math.max(this.capacity, Math.min(rows, EVAL_CHUNK_ROWS));
    let lossSum = 0;
    let correct = 0;
    for (let row0 = 0; row0 < rows; row0 += chunk) {
      const n = Math.min(chunk, rows - row0);
      this.forwardRows(x, row0, n);
      lossSum += n * meanLoss(this.spec.loss, out.z, out.a, y, row0, n, out.fanOut);
      if (classification) correct += accuracyCount(out.a, y, row0, n, out.fanOut);
    }
    return { loss: lossSum / rows, accuracy: classification ? correct / rows : null };
  }

  /**
   * Forward and backward over `rows` rows from row `row0`: fills grads with the gradient of the
   * mean loss and returns that mean loss. The delta rule: output delta from the loss and the
   * activation derivative, hidden delta_i = f'(z_i) sum_j w_ij delta_j, dL/dw_ij = mean(a_i delta_j).
   */
  lossAndGradient(x: Float64Array, y: Float64Array, rows: number, row0 = 0): number {
    this.forwardRows(x, row0, rows);
    const layers = this.layers;
    const out = this.outputLayer;
    const loss = meanLoss(this.spec.loss, out.z, out.a, y, row0, rows, out.fanOut);
    outputDelta(this.spec.loss, out.activation, out.z, out.a, y, row0, rows, out.fanOut, out.delta);
    const invRows = 1 / rows;
    for (let l = layers.length - 1; l >= 0; l--) {
      const layer = layers[l];
      const fanIn = layer.fanIn;
      const fanOut = layer.fanOut;
      const delta = layer.delta;
      const gW = layer.gradWeights;
      const gB = layer.gradBias;
      const input = l === 0 ? x : layers[l - 1].a;
      const inputOffset = l === 0 ? row0 * fanIn : 0;
      for (let j = 0; j < fanOut; j++) {
        let s = 0;
        for (let r = 0, d = j; r < rows; r++, d += fanOut) s += delta[d];
        gB[j] = s * invRows;
      }
      if (gW.length <= SMALL_LAYER_WEIGHTS) {
        // each dL/dw_ij summed over the batch in a register
        for (let i = 0; i < fanIn; i++) {
          const wo = i * fanOut;
          for (let j = 0; j < fanOut; j++) {
            let s = 0;
            for (let r = 0, ia = inputOffset + i, d = j; r < rows; r++, ia += fanIn, d += fanOut) s += input[ia] * delta[d];
            gW[wo + j] = s * invRows;
          }
        }
      } else {
        weightGradLarge(input, inputOffset, rows, fanIn, fanOut, delta, invRows, gW, this.nonZeroOffsets, this.nonZeroValues);
      }
      if (l === 0) break;
      const below = layers[l - 1];
      const belowDelta = below.delta;
      if (below.activation === 'step') {
        belowDelta.fill(0, 0, rows * fanIn);
        continue;
      }
      // delta_below[r,i] = f'(z_below[r,i]) sum_j w_ij delta[r,j] (j ascending, contiguous in W's
      // row i and in delta's row r). Below a ReLU, f' is 0 wherever z <= 0 (or NaN), so those
      // sums are not computed at all: the result, 0, is what multiplyByDerivative would give.
      const W = layer.W;
      const belowZ = below.z;
      const relu = below.activation === 'relu';
      for (let r = 0, dOff = 0, bo = 0; r < rows; r++, dOff += fanOut, bo += fanIn) {
        for (let i = 0, wo = 0; i < fanIn; i++, wo += fanOut) {
          if (relu && !(belowZ[bo + i] > 0)) {
            belowDelta[bo + i] = 0;
            continue;
          }
          let s = 0;
          for (let j = 0; j < fanOut; j++) s += W[wo + j] * delta[dOff + j];
          belowDelta[bo + i] = s;
        }
      }
      if (!relu) multiplyByDerivative(below.activation, below.z, below.a, belowDelta, rows, fanIn);
    }
    return loss;
  }

  /** z and a of every layer for `rows` rows, copied (hidden representations, decision maps). */
  activations(x: Float64Array, rows: number): Activations {
    this.forwardRows(x, 0, rows);
    return {
      z: this.layers.map((layer) => layer.z.slice(0, rows * layer.fanOut)),
      a: this.layers.map((layer) => layer.a.slice(0, rows * layer.fanOut)),
    };
  }

  /**
   * d(unit value)/d(input) for one input row, by backpropagating from one unit instead of
   * from the loss: seed dz (or da) = e_unit, then dValue/da_i = sum_j w_ij dValue/dz_j down to x.
   */
  inputGradient(x: ArrayLike<number>, objective: UnitObjective, out?: Float64Array): { value: number; gradient: Float64Array } {
    const { layer: target, unit, preActivation = false } = objective;
    if (!Number.isInteger(target) || target < 0 || target >= this.layers.length) {
      throw new Error(`objective.layer: expected 0..${this.layers.length - 1}, got ${target}`);
    }
    const top = this.layers[target];
    if (!Number.isInteger(unit) || unit < 0 || unit >= top.fanOut) {
      throw new Error(`objective.unit: expected 0..${top.fanOut - 1}, got ${unit}`);
    }
    if (x.length !== this.spec.inputs) throw new Error(`x: expected ${this.spec.inputs} inputs, got ${x.length}`);
    const gradient = out ?? new Float64Array(this.spec.inputs);
    this.inputRow.set(x);
    this.forwardRows(this.inputRow, 0, 1);
    const value = preActivation ? top.z[unit] : top.a[unit];
    let dz = this.rowGradA;
    let da = this.rowGradB;
    dz.fill(0, 0, top.fanOut);
    dz[unit] = 1;
    if (!preActivation) multiplyByDerivative(top.activation, top.z, top.a, dz, 1, top.fanOut);
    for (let l = target; l >= 0; l--) {
      const layer = this.layers[l];
      const fanOut = layer.fanOut;
      const W = layer.W;
      const dest = l === 0 ? gradient : da;
      for (let i = 0; i < layer.fanIn; i++) {
        const wo = i * fanOut;
        let s = 0;
        for (let j = 0; j < fanOut; j++) s += W[wo + j] * dz[j];
        dest[i] = s;
      }
      if (l === 0) break;
      const below = this.layers[l - 1];
      multiplyByDerivative(below.activation, below.z, below.a, da, 1, below.fanOut);
      const t = dz;
      dz = da;
      da = t;
    }
    return { value, gradient };
  }
}

/**
 * The rows whose input i is non-zero, for the large-layer kernels: their offsets into a
 * rows x fanOut buffer go to `offsets` and their values to `values`, in row order; returns how many.
 */
function gatherNonZeroRows(
  input: Float64Array, inputOffset: number, rows: number, fanIn: number, fanOut: number, i: number,
  offsets: Int32Array, values: Float64Array,
): number {
  let m = 0;
  for (let r = 0, ia = inputOffset + i; r < rows; r++, ia += fanIn) {
    const ai = input[ia];
    if (ai !== 0) {
      offsets[m] = r * fanOut;
      values[m] = ai;
      m++;
    }
  }
  return m;
}

/**
 * z = input W + b for a layer too large for the register kernel (784 x 128 for MNIST).
 * Input unit i outer, batch rows inner: z[r,:] += x[r,i] W[i,:]. Each row of W is read once
 * per batch (784 x 128 doubles are 800 KB, 25 times L1) while z (rows x fanOut, 32 KB for
 * MNIST's batch of 32) stays in or near L1, and every inner loop is contiguous. Zero inputs (blank
 * pixels, about 80% of MNIST; dead ReLUs) add nothing and are skipped: for each i the rows with
 * a non-zero input are gathered first, then taken four at a time, so one load of w_ij serves
 * four rows. Every z[r,j] is still b_j plus x[r,i] w_ij for i ascending, the same to the bit as
 * a plain row-by-row loop (zeros are skipped, never multiplied, so an infinite weight behind a
 * blank pixel changes nothing either).
 */
function denseLarge(
  input: Float64Array, inputOffset: number, rows: number, fanIn: number, fanOut: number,
  W: Float64Array, b: Float64Array, z: Float64Array, offsets: Int32Array, values: Float64Array,
): void {
  for (let r = 0, zo = 0; r < rows; r++, zo += fanOut) {
    for (let j = 0; j < fanOut; j++) z[zo + j] = b[j];
  }
  for (let i = 0, wo = 0; i < fanIn; i++, wo += fanOut) {
    const m = gatherNonZeroRows(input, inputOffset, rows, fanIn, fanOut, i, offsets, values);
    let k = 0;
    for (; k + 4 <= m; k += 4) {
      const z0 = offsets[k];
      const z1 = offsets[k + 1];
      const z2 = offsets[k + 2];
      const z3 = offsets[k + 3];
      const a0 = values[k];
      const a1 = values[k + 1];
      const a2 = values[k + 2];
      const a3 = values[k + 3];
      for (let j = 0; j < fanOut; j++) {
        const w = W[wo + j];
        z[z0 + j] += a0 * w;
        z[z1 + j] += a1 * w;
        z[z2 + j] += a2 * w;
        z[z3 + j] += a3 * w;
      }
    }
    for (; k < m; k++) {
      const zo = offsets[k];
      const a = values[k];
      for (let j = 0; j < fanOut; j++) z[zo + j] += a * W[wo + j];
    }
  }
}

/**
 * dL/dW = (1/rows) sum_r x[r,:]^T delta[r,:] for a large layer, one row of dL/dW at a time
 * while it is in cache: gW[i,:] = (sum over rows r with x[r,i] != 0, ascending, of
 * x[r,i] delta[r,:]) / rows. As in denseLarge, the non-zero rows of input column i are gathered
 * and taken four at a time (one load and store of gW[i,j] per four products, added in row
 * order); the sums are the same to the bit as one row at a time. A column that is zero in every
 * row gets a zero gradient.
 */
function weightGradLarge(
  input: Float64Array, inputOffset: number, rows: number, fanIn: number, fanOut: number,
  delta: Float64Array, invRows: number, gW: Float64Array, offsets: Int32Array, values: Float64Array,
): void {
  for (let i = 0, wo = 0; i < fanIn; i++, wo += fanOut) {
    const m = gatherNonZeroRows(input, inputOffset, rows, fanIn, fanOut, i, offsets, values);
    if (m === 0) {
      gW.fill(0, wo, wo + fanOut);
      continue;
    }
    // the first product initializes the sum, so no separate clearing pass
    let k = 0;
    if (m >= 4) {
      const d0 = offsets[0];
      const d1 = offsets[1];
      const d2 = offsets[2];
      const d3 = offsets[3];
      const a0 = values[0];
      const a1 = values[1];
      const a2 = values[2];
      const a3 = values[3];
      for (let j = 0; j < fanOut; j++) {
        gW[wo + j] = a0 * delta[d0 + j] + a1 * delta[d1 + j] + a2 * delta[d2 + j] + a3 * delta[d3 + j];
      }
      k = 4;
    } else {
      const d0 = offsets[0];
      const a0 = values[0];
      for (let j = 0; j < fanOut; j++) gW[wo + j] = a0 * delta[d0 + j];
      k = 1;
    }
    for (; k + 4 <= m; k += 4) {
      const d0 = offsets[k];
      const d1 = offsets[k + 1];
      const d2 = offsets[k + 2];
      const d3 = offsets[k + 3];
      const a0 = values[k];
      const a1 = values[k + 1];
      const a2 = values[k + 2];
      const a3 = values[k + 3];
      for (let j = 0; j < fanOut; j++) {
        gW[wo + j] = gW[wo + j] + a0 * delta[d0 + j] + a1 * delta[d1 + j] + a2 * delta[d2 + j] + a3 * delta[d3 + j];
      }
    }
    for (; k < m; k++) {
      const d0 = offsets[k];
      const a0 = values[k];
      for (let j = 0; j < fanOut; j++) gW[wo + j] += a0 * delta[d0 + j];
    }
    for (let j = 0; j < fanOut; j++) gW[wo + j] *= invRows;
  }
}
