/**
 * ONNX export: a network as an ONNX ModelProto (IR version 7, opset 13), written with
 * @bufbuild/protobuf through the descriptor in onnxSchema.ts. The graph takes `input`
 * [N, inputs] float32 and gives `output` [N, outputs]; layer l is z_l = MatMul(a_{l-1}, W_l) + b_l
 * followed by its activation. W_l keeps the lecture's layout [fanIn][fanOut], which is what
 * MatMul wants. onnxImport.ts reads these graphs back (and PyTorch's).
 * A network with image layers takes `input` [N, C, H, W] (its input shape), as image models
 * do: each conv layer is a Conv (weights [O][C][KH][KW], the engine's own order, and its bias)
 * with explicit pads and strides followed by its activation, each pool a MaxPool or AveragePool,
 * then one Flatten (axis 1) and the dense layers as Gemm (B [fanIn][fanOut], transB 0).
 */
import { create, toBinary, type MessageInitShape } from '@bufbuild/protobuf';
import { planImageLayers } from '../nn/imageShapes';
import type { ActivationName, NetworkSpec } from '../nn/spec';
import { LEAKY_RELU_SLOPE } from '../nn/activations';
import type { ModelMeta } from './modelFile';
import { ATTRIBUTE_TYPE, DATA_TYPE, ModelProtoSchema, type AttributeProtoSchema, type NodeProtoSchema, type TensorProtoSchema } from './onnxSchema';

export const ONNX_IR_VERSION = 7;
export const ONNX_OPSET = 13;
export const ONNX_INPUT = 'input';
export const ONNX_OUTPUT = 'output';
/** metadata_props keys: what the ONNX graph cannot say itself. */
export const ONNX_META = {
  loss: 'backprop-lab.loss', name: 'backprop-lab.name', inputNames: 'backprop-lab.inputNames',
  outputNames: 'backprop-lab.outputNames', scaling: 'backprop-lab.scaling',
} as const;

type NodeInit = MessageInitShape<typeof NodeProtoSchema>;
type TensorInit = MessageInitShape<typeof TensorProtoSchema>;
type AttributeInit = MessageInitShape<typeof AttributeProtoSchema>;

export interface OnnxOptions { producerVersion?: string }

/** The ModelProto bytes of a network (flat params W1, b1, W2, b2, ...). */
export function encodeOnnx(net: { spec: NetworkSpec; params: ArrayLike<number> }, meta: ModelMeta = {}, options: OnnxOptions = {}): Uint8Array {
  const { spec, params } = net;
  const nodes: NodeInit[] = [];
  const initializers: TensorInit[] = [];
  let offset = 0;
  let fanIn = spec.inputs;
  let previous = ONNX_INPUT;
  const images = spec.imageLayers?.length ? imageNodes(spec, params, nodes, initializers) : undefined;
  if (images) ({ offset, fanIn, previous } = images);
  spec.layers.forEach((layer, index) => {
    const l = index + 1;
    const last = index === spec.layers.length - 1;
    const weights = `W${l}`;
    const bias = `b${l}`;
    initializers.push(float32Tensor(weights, [fanIn, layer.units], params, offset, fanIn * layer.units));
    offset += fanIn * layer.units;
    initializers.push(float32Tensor(bias, [layer.units], params, offset, layer.units));
    offset += layer.units;
    const product = `layer${l}.matmul`;
    const z = `layer${l}.z`;
    const a = last ? ONNX_OUTPUT : `layer${l}.a`;
    if (images) {
      nodes.push({ opType: 'Gemm', input: [previous, weights, bias], output: [z] });
    } else {
      nodes.push({ opType: 'MatMul', input: [previous, weights], output: [product] });
      nodes.push({ opType: 'Add', input: [product, bias], output: [z] });
    }
    nodes.push(...activationNodes(layer.activation, z, a, `layer${l}`, initializers));
    previous = a;
    fanIn = layer.units;
  });
  if (offset !== params.length) throw new Error(`params: expected ${offset} values for this network, got ${params.length}`);
  nodes.forEach((node, k) => { node.name = `${node.opType}_${k}`; });

  const outputs = spec.layers[spec.layers.length - 1].units;
  const model = create(ModelProtoSchema, {
    irVersion: BigInt(ONNX_IR_VERSION),
    producerName: 'backprop-lab',
    ...(options.producerVersion ? { producerVersion: options.producerVersion } : {}),
    graph: {
      node: nodes,
      name: meta.name ?? 'backprop-lab-network',
      initializer: initializers,
      input: [rowsValueInfo(ONNX_INPUT, ...(images ? spec.inputShape! : [spec.inputs]))],
      output: [rowsValueInfo(ONNX_OUTPUT, outputs)],
    },
    metadataProps: metadataEntries(spec, meta).map(([key, value]) => ({ key, value })),
  });
  // The opset goes last: two serialized messages one after the other are one message with both
  // parts (protobuf merges them), and a file cut anywhere then lacks its opset and is refused
  // on import, where a cut between two metadata entries would otherwise still read as whole.
  const opset = create(ModelProtoSchema, { opsetImport: [{ domain: '', version: BigInt(ONNX_OPSET) }] });
  const head = toBinary(ModelProtoSchema, model);
  const tail = toBinary(ModelProtoSchema, opset);
  const bytes = new Uint8Array(head.length + tail.length);
  bytes.set(head);
  bytes.set(tail, head.length);
  return bytes;
}

/**
 * The image layers' nodes (Conv + activation, MaxPool, AveragePool, then Flatten) and
 * initializers; returns where the dense layers start: their first parameter, fan-in and input value.
 */
function imageNodes(spec: NetworkSpec, params: ArrayLike<number>, nodes: NodeInit[], initializers: TensorInit[]): { offset: number; fanIn: number; previous: string } {
  const plan = planImageLayers(spec.inputShape!, spec.imageLayers!);
  if ('problem' in plan) throw new Error(`imageLayers[${plan.layer}]: ${plan.problem}`);
  let offset = 0;
  let previous = ONNX_INPUT;
  plan.layers.forEach((planned, index) => {
    const g = planned.window;
    const layer = planned.spec;
    if (layer.kind === 'flatten' || !g) return;
    const name = `image${index + 1}`;
    const out = `${name}.out`;
    const window = [intsAttribute('kernel_shape', [g.kernelH, g.kernelW]), intsAttribute('strides', [g.strideH, g.strideW])];
    if (layer.kind === 'conv') {
      const [channels] = planned.input;
      const count = layer.filters * channels * g.kernelH * g.kernelW;
      initializers.push(float32Tensor(`${name}.W`, [layer.filters, channels, g.kernelH, g.kernelW], params, offset, count));
      initializers.push(float32Tensor(`${name}.b`, [layer.filters], params, offset + count, layer.filters));
      offset += count + layer.filters;
      const z = `${name}.z`;
      nodes.push({ opType: 'Conv', input: [previous, `${name}.W`, `${name}.b`], output: [z],
        attribute: [...window, intsAttribute('pads', [g.padTop, g.padLeft, g.padBottom, g.padRight])] });
      nodes.push(...activationNodes(layer.activation, z, out, name, initializers));
    } else {
      nodes.push({ opType: layer.kind === 'maxpool' ? 'MaxPool' : 'AveragePool', input: [previous], output: [out], attribute: window });
    }
    previous = out;
  });
  nodes.push({ opType: 'Flatten', input: [previous], output: ['flatten'], attribute: [intAttribute('axis', 1)] });
  return { offset, fanIn: plan.outputSize, previous: 'flatten' };
}

/** a = f(z) as ONNX operators; step is Cast(GreaterOrEqual(z, 0)) since ONNX has no step function. */
function activationNodes(kind: ActivationName, z: string, a: string, prefix: string, initializers: TensorInit[]): NodeInit[] {
  switch (kind) {
    case 'linear': return [{ opType: 'Identity', input: [z], output: [a] }];
    case 'sigmoid': return [{ opType: 'Sigmoid', input: [z], output: [a] }];
    case 'tanh': return [{ opType: 'Tanh', input: [z], output: [a] }];
    case 'relu': return [{ opType: 'Relu', input: [z], output: [a] }];
    case 'leaky-relu': return [{ opType: 'LeakyRelu', input: [z], output: [a], attribute: [floatAttribute('alpha', LEAKY_RELU_SLOPE)] }];
    // opset 13 Softmax normalizes along one axis, as the engine does per row
    case 'softmax': return [{ opType: 'Softmax', input: [z], output: [a], attribute: [intAttribute('axis', -1)] }];
    case 'step': {
      const zero = `${prefix}.zero`;
      initializers.push(float32Tensor(zero, [], [0], 0, 1));
      const atLeastZero = `${prefix}.ge0`;
      return [
        { opType: 'GreaterOrEqual', input: [z, zero], output: [atLeastZero] },
        { opType: 'Cast', input: [atLeastZero], output: [a], attribute: [intAttribute('to', DATA_TYPE.FLOAT)] },
      ];
    }
  }
}

const floatAttribute = (name: string, f: number): AttributeInit => ({ name, f, type: ATTRIBUTE_TYPE.FLOAT });
const intAttribute = (name: string, i: number): AttributeInit => ({ name, i: BigInt(i), type: ATTRIBUTE_TYPE.INT });
const intsAttribute = (name: string, ints: number[]): AttributeInit => ({ name, ints: ints.map(BigInt), type: ATTRIBUTE_TYPE.INTS });

/** A float32 tensor as raw little-endian bytes; a value float32 cannot hold is refused, not rounded to Infinity. */
function float32Tensor(name: string, dims: number[], values: ArrayLike<number>, from: number, count: number): TensorInit {
  const raw = new Uint8Array(count * 4);
  const view = new DataView(raw.buffer);
  for (let k = 0; k < count; k++) {
    const value = values[from + k];
    const single = Math.fround(value);
    if (!Number.isFinite(single)) {
      throw new Error(`${name}[${k}]: ${value} cannot be exported as a float32 (the network has non-finite or huge weights)`);
    }
    view.setFloat32(k * 4, single, true);
  }
  return { name, dims: dims.map(BigInt), dataType: DATA_TYPE.FLOAT, rawData: raw };
}

/** ValueInfoProto of a [N, ...dims] float tensor, N symbolic: [N, width] rows, or [N, C, H, W] images. */
function rowsValueInfo(name: string, ...dims: number[]) {
  return {
    name,
    type: {
      tensorType: {
        elemType: DATA_TYPE.FLOAT,
        shape: { dim: [{ value: { case: 'dimParam' as const, value: 'N' } }, ...dims.map((d) => ({ value: { case: 'dimValue' as const, value: BigInt(d) } }))] },
      },
    },
  };
}

/** What the ONNX graph cannot say itself: the name, the loss it was trained with, column names, and the scaling inputs expect. */
function metadataEntries(spec: NetworkSpec, meta: ModelMeta): [string, string][] {
  const entries: [string, string][] = [[ONNX_META.loss, spec.loss]];
  if (meta.name !== undefined) entries.push([ONNX_META.name, meta.name]);
  if (meta.inputNames) entries.push([ONNX_META.inputNames, JSON.stringify(meta.inputNames)]);
  if (meta.outputNames) entries.push([ONNX_META.outputNames, JSON.stringify(meta.outputNames)]);
  if (meta.scaling) entries.push([ONNX_META.scaling, JSON.stringify(meta.scaling)]);
  return entries;
}
