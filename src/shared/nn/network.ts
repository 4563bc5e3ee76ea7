/**
 * A multilayer perceptron over ONE flat parameter vector (W1, b1, W2, b2, ...; W row-major
 * [fanIn][fanOut], so W[i * fanOut + j] is the lecture's w[i][j] from unit i of the layer below
 * to unit j), with per-layer views and a matching flat gradient vector. Forward and backward
 * run on row-major batches in buffers that are allocated once per batch size and reused.
 * This file states the lecture's equations; the loops that compute the matrix products are
 * in kernels.ts, activations in activations.ts, losses and the output delta in losses.ts.
 * A spec with image layers (conv, pools) runs them first (imageLayers.ts): their parameters
 * come first in the flat vector, and the first dense layer reads their output maps as its input.
 */
import { applyActivation, multiplyByDerivative } from './activations';
import { accuracyCount, meanLoss, outputDelta } from './losses';
import { acceleratedKernels, backpropagate, dense, hasLargeLayer, kernelVector, NonZeroRows, weightGradients } from './kernels';
import { ImageStack, type ImageLayer } from './imageLayers';
import { planImageLayers } from './imageShapes';
import { NetworkSpecSchema, parameterCount, type ActivationName, type NetworkSpec } from './spec';

/** Rows evaluated at once by evaluate(), so a large split does not need buffers of its size. */
const EVAL_CHUNK_ROWS = 1024;
/**
 * Image layers keep rows x (their maps) values per buffer (MNIST's conv 8@5x5: 4,608 a row), so
 * a network with them takes at most this many values per buffer at once: 2M (16 MB) bounds what
 * a full-batch step or an evaluation allocates; larger batches go through in chunks.
 */
const IMAGE_CHUNK_VALUES = 2 ** 21;

export class Layer {
  /** z = a_prev W + b for the last batch, rows x fanOut. */
  z: Float64Array = new Float64Array(0);
  /** a = f(z) for the last batch, rows x fanOut. */
  a: Float64Array = new Float64Array(0);
  /** delta = dL/dz (per example) for the last batch, rows x fanOut. */
  delta: Float64Array = new Float64Array(0);

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

  /** `vector` makes a zeroed buffer (in the accelerated kernels' memory for a network with a large layer). */
  allocate(rows: number, vector: (length: number) => Float64Array): void {
    this.z = vector(rows * this.fanOut);
    this.a = vector(rows * this.fanOut);
    this.delta = vector(rows * this.fanOut);
  }
}

/** The unit whose value an input gradient differentiates: layer index into `layers` (0 = first hidden). */
export interface UnitObjective {
  layer: number;
  unit: number;
  /** true: the pre-activation z; false (default): the activation a. */
  preActivation?: boolean;
}

/**
 * One channel of an image layer (index into `imageStack.layers`: conv and pool layers, flatten not
 * counted): its value is the mean of its map's activations, the "channel" objective of Olah et
 * al.'s feature visualization, since a channel is one feature detector slid over the image.
 */
export interface ChannelObjective {
  imageLayer: number;
  channel: number;
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
  /** The conv and pool layers before the dense ones, or null for a plain multilayer perceptron. */
  readonly imageStack: ImageStack | null = null;
  /** Rows the batch buffers currently hold. */
  private capacity = 0;
  /** Most rows one pass takes: unbounded for dense layers, IMAGE_CHUNK_VALUES over the widest map for image layers. */
  private readonly chunkRows: number = Infinity;
  /** The image layers' outputs of a pass over more than chunkRows rows, gathered chunk by chunk. */
  private imageOutputs: Float64Array = new Float64Array(0);
  /** The rows-weighted sum of the chunks' gradients, for a batch larger than chunkRows. */
  private gradientSum: Float64Array | null = null;
  /** Scratch of the large-layer kernels (kernels.ts), sized to the capacity. */
  private readonly scratch = new NonZeroRows();
  private readonly inputRow: Float64Array;
  /** Ping-pong buffers of dValue/da and dValue/dz for one row (inputGradient). */
  private readonly rowGradA: Float64Array;
  private readonly rowGradB: Float64Array;
  /** Makes vectors and batch buffers: kernelVector when a layer is large enough for the accelerated kernels, else plain arrays. */
  private readonly vector: (length: number) => Float64Array;

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
    const large = hasLargeLayer(this.spec.inputs, this.spec.layers);
    this.vector = large ? kernelVector : (length) => new Float64Array(length);
    this.scratch.inKernelMemory = large && acceleratedKernels() !== null;
    this.params = params ?? this.vector(count);
    this.grads = this.vector(count);
    this.layers = [];
    let offset = 0;
    let fanIn = this.spec.inputs;
    if (this.spec.imageLayers?.length) {
      // the schema has checked that the layers fit the input shape
      const plan = planImageLayers(this.spec.inputShape!, this.spec.imageLayers);
      if ('problem' in plan) throw new Error(`invalid network spec: imageLayers.${plan.layer}: ${plan.problem}`);
      const stack = new ImageStack(plan.layers, this.spec.inputs, plan.outputSize, this.params, this.grads);
      if (stack.layers.length > 0) {
        this.imageStack = stack;
        const widest = Math.max(this.spec.inputs, ...stack.layers.map((layer) => layer.outSize));
        this.chunkRows = Math.max(1, Math.floor(IMAGE_CHUNK_VALUES / widest));
      }
      offset = plan.parameters;
      fanIn = plan.outputSize;
    }
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
    for (const layer of this.layers) layer.allocate(rows, this.vector);
    if (this.imageStack) {
      // the image layers run at most chunkRows rows at once; their output rows are gathered for the dense layers
      const stackRows = Math.min(rows, this.chunkRows);
      if (stackRows > Math.min(this.capacity, this.chunkRows)) this.imageStack.allocate(stackRows, this.vector);
      if (rows > this.chunkRows) this.imageOutputs = this.vector(rows * this.imageStack.outputSize);
    }
    this.scratch.ensure(rows);
    this.capacity = rows;
  }

  /** Forward pass of `rows` rows of x starting at row `row0`; results in each layer's z and a. */
  private forwardRows(x: Float64Array, row0: number, rows: number): void {
    this.ensureCapacity(rows);
    const layers = this.layers;
    let input = x;
    let inputOffset = row0 * this.spec.inputs;
    const stack = this.imageStack;
    if (stack && rows <= this.chunkRows) {
      input = stack.forward(x, row0, rows, this.scratch.inKernelMemory);
      inputOffset = 0;
    } else if (stack) {
      const width = stack.outputSize;
      for (let r = 0; r < rows; r += this.chunkRows) {
        const n = Math.min(this.chunkRows, rows - r);
        this.imageOutputs.set(stack.forward(x, row0 + r, n, this.scratch.inKernelMemory).subarray(0, n * width), r * width);
      }
      input = this.imageOutputs;
      inputOffset = 0;
    }
    for (let l = 0; l < layers.length; l++) {
      const layer = layers[l];
      // z = a_prev W + b, then a = f(z)
      dense(input, inputOffset, rows, layer.fanIn, layer.fanOut, layer.W, layer.b, layer.z, this.scratch);
      applyActivation(layer.activation, layer.z, layer.a, rows, layer.fanOut, this.scratch.inKernelMemory);
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
      lossSum += n * meanLoss(this.spec.loss, out.z, out.a, y, row0, n, out.fanOut, this.scratch.inKernelMemory);
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
    if (rows <= this.chunkRows) return this.batchLossAndGradient(x, y, rows, row0);
    // a batch too large for the image layers' buffers: the rows-weighted mean of its chunks' gradients and losses
    const sum = this.gradientSum ??= new Float64Array(this.grads.length);
    sum.fill(0);
    let lossSum = 0;
    for (let r = 0; r < rows; r += this.chunkRows) {
      const n = Math.min(this.chunkRows, rows - r);
      lossSum += n * this.batchLossAndGradient(x, y, n, row0 + r);
      for (let k = 0; k < sum.length; k++) sum[k] += n * this.grads[k];
    }
    for (let k = 0; k < sum.length; k++) this.grads[k] = sum[k] / rows;
    return lossSum / rows;
  }

  private batchLossAndGradient(x: Float64Array, y: Float64Array, rows: number, row0: number): number {
    this.forwardRows(x, row0, rows);
    const layers = this.layers;
    const out = this.outputLayer;
    const loss = meanLoss(this.spec.loss, out.z, out.a, y, row0, rows, out.fanOut, this.scratch.inKernelMemory);
    outputDelta(this.spec.loss, out.activation, out.z, out.a, y, row0, rows, out.fanOut, out.delta);
    const stack = this.imageStack;
    for (let l = layers.length - 1; l >= 0; l--) {
      const layer = layers[l];
      const input = l > 0 ? layers[l - 1].a : stack ? stack.layers[stack.layers.length - 1].a : x;
      // dL/dw_ij = mean over the batch of a_i delta_j; dL/db_j = mean of delta_j
      weightGradients(input, l === 0 && !stack ? row0 * layer.fanIn : 0, rows, layer.fanIn, layer.fanOut,
        layer.delta, layer.gradWeights, layer.gradBias, this.scratch);
      if (l === 0) {
        if (stack) {
          // g_i = sum_j w_ij delta_j into the image layers' top, which take it down from there
          backpropagate(layer.W, layer.fanIn, layer.fanOut, layer.delta, rows, stack.topGradient, null, this.scratch.inKernelMemory);
          stack.backward(x, row0, rows);
        }
        break;
      }
      // delta_i = f'(z_i) sum_j w_ij delta_j for the layer below (f' = 0 for step: no sums needed)
      const below = layers[l - 1];
      if (below.activation === 'step') {
        below.delta.fill(0, 0, rows * layer.fanIn);
        continue;
      }
      const relu = below.activation === 'relu';
      backpropagate(layer.W, layer.fanIn, layer.fanOut, layer.delta, rows, below.delta, relu ? below.z : null, this.scratch.inKernelMemory);
      if (!relu) multiplyByDerivative(below.activation, below.z, below.a, below.delta, rows, layer.fanIn);
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
  inputGradient(x: ArrayLike<number>, objective: UnitObjective | ChannelObjective, out?: Float64Array): { value: number; gradient: Float64Array } {
    if ('channel' in objective) return this.channelInputGradient(x, objective, out);
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
    const stack = this.imageStack;
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
      backpropagate(layer.W, layer.fanIn, layer.fanOut, dz, 1, l > 0 ? da : stack ? stack.topGradient : gradient);
      if (l === 0) {
        if (stack) stack.backward(this.inputRow, 0, 1, gradient, false);
        break;
      }
      const below = this.layers[l - 1];
      multiplyByDerivative(below.activation, below.z, below.a, da, 1, below.fanOut);
      const t = dz;
      dz = da;
      da = t;
    }
    return { value, gradient };
  }
  /** The image layer and the channel size of a channel objective, or the reason it names none. */
  private imageChannel({ imageLayer, channel }: ChannelObjective): { layer: ImageLayer; size: number } {
    const stack = this.imageStack;
    if (!stack) throw new Error('objective.imageLayer: this network has no conv or pooling layers');
    if (!Number.isInteger(imageLayer) || imageLayer < 0 || imageLayer >= stack.layers.length) {
      throw new Error(`objective.imageLayer: expected 0..${stack.layers.length - 1}, got ${imageLayer}`);
    }
    const layer = stack.layers[imageLayer];
    const [channels, height, width] = layer.plan.output;
    if (!Number.isInteger(channel) || channel < 0 || channel >= channels) {
      throw new Error(`objective.channel: expected 0..${channels - 1}, got ${channel}`);
    }
    return { layer, size: height * width };
  }

  /**
   * d(mean of one channel's map)/d(input) for one row: the channel's delta is 1/(h*w) at each
   * of its positions and 0 elsewhere, then the image layers' own backward pass takes it to x.
   */
  private channelInputGradient(x: ArrayLike<number>, objective: ChannelObjective, out?: Float64Array): { value: number; gradient: Float64Array } {
    const { layer, size } = this.imageChannel(objective);
    if (x.length !== this.spec.inputs) throw new Error(`x: expected ${this.spec.inputs} inputs, got ${x.length}`);
    const gradient = out ?? new Float64Array(this.spec.inputs);
    this.inputRow.set(x);
    this.forwardRows(this.inputRow, 0, 1);
    const from = objective.channel * size;
    let sum = 0;
    for (let i = from; i < from + size; i++) sum += layer.a[i];
    layer.delta.fill(0, 0, layer.outSize);
    layer.delta.fill(1 / size, from, from + size);
    this.imageStack!.backward(this.inputRow, 0, 1, gradient, false, objective.imageLayer);
    return { value: sum / size, gradient };
  }

  /**
   * Every channel's mean activation at one image layer for `rows` rows of x: rows x channels,
   * run through the image layers only, in chunks (dataset examples of a channel).
   */
  channelMeans(x: Float64Array, rows: number, imageLayer: number): Float64Array {
    const { layer, size } = this.imageChannel({ imageLayer, channel: 0 });
    const channels = layer.plan.output[0];
    const means = new Float64Array(rows * channels);
    const chunk = Math.min(this.chunkRows, EVAL_CHUNK_ROWS);
    for (let row0 = 0; row0 < rows; row0 += chunk) {
      const n = Math.min(chunk, rows - row0);
      this.ensureCapacity(n);
      this.imageStack!.forward(x, row0, n, this.scratch.inKernelMemory);
      for (let r = 0; r < n; r++) {
        for (let c = 0; c < channels; c++) {
          let sum = 0;
          const from = r * layer.outSize + c * size;
          for (let i = from; i < from + size; i++) sum += layer.a[i];
          means[(row0 + r) * channels + c] = sum / size;
        }
      }
    }
    return means;
  }

  /**
   * The maps of image layers `which` (indices into imageStack.layers; all by default) for `rows`
   * rows of x, each rows x its outSize: only the image layers run, a chunk of rows at a time (their
   * buffers hold one chunk), and the chunks are gathered.
   */
  imageLayerMaps(x: Float64Array, rows: number, which?: readonly number[]): Float64Array[] {
    const stack = this.imageStack;
    if (!stack) return [];
    const chosen = which ?? stack.layers.map((_, l) => l);
    for (const l of chosen) {
      if (!(Number.isInteger(l) && l >= 0 && l < stack.layers.length)) throw new Error(`imageLayer: expected 0..${stack.layers.length - 1}, got ${l}`);
    }
    const maps = chosen.map((l) => new Float64Array(rows * stack.layers[l].outSize));
    const chunk = Math.min(this.chunkRows, EVAL_CHUNK_ROWS);
    for (let row0 = 0; row0 < rows; row0 += chunk) {
      const n = Math.min(chunk, rows - row0);
      this.ensureCapacity(n);
      stack.forward(x, row0, n, this.scratch.inKernelMemory);
      chosen.forEach((l, k) => {
        const layer = stack.layers[l];
        maps[k].set(layer.a.subarray(0, n * layer.outSize), row0 * layer.outSize);
      });
    }
    return maps;
  }

  /** One row's maps at every image layer (conv after its activation, pools as pooled), copied: what each channel sees. */
  imageMaps(x: ArrayLike<number>): Float64Array[] {
    const stack = this.imageStack;
    if (!stack) return [];
    if (x.length !== this.spec.inputs) throw new Error(`x: expected ${this.spec.inputs} inputs, got ${x.length}`);
    this.inputRow.set(x);
    this.forwardRows(this.inputRow, 0, 1);
    return stack.layers.map((layer) => layer.a.slice(0, layer.outSize));
  }
}
