/**
 * The image layers of a network at run time: conv, maxpool and avgpool layers (flatten does
 * nothing at run time: NCHW maps already are the flat row the dense layers read) with views
 * into the network's flat parameter and gradient vectors and batch buffers of their own.
 * network.ts runs this stack before its dense layers and hands its top delta back down; the
 * loops are in conv.ts and pool.ts, activations in activations.ts.
 *
 * Parameter layout (docs/architecture.md, "Parameter layout"): the image layers' parameters come
 * first in the flat vector, layer by layer; a conv layer holds its weights W[o][c][ky][kx]
 * (filters x channels x kernelH x kernelW, ONNX's order, so filter o is one contiguous block of
 * channels * kernelH * kernelW values) followed by its `filters` biases. Pools hold none. The
 * dense layers' W1, b1, W2, b2, ... follow.
 */
import { applyActivation, multiplyByDerivative } from './activations';
import { convBackpropagate, convForward, convGeometry, convWeightGradients, type ConvGeometry } from './conv';
import type { PlannedImageLayer } from './imageShapes';
import { avgPoolBackpropagate, avgPoolForward, maxPoolBackpropagate, maxPoolForward, type PoolGeometry } from './pool';
import type { ActivationName, ImageLayerSpec } from './spec';

export class ImageLayer {
  /** z for the last batch (conv: the correlation plus bias; pools: the pooled maps), rows x outSize. */
  z: Float64Array = new Float64Array(0);
  /** a = f(z) (pools: a is z), rows x outSize. */
  a: Float64Array = new Float64Array(0);
  /** delta = dL/dz per example for the last batch, rows x outSize. */
  delta: Float64Array = new Float64Array(0);
  /** Max pooling: the index, within its row, of each output's winning input. */
  argmax: Int32Array = new Int32Array(0);
  readonly kind: 'conv' | 'maxpool' | 'avgpool';
  readonly activation: ActivationName;
  readonly inSize: number;
  readonly outSize: number;
  readonly conv?: ConvGeometry;
  readonly pool?: PoolGeometry;

  constructor(
    readonly plan: PlannedImageLayer<ImageLayerSpec>,
    /** Offset of W in the flat vector (conv); b follows at weightOffset + W.length. */
    readonly weightOffset: number,
    /** W[o][c][ky][kx] as a view into params (empty for pools). */
    readonly W: Float64Array,
    readonly b: Float64Array,
    /** dL/dW and dL/db, mean over the batch: views into grads. */
    readonly gradWeights: Float64Array,
    readonly gradBias: Float64Array,
  ) {
    const spec = plan.spec;
    if (spec.kind === 'flatten' || !plan.window) throw new Error('flatten has no run-time layer');
    this.kind = spec.kind;
    this.activation = spec.kind === 'conv' ? spec.activation : 'linear';
    const [c, h, w] = plan.input;
    const [oc, oh, ow] = plan.output;
    this.inSize = c * h * w;
    this.outSize = oc * oh * ow;
    if (spec.kind === 'conv') this.conv = convGeometry(plan.input, plan.output, plan.window);
    else this.pool = { channels: c, inHeight: h, inWidth: w, outHeight: oh, outWidth: ow, window: plan.window };
  }

  allocate(rows: number, vector: (length: number) => Float64Array): void {
    this.z = vector(rows * this.outSize);
    this.a = this.kind === 'conv' ? vector(rows * this.outSize) : this.z;
    this.delta = vector(rows * this.outSize);
    if (this.kind === 'maxpool') this.argmax = new Int32Array(rows * this.outSize);
  }

  forward(input: Float64Array, inputOffset: number, rows: number, inKernelMemory: boolean): void {
    if (this.conv) {
      convForward(input, inputOffset, rows, this.conv, this.W, this.b, this.z);
      applyActivation(this.activation, this.z, this.a, rows, this.outSize, inKernelMemory);
    } else if (this.kind === 'maxpool') {
      maxPoolForward(input, inputOffset, rows, this.pool!, this.z, this.argmax);
    } else {
      avgPoolForward(input, inputOffset, rows, this.pool!, this.z);
    }
  }

  /** dL/d(input) before the layer below's f', from this layer's delta, into `out` (rows x inSize). */
  backpropagate(rows: number, out: Float64Array): void {
    if (this.conv) convBackpropagate(this.W, this.conv, this.delta, rows, out);
    else if (this.kind === 'maxpool') maxPoolBackpropagate(this.delta, rows, this.pool!, this.argmax, out);
    else avgPoolBackpropagate(this.delta, rows, this.pool!, out);
  }
}

export class ImageStack {
  readonly layers: ImageLayer[] = [];
  /** Values of one row after the last image layer: the dense layers' fan-in. */
  readonly outputSize: number;
  readonly inputSize: number;

  constructor(planned: readonly PlannedImageLayer<ImageLayerSpec>[], inputSize: number, outputSize: number, params: Float64Array, grads: Float64Array) {
    this.inputSize = inputSize;
    this.outputSize = outputSize;
    let offset = 0;
    for (const plan of planned) {
      if (plan.spec.kind === 'flatten') continue;
      const weights = plan.parameters === 0 ? 0 : plan.parameters - plan.output[0];
      const biasEnd = offset + plan.parameters;
      this.layers.push(new ImageLayer(plan, offset,
        params.subarray(offset, offset + weights), params.subarray(offset + weights, biasEnd),
        grads.subarray(offset, offset + weights), grads.subarray(offset + weights, biasEnd)));
      offset = biasEnd;
    }
  }

  allocate(rows: number, vector: (length: number) => Float64Array): void {
    for (const layer of this.layers) layer.allocate(rows, vector);
  }

  /** Where the network puts dL/d(stack output) per example (from the first dense layer): the top layer's delta buffer. */
  get topGradient(): Float64Array {
    return this.layers[this.layers.length - 1].delta;
  }

  /** Runs `rows` rows of x from row `row0`; returns the buffer holding the output maps (row-major, offset 0). */
  forward(x: Float64Array, row0: number, rows: number, inKernelMemory: boolean): Float64Array {
    let input = x;
    let inputOffset = row0 * this.inputSize;
    for (const layer of this.layers) {
      layer.forward(input, inputOffset, rows, inKernelMemory);
      input = layer.a;
      inputOffset = 0;
    }
    return input;
  }

  /**
   * From topGradient (dL/da of the last image layer, as the first dense layer's backpropagation
   * gives it) down through every image layer: conv gradients into grads; when `inputGradient` is
   * given, dL/dx of the rows into it (rows x inputSize) as well. `from` starts lower in the
   * stack (a channel's input gradient: dL/da of that layer is in its delta buffer).
   */
  backward(x: Float64Array, row0: number, rows: number, inputGradient?: Float64Array, computeGradients = true, from = this.layers.length - 1): void {
    const layers = this.layers;
    for (let l = from; l >= 0; l--) {
      const layer = layers[l];
      // delta holds dL/da here; delta = dL/da * f'(z), and pools are linear (a is z)
      if (layer.kind === 'conv') multiplyByDerivative(layer.activation, layer.z, layer.a, layer.delta, rows, layer.outSize);
      const input = l === 0 ? x : layers[l - 1].a;
      if (computeGradients && layer.conv) {
        convWeightGradients(input, l === 0 ? row0 * this.inputSize : 0, rows, layer.conv, layer.delta, layer.gradWeights, layer.gradBias);
      }
      if (l === 0) {
        if (inputGradient) layer.backpropagate(rows, inputGradient);
        break;
      }
      // the layer below's dL/da goes in its delta buffer, made its delta on the next pass
      layer.backpropagate(rows, layers[l - 1].delta);
    }
  }
}
