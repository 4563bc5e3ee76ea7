/**
 * ONNX export: a network as an ONNX ModelProto (IR version 7, opset 13), written with
 * @bufbuild/protobuf through the descriptor in onnxSchema.ts. The graph takes `input`
 * [N, inputs] float32 and gives `output` [N, outputs]; layer l is z_l = MatMul(a_{l-1}, W_l) + b_l
 * followed by its activation. W_l keeps the lecture's layout [fanIn][fanOut], which is what
 * MatMul wants. onnxImport.ts reads these graphs back (and PyTorch's).
 */
import { create, toBinary, type MessageInitShape } from '@bufbuild/protobuf';
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
    nodes.push({ opType: 'MatMul', input: [previous, weights], output: [product] });
    nodes.push({ opType: 'Add', input: [product, bias], output: [z] });
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
      input: [rowsValueInfo(ONNX_INPUT, spec.inputs)],
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

/** ValueInfoProto of a [N, width] float tensor, N symbolic. */
function rowsValueInfo(name: string, width: number) {
  return {
    name,
    type: {
      tensorType: {
        elemType: DATA_TYPE.FLOAT,
        shape: { dim: [{ value: { case: 'dimParam' as const, value: 'N' } }, { value: { case: 'dimValue' as const, value: BigInt(width) } }] },
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
