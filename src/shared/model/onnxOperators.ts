/**
 * What each ONNX operator does to the layers being built from a sequential graph. A layer of the
 * engine is an affine map z = a W + b followed by one activation: Gemm or MatMul opens one
 * (`affine`), Add and a foldable BatchNormalization change it, an activation closes it. Shape
 * operators (Flatten, Reshape to [N, -1]) change only the feature count, and Transpose,
 * Identity and Constant of constants are folded here. A new operator is a new entry of
 * OPERATORS; NOT_YET names operators whose refusal deserves its own words.
 * Image layers come first, on rows of [channels, height, width]: Conv opens a conv layer
 * (`conv`) that the next activation closes (or, with none, the next layer closes as linear);
 * MaxPool, AveragePool and GlobalAveragePool are pools; Flatten ends them.
 */
import { LEAKY_RELU_SLOPE } from '../nn/activations';
import { planImageLayers, type WindowGeometry } from '../nn/imageShapes';
import type { ActivationName, ImageLayerSpec, ImageShape } from '../nn/spec';
import type { AttributeProto, NodeProto } from './onnxSchema';
import { ATTRIBUTE_TYPE, DATA_TYPE } from './onnxSchema';
import { dataTypeName, tensorValues, type Constant } from './onnxTensor';

/** A layer under construction: weights [fanIn][fanOut] row-major, as the engine keeps them. */
export interface Affine { fanIn: number; fanOut: number; weights: Float64Array; bias: Float64Array }
export interface BuiltLayer extends Affine { activation: ActivationName }
/** An image layer read from the graph; conv: weights [O][C][KH][KW] and one bias per filter. */
export interface BuiltImageLayer { spec: ImageLayerSpec; weights?: Float64Array; bias?: Float64Array }
/** A Conv whose activation has not come yet. */
interface PendingConv { spec: Omit<Extract<ImageLayerSpec, { kind: 'conv' }>, 'activation'>; weights: Float64Array; bias: Float64Array }

export interface LayerBuilder {
  opset: number;
  /** Initializers and folded constants by value name. */
  constants: Map<string, Constant>;
  /** The value holding the rows now: the graph input, then each data node's output. */
  current: string;
  /** Its dimensions after the batch. */
  shape: number[];
  layers: BuiltLayer[];
  /** The layer whose affine map is built and whose activation has not come yet. */
  affine: Affine | undefined;
  /** The graph input's dimensions after the batch (the image shape when there are image layers). */
  inputShape: number[];
  imageLayers: BuiltImageLayer[];
  /** The conv layer whose activation has not come yet. */
  conv?: PendingConv;
  /** The current value is GreaterOrEqual(z, 0), which the Cast after it makes the step activation. */
  pendingStep: boolean;
}

/** A node this importer does not take, and why; the caller adds the node, operator and opset. */
export class OnnxRefusal extends Error {}

export const describeNode = (node: NodeProto, index: number, opset: number): string =>
  `node ${index}${node.name ? ` '${node.name}'` : ''} (${node.opType || 'no operator'}, opset ${opset})`;

type Operator = (b: LayerBuilder, node: NodeProto, data: string) => void;

/** Operators the lab will read once the engine has the layer, refused in their own words now. */
const NOT_YET: Record<string, string> = {
  ConvTranspose: 'transposed convolution (upsampling) is not in the engine; it has conv2d, max and average pooling',
  LpPool: 'Lp pooling is not in the engine; it has max and average pooling',
  GlobalMaxPool: 'global max pooling is not in the engine yet; use MaxPool with the whole map as its window',
};

/** Operators that may follow a Conv as (or on the way to) its activation; any other closes it as linear. */
const CONV_ACTIVATIONS = new Set(['Relu', 'Sigmoid', 'Tanh', 'LeakyRelu', 'Softmax', 'GreaterOrEqual', 'Cast', 'Identity']);

/** Operators folded when every input is a constant: they make constants (a transposed weight matrix), not layers. */
const CONSTANT_FOLDS: Record<string, (b: LayerBuilder, node: NodeProto) => Constant> = {
  Constant: (_b, node) => {
    const value = node.attribute.find((a) => a.name === 'value');
    if (!value?.t || node.attribute.length !== 1) throw new OnnxRefusal('only a Constant with a tensor `value` is read');
    return readTensor(value);
  },
  Identity: (b, node) => b.constants.get(node.input[0])!,
  Transpose: (b, node) => {
    const source = b.constants.get(node.input[0])!;
    const perm = intsAttribute(node, 'perm') ?? source.dims.map((_, k) => source.dims.length - 1 - k);
    if (source.dims.length !== 2) throw new OnnxRefusal(`a Transpose of a rank-${source.dims.length} constant is not read (only matrices)`);
    if (perm[0] === 0 && perm[1] === 1) return source;
    if (!(perm[0] === 1 && perm[1] === 0)) throw new OnnxRefusal(`perm [${perm.join(', ')}] is not a permutation of a matrix's axes`);
    return transposed(source.values, source.dims[0], source.dims[1]);
  },
};

export function applyOperator(b: LayerBuilder, node: NodeProto): void {
  if (node.domain !== '' && node.domain !== 'ai.onnx') throw new OnnxRefusal(`operators of the domain '${node.domain}' are not supported`);
  if (node.output.length === 0 || node.output[0] === '') throw new OnnxRefusal('the node has no output');
  const inputs = node.input.filter((name) => name !== '');
  const fold = CONSTANT_FOLDS[node.opType];
  if (fold && inputs.every((name) => b.constants.has(name)) && (node.opType === 'Constant' || inputs.length > 0)) {
    b.constants.set(node.output[0], fold(b, node));
    return;
  }
  if (NOT_YET[node.opType]) throw new OnnxRefusal(NOT_YET[node.opType]);
  const operator = OPERATORS[node.opType];
  if (!operator) throw new OnnxRefusal(`the operator ${node.opType || '(none)'} is not supported; the lab imports ${Object.keys(OPERATORS).sort().join(', ')} (and Transpose or Constant of weights)`);
  const others = inputs.filter((name) => name !== b.current && !b.constants.has(name));
  if (others.length > 0) {
    throw new OnnxRefusal(`it reads '${others[0]}', which is neither the output of the node before it ('${b.current}') nor a constant: residual branches and other non-sequential graphs are not supported`);
  }
  if (!inputs.includes(b.current)) throw new OnnxRefusal(`it does not read the output of the node before it ('${b.current}'); the lab reads sequential graphs only`);
  if (b.pendingStep && node.opType !== 'Cast') throw new OnnxRefusal('only a Cast to float may follow GreaterOrEqual (the step activation)');
  if (b.conv && !CONV_ACTIVATIONS.has(node.opType)) closeConv(b, 'linear');
  operator(b, node, b.current);
  b.current = node.output[0];
}

const OPERATORS: Record<string, Operator> = {
  Gemm: (b, node, data) => {
    if (node.input[0] !== data) throw new OnnxRefusal('the rows must be its first input (A)');
    if (intAttribute(node, 'transA') ?? 0) throw new OnnxRefusal('transA = 1 would transpose the rows with the batch; the lab reads Gemm with transA = 0');
    const weights = constantInput(b, node, 1, 'B');
    if (weights.dims.length !== 2) throw new OnnxRefusal(`B has rank ${weights.dims.length}; a weight matrix has rank 2`);
    const transB = (intAttribute(node, 'transB') ?? 0) !== 0;
    const alpha = floatAttribute(node, 'alpha') ?? 1;
    const beta = floatAttribute(node, 'beta') ?? 1;
    const [rows, cols] = weights.dims;
    const [fanIn, fanOut] = transB ? [cols, rows] : [rows, cols];
    const matrix = transB ? transposed(weights.values, rows, cols).values : weights.values.slice();
    for (let k = 0; k < matrix.length; k++) matrix[k] *= alpha;
    openAffine(b, fanIn, fanOut, matrix);
    if (node.input[2]) addBias(b, constantInput(b, node, 2, 'C'), beta);
  },
  MatMul: (b, node, data) => {
    if (node.input[0] !== data) throw new OnnxRefusal('the rows must be its first input (rows times weights)');
    const weights = constantInput(b, node, 1, 'the weights');
    if (weights.dims.length !== 2) throw new OnnxRefusal(`the weights have rank ${weights.dims.length}; a weight matrix has rank 2`);
    openAffine(b, weights.dims[0], weights.dims[1], weights.values.slice());
  },
  Add: (b, node, data) => {
    const constant = node.input.find((name) => name !== data);
    if (constant === undefined || node.input.length !== 2) throw new OnnxRefusal('an Add of the rows to themselves is not a bias');
    if (!b.affine) throw new OnnxRefusal('an Add that does not follow a Gemm or MatMul is not a bias of a layer');
    addBias(b, b.constants.get(constant)!, 1);
  },
  BatchNormalization: (b, node) => {
    if (!b.affine) throw new OnnxRefusal('a BatchNormalization is folded into the Gemm or MatMul before it, and here none comes directly before it');
    if (intAttribute(node, 'training_mode') || (b.opset < 7 && (intAttribute(node, 'is_test') ?? 0) === 0)) {
      throw new OnnxRefusal('it is in training mode; export the model in eval mode (model.eval())');
    }
    if (node.output.slice(1).some((name) => name !== '')) throw new OnnxRefusal('it outputs running statistics (training mode); export the model in eval mode');
    const units = b.affine.fanOut;
    const [scale, shift, mean, variance] = [1, 2, 3, 4].map((k) => vectorOf(constantInput(b, node, k, ['scale', 'B', 'mean', 'var'][k - 1]), units));
    const epsilon = floatAttribute(node, 'epsilon') ?? 1e-5;
    const { weights, bias, fanIn } = b.affine;
    // y = (z - mean) / sqrt(var + eps) * scale + B, with z = a W + b: scale each unit's column and bias
    for (let j = 0; j < units; j++) {
      const s = scale[j] / Math.sqrt(variance[j] + epsilon);
      for (let i = 0; i < fanIn; i++) weights[i * units + j] *= s;
      bias[j] = (bias[j] - mean[j]) * s + shift[j];
    }
  },
  Conv: (b, node, data) => {
    if (node.input[0] !== data) throw new OnnxRefusal('the images must be its first input (X)');
    const [channels, height, width] = imageInput(b);
    const group = intAttribute(node, 'group') ?? 1;
    if (group !== 1) throw new OnnxRefusal(`grouped convolution (group = ${group}) is not supported: every filter of the lab sees every input channel`);
    const dilations = intsAttribute(node, 'dilations');
    if (dilations?.some((d) => d !== 1)) throw new OnnxRefusal(`dilated convolution (dilations [${dilations.join(', ')}]) is not supported: the lab's kernels cover adjacent pixels`);
    const weights = constantInput(b, node, 1, 'W');
    if (weights.dims.length !== 4) throw new OnnxRefusal(`W has rank ${weights.dims.length}; a 2-D convolution's weights have rank 4 [filters, channels, height, width]`);
    const [filters, weightChannels, kernelH, kernelW] = weights.dims;
    if (weightChannels !== channels) throw new OnnxRefusal(`W takes ${weightChannels} channels but the images have ${channels}`);
    const kernel = intsAttribute(node, 'kernel_shape');
    if (kernel && (kernel.length !== 2 || kernel[0] !== kernelH || kernel[1] !== kernelW)) {
      throw new OnnxRefusal(`kernel_shape [${kernel.join(', ')}] disagrees with W's ${kernelH}x${kernelW}`);
    }
    const window = windowAttributes(b, node, kernelH, kernelW, [1, 1], [height, width]);
    const bias = node.input[2] ? vectorOf(constantInput(b, node, 2, 'B'), filters) : new Float64Array(filters);
    const { size, stride, padding } = compactWindow(window, 1);
    const spec = { kind: 'conv' as const, filters, kernel: size, ...(stride !== undefined ? { stride } : {}), ...(padding !== undefined ? { padding } : {}) };
    b.shape = plannedOutput(b, { ...spec, activation: 'linear' });
    b.conv = { spec, weights: weights.values.slice(), bias };
  },
  MaxPool: (b, node) => {
    if (node.output.length > 1 && node.output[1] !== '') throw new OnnxRefusal('it also outputs the indices of the maxima, which the lab does not read');
    pool(b, node, 'maxpool');
  },
  AveragePool: (b, node) => {
    // count_include_pad only matters with padding, which pool() refuses
    pool(b, node, 'avgpool');
  },
  GlobalAveragePool: (b) => {
    const [, height, width] = imageInput(b);
    const layer: ImageLayerSpec = { kind: 'avgpool', size: height === width ? height : [height, width] };
    b.shape = plannedOutput(b, layer);
    b.imageLayers.push({ spec: layer });
  },
  Pad: (b, node) => {
    // PyTorch writes AvgPool2d as a Pad of zero widths before the AveragePool: read as nothing
    const pads = b.opset >= 11 ? Array.from(constantInput(b, node, 1, 'the pads').values) : intsAttribute(node, 'pads') ?? [];
    if (pads.some((p) => p !== 0)) {
      throw new OnnxRefusal(`a Pad of [${pads.join(', ')}] is not read: the lab pads inside its Conv layers (the Conv's pads attribute)`);
    }
  },
  Relu: (b) => closeAffine(b, 'relu', 'Relu'),
  Sigmoid: (b) => closeAffine(b, 'sigmoid', 'Sigmoid'),
  Tanh: (b) => closeAffine(b, 'tanh', 'Tanh'),
  LeakyRelu: (b, node) => {
    const alpha = floatAttribute(node, 'alpha') ?? 0.01;
    // attributes are float32: compare at that precision
    if (Math.fround(alpha) !== Math.fround(LEAKY_RELU_SLOPE)) {
      throw new OnnxRefusal(`alpha ${Math.fround(alpha).toPrecision(6)} is not the engine's leaky-ReLU slope ${LEAKY_RELU_SLOPE} (PyTorch's default negative_slope)`);
    }
    closeAffine(b, 'leaky-relu', 'LeakyRelu');
  },
  Softmax: (b, node) => {
    if (b.conv) throw new OnnxRefusal('a Softmax over feature maps is not a layer of the lab; softmax belongs to the output layer');
    const axis = intAttribute(node, 'axis') ?? (b.opset >= 13 ? -1 : 1);
    const rank = b.shape.length + 1;
    if ((axis < 0 ? axis + rank : axis) !== rank - 1 || rank !== 2) {
      throw new OnnxRefusal(`axis ${axis} of a rank-${rank} value is not the features of a row; the lab reads Softmax over the last axis of [batch, features]`);
    }
    closeAffine(b, 'softmax', 'Softmax');
  },
  Identity: () => undefined,
  Flatten: (b, node) => {
    const axis = intAttribute(node, 'axis') ?? 1;
    const rank = b.shape.length + 1;
    if ((axis < 0 ? axis + rank : axis) !== 1) throw new OnnxRefusal(`axis ${axis} would not keep the batch apart; the lab reads Flatten with axis 1`);
    if (b.imageLayers.length > 0 && b.shape.length === 3) b.imageLayers.push({ spec: { kind: 'flatten' } });
    b.shape = [b.shape.reduce((n, d) => n * d, 1)];
  },
  Reshape: (b, node) => {
    const target = constantInput(b, node, 1, 'the shape');
    const shape = Array.from(target.values);
    const features = b.shape.reduce((n, d) => n * d, 1);
    const allowZero = (intAttribute(node, 'allowzero') ?? 0) !== 0;
    // [0, -1], [0, F] (0 copies the batch unless allowzero) or [-1, F]
    const rowsOfFeatures = shape.length === 2 && (shape[0] === -1
      ? shape[1] === features
      : shape[0] === 0 && !allowZero && (shape[1] === -1 || shape[1] === features));
    if (!rowsOfFeatures) {
      throw new OnnxRefusal(`a Reshape to [${shape.join(', ')}]; the lab reads Reshape to [N, -1] (rows of ${features} features)`);
    }
    b.shape = [features];
  },
  GreaterOrEqual: (b, node, data) => {
    // the lab's export of the step activation: Cast(GreaterOrEqual(z, 0), to = float)
    const zero = node.input[1] === data ? undefined : b.constants.get(node.input[1]);
    if (!zero || zero.values.length !== 1 || zero.values[0] !== 0) throw new OnnxRefusal('only GreaterOrEqual(z, 0), the step activation, is read');
    if (!b.affine && !b.conv) throw new OnnxRefusal('the step activation does not follow a Gemm, MatMul or Conv');
    b.pendingStep = true;
  },
  Cast: (b, node) => {
    if (!b.pendingStep) throw new OnnxRefusal('a Cast is read only after GreaterOrEqual(z, 0) (the step activation)');
    const to = intAttribute(node, 'to');
    if (to !== DATA_TYPE.FLOAT && to !== DATA_TYPE.DOUBLE) throw new OnnxRefusal(`a Cast to ${dataTypeName(to ?? 0)} is not the step activation's Cast to float`);
    b.pendingStep = false;
    closeAffine(b, 'step', 'GreaterOrEqual');
  },
};

function openAffine(b: LayerBuilder, fanIn: number, fanOut: number, weights: Float64Array): void {
  const features = b.shape.length === 1 ? b.shape[0] : undefined;
  if (features === undefined) throw new OnnxRefusal(`the rows have shape [N, ${b.shape.join(', ')}]; flatten them to [N, features] first`);
  if (fanIn !== features) throw new OnnxRefusal(`the weights take ${fanIn} inputs but the rows have ${features} features`);
  // a second affine map with no activation between: the first is a layer with the linear activation
  if (b.affine) b.layers.push({ ...b.affine, activation: 'linear' });
  b.affine = { fanIn, fanOut, weights, bias: new Float64Array(fanOut) };
  b.shape = [fanOut];
}

function closeAffine(b: LayerBuilder, activation: ActivationName, op: string): void {
  if (b.conv) {
    closeConv(b, activation as Exclude<ActivationName, 'softmax'>);
    return;
  }
  if (!b.affine) throw new OnnxRefusal(`${op} does not follow a Gemm or MatMul; a layer of the lab is an affine map followed by one activation`);
  b.layers.push({ ...b.affine, activation });
  b.affine = undefined;
}

function closeConv(b: LayerBuilder, activation: Exclude<ActivationName, 'softmax'>): void {
  const { spec, weights, bias } = b.conv!;
  b.imageLayers.push({ spec: { ...spec, activation }, weights, bias });
  b.conv = undefined;
}

/** The image shape the rows have now; refused when they are not images or a dense layer came before. */
function imageInput(b: LayerBuilder): ImageShape {
  if (b.layers.length > 0 || b.affine) throw new OnnxRefusal('it follows a dense layer (Gemm or MatMul); the lab\'s image layers all come before its dense layers');
  if (b.shape.length !== 3) {
    throw new OnnxRefusal(`the rows have shape [N, ${b.shape.join(', ')}]; the lab's image layers read images [N, channels, height, width]`);
  }
  return [b.shape[0], b.shape[1], b.shape[2]];
}

/** The shape after one more image layer, or the planner's words for why it does not fit. */
function plannedOutput(b: LayerBuilder, layer: ImageLayerSpec): number[] {
  const plan = planImageLayers(imageInput(b), [layer]);
  if ('problem' in plan) throw new OnnxRefusal(plan.problem);
  return [...plan.layers[0].output];
}

/** Strides and pads of a Conv or pool (auto_pad SAME_UPPER/SAME_LOWER computed as ONNX defines them). */
function windowAttributes(b: LayerBuilder, node: NodeProto, kernelH: number, kernelW: number, defaultStrides: [number, number], sides: [number, number]): WindowGeometry {
  const strides = intsAttribute(node, 'strides') ?? defaultStrides;
  if (strides.length !== 2) throw new OnnxRefusal(`strides [${strides.join(', ')}] are not the two of a 2-D window`);
  const autoPad = attribute(node, 'auto_pad', ATTRIBUTE_TYPE.STRING, 'a string')?.s;
  const mode = autoPad && autoPad.length > 0 ? String.fromCharCode(...autoPad) : 'NOTSET';
  let pads = intsAttribute(node, 'pads') ?? [0, 0, 0, 0];
  if (pads.length !== 4) throw new OnnxRefusal(`pads [${pads.join(', ')}] are not the four of a 2-D window`);
  if (mode === 'VALID') pads = [0, 0, 0, 0];
  else if (mode === 'SAME_UPPER' || mode === 'SAME_LOWER') {
    const kernel = [kernelH, kernelW];
    const total = sides.map((n, k) => Math.max(0, (Math.ceil(n / strides[k]) - 1) * strides[k] + kernel[k] - n));
    const before = total.map((t) => (mode === 'SAME_UPPER' ? Math.floor(t / 2) : Math.ceil(t / 2)));
    pads = [before[0], before[1], total[0] - before[0], total[1] - before[1]];
  } else if (mode !== 'NOTSET') throw new OnnxRefusal(`auto_pad '${mode}' is not one ONNX defines`);
  return { kernelH, kernelW, strideH: strides[0], strideW: strides[1], padTop: pads[0], padLeft: pads[1], padBottom: pads[2], padRight: pads[3] };
}

type SidePair = number | [number, number];
interface CompactWindow { size: SidePair; stride?: SidePair; padding?: number | [number, number] | [number, number, number, number] }

/**
 * A window in the spec's shortest words: one number where both sides agree, no stride where it is
 * the default (1 for conv, `defaultStride` undefined: the window for pools), no padding where there is none.
 */
function compactWindow(g: WindowGeometry, defaultStride?: number): CompactWindow {
  const pair = (h: number, w: number): SidePair => (h === w ? h : [h, w]);
  const out: CompactWindow = { size: pair(g.kernelH, g.kernelW) };
  const isDefault = defaultStride === undefined ? g.strideH === g.kernelH && g.strideW === g.kernelW : g.strideH === defaultStride && g.strideW === defaultStride;
  if (!isDefault) out.stride = pair(g.strideH, g.strideW);
  const pads: [number, number, number, number] = [g.padTop, g.padLeft, g.padBottom, g.padRight];
  if (pads.some((p) => p !== 0)) {
    out.padding = pads.every((p) => p === pads[0]) ? pads[0] : pads[0] === pads[2] && pads[1] === pads[3] ? [pads[0], pads[1]] : pads;
  }
  return out;
}

function pool(b: LayerBuilder, node: NodeProto, kind: 'maxpool' | 'avgpool'): void {
  const [, height, width] = imageInput(b);
  const kernel = intsAttribute(node, 'kernel_shape');
  if (!kernel) throw new OnnxRefusal('kernel_shape is missing; a pool needs the sides of its window');
  if (kernel.length !== 2) throw new OnnxRefusal(`kernel_shape [${kernel.join(', ')}] is not the two sides of a 2-D window`);
  const dilations = intsAttribute(node, 'dilations');
  if (dilations?.some((d) => d !== 1)) throw new OnnxRefusal(`dilated pooling (dilations [${dilations.join(', ')}]) is not supported`);
  // ONNX's pools default to stride 1; the spec's default is the window, so the stride is always written
  const window = windowAttributes(b, node, kernel[0], kernel[1], [1, 1], [height, width]);
  if ([window.padTop, window.padLeft, window.padBottom, window.padRight].some((p) => p !== 0)) {
    throw new OnnxRefusal('padded pooling is not supported: the lab\'s pools read windows inside the image');
  }
  if ((intAttribute(node, 'ceil_mode') ?? 0) !== 0) {
    const fits = (n: number, k: number, s: number) => (n - k) % s === 0;
    if (!fits(height, window.kernelH, window.strideH) || !fits(width, window.kernelW, window.strideW)) {
      throw new OnnxRefusal('ceil_mode = 1 would add a partial window at the edge, which the lab\'s pools do not have');
    }
  }
  const { size, stride } = compactWindow(window);
  const spec: ImageLayerSpec = { kind, size, ...(stride !== undefined ? { stride } : {}) };
  b.shape = plannedOutput(b, spec);
  b.imageLayers.push({ spec });
}

function addBias(b: LayerBuilder, constant: Constant, factor: number): void {
  const bias = vectorOf(constant, b.affine!.fanOut);
  for (let j = 0; j < bias.length; j++) b.affine!.bias[j] += factor * bias[j];
}

/** A per-unit vector from a constant of shape [units], [1, units], [1] or [] (broadcast). */
function vectorOf(constant: Constant, units: number): Float64Array {
  const { dims, values } = constant;
  const size = dims.reduce((n, d) => n * d, 1);
  const shapeFits = dims.length <= 2 && dims.slice(0, -1).every((d) => d === 1) && (size === units || size === 1);
  if (!shapeFits) throw new OnnxRefusal(`a constant of shape [${dims.join(', ')}] is not one value per unit (${units} units)`);
  return size === units ? values.slice() : new Float64Array(units).fill(values[0]);
}

function constantInput(b: LayerBuilder, node: NodeProto, k: number, what: string): Constant {
  const name = node.input[k];
  const constant = name ? b.constants.get(name) : undefined;
  if (!constant) throw new OnnxRefusal(`${what} ('${name ?? ''}') is not a constant; the lab reads weights stored in the file`);
  return constant;
}

function transposed(values: Float64Array, rows: number, cols: number): Constant {
  const out = new Float64Array(values.length);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out[j * rows + i] = values[i * cols + j];
  return { dims: [cols, rows], values: out };
}

function attribute(node: NodeProto, name: string, type: number, typeName: string): AttributeProto | undefined {
  const found = node.attribute.find((a) => a.name === name);
  if (!found) return undefined;
  if (found.refAttrName) throw new OnnxRefusal(`attribute ${name} refers to a function's attribute, which is not read`);
  // files from old exporters may leave `type` unset; the value field is then the only witness
  if (found.type !== 0 && found.type !== type) throw new OnnxRefusal(`attribute ${name} is not ${typeName}`);
  return found;
}
const intAttribute = (node: NodeProto, name: string): number | undefined => {
  const found = attribute(node, name, ATTRIBUTE_TYPE.INT, 'an integer');
  return found ? Number(found.i) : undefined;
};
const floatAttribute = (node: NodeProto, name: string): number | undefined => attribute(node, name, ATTRIBUTE_TYPE.FLOAT, 'a float')?.f;
const intsAttribute = (node: NodeProto, name: string): number[] | undefined => attribute(node, name, ATTRIBUTE_TYPE.INTS, 'a list of integers')?.ints.map(Number);

function readTensor(attr: AttributeProto): Constant {
  try {
    return tensorValues(attr.t!);
  } catch (error) {
    throw new OnnxRefusal(`its value: ${(error as Error).message}`);
  }
}
