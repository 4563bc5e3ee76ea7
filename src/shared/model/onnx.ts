/**
 * ONNX export: a network as an ONNX ModelProto (IR version 7, opset 13), written with the
 * small protobuf writer beside this file. The graph takes `input` [N, inputs] float32 and
 * gives `output` [N, outputs]; layer l is z_l = MatMul(a_{l-1}, W_l) + b_l followed by its
 * activation. W_l keeps the lecture's layout [fanIn][fanOut], which is what MatMul wants.
 * Field numbers are those of onnx/onnx.proto.
 */
import type { ActivationName, NetworkSpec } from '../nn/spec';
import { LEAKY_RELU_SLOPE } from '../nn/activations';
import type { ModelMeta } from './modelFile';
import { ProtoWriter } from './protobuf';

export const ONNX_IR_VERSION = 7;
export const ONNX_OPSET = 13;
export const ONNX_INPUT = 'input';
export const ONNX_OUTPUT = 'output';

/** TensorProto.DataType and AttributeProto.AttributeType values. */
const FLOAT = 1;
const ATTRIBUTE_FLOAT = 1;
const ATTRIBUTE_INT = 2;

const MODEL = { irVersion: 1, producerName: 2, producerVersion: 3, graph: 7, opsetImport: 8, metadataProps: 14 } as const;
const GRAPH = { node: 1, name: 2, initializer: 5, input: 11, output: 12 } as const;
const NODE = { input: 1, output: 2, name: 3, opType: 4, attribute: 5 } as const;
const ATTRIBUTE = { name: 1, f: 2, i: 3, type: 20 } as const;
const TENSOR = { dims: 1, dataType: 2, name: 8, rawData: 9 } as const;

interface Attribute { name: string; float?: number; int?: number }
interface Node { op: string; inputs: string[]; output: string; attributes?: Attribute[] }
interface Initializer { name: string; dims: number[]; values: ArrayLike<number>; from: number; count: number }

export interface OnnxOptions { producerVersion?: string }

/** The ModelProto bytes of a network (flat params W1, b1, W2, b2, ...). */
export function encodeOnnx(net: { spec: NetworkSpec; params: ArrayLike<number> }, meta: ModelMeta = {}, options: OnnxOptions = {}): Uint8Array {
  const { spec, params } = net;
  const nodes: Node[] = [];
  const initializers: Initializer[] = [];
  let offset = 0;
  let fanIn = spec.inputs;
  let previous = ONNX_INPUT;
  spec.layers.forEach((layer, index) => {
    const l = index + 1;
    const last = index === spec.layers.length - 1;
    const weights = `W${l}`;
    const bias = `b${l}`;
    initializers.push({ name: weights, dims: [fanIn, layer.units], values: params, from: offset, count: fanIn * layer.units });
    offset += fanIn * layer.units;
    initializers.push({ name: bias, dims: [layer.units], values: params, from: offset, count: layer.units });
    offset += layer.units;
    const product = `layer${l}.matmul`;
    const z = `layer${l}.z`;
    const a = last ? ONNX_OUTPUT : `layer${l}.a`;
    nodes.push({ op: 'MatMul', inputs: [previous, weights], output: product });
    nodes.push({ op: 'Add', inputs: [product, bias], output: z });
    nodes.push(...activationNodes(layer.activation, z, a, `layer${l}`, initializers));
    previous = a;
    fanIn = layer.units;
  });
  if (offset !== params.length) throw new Error(`params: expected ${offset} values for this network, got ${params.length}`);

  const outputs = spec.layers[spec.layers.length - 1].units;
  const model = new ProtoWriter()
    .int(MODEL.irVersion, ONNX_IR_VERSION)
    .string(MODEL.producerName, 'backprop-lab');
  if (options.producerVersion) model.string(MODEL.producerVersion, options.producerVersion);
  model.message(MODEL.graph, (graph) => {
    nodes.forEach((node, k) => graph.message(GRAPH.node, (w) => writeNode(w, node, k)));
    graph.string(GRAPH.name, meta.name ?? 'backprop-lab-network');
    for (const init of initializers) graph.message(GRAPH.initializer, (w) => writeTensor(w, init));
    graph.message(GRAPH.input, (w) => writeValueInfo(w, ONNX_INPUT, spec.inputs));
    graph.message(GRAPH.output, (w) => writeValueInfo(w, ONNX_OUTPUT, outputs));
  });
  model.message(MODEL.opsetImport, (w) => w.string(1, '').int(2, ONNX_OPSET));
  for (const [key, value] of metadataEntries(spec, meta)) {
    model.message(MODEL.metadataProps, (w) => w.string(1, key).string(2, value));
  }
  return model.finish();
}

/** a = f(z) as ONNX operators; step is Cast(GreaterOrEqual(z, 0)) since ONNX has no step function. */
function activationNodes(kind: ActivationName, z: string, a: string, prefix: string, initializers: Initializer[]): Node[] {
  switch (kind) {
    case 'linear': return [{ op: 'Identity', inputs: [z], output: a }];
    case 'sigmoid': return [{ op: 'Sigmoid', inputs: [z], output: a }];
    case 'tanh': return [{ op: 'Tanh', inputs: [z], output: a }];
    case 'relu': return [{ op: 'Relu', inputs: [z], output: a }];
    case 'leaky-relu': return [{ op: 'LeakyRelu', inputs: [z], output: a, attributes: [{ name: 'alpha', float: LEAKY_RELU_SLOPE }] }];
    // opset 13 Softmax normalizes along one axis, as the engine does per row
    case 'softmax': return [{ op: 'Softmax', inputs: [z], output: a, attributes: [{ name: 'axis', int: -1 }] }];
    case 'step': {
      const zero = `${prefix}.zero`;
      if (!initializers.some((i) => i.name === zero)) initializers.push({ name: zero, dims: [], values: [0], from: 0, count: 1 });
      const atLeastZero = `${prefix}.ge0`;
      return [
        { op: 'GreaterOrEqual', inputs: [z, zero], output: atLeastZero },
        { op: 'Cast', inputs: [atLeastZero], output: a, attributes: [{ name: 'to', int: FLOAT }] },
      ];
    }
  }
}

function writeNode(w: ProtoWriter, node: Node, index: number): void {
  for (const input of node.inputs) w.string(NODE.input, input);
  w.string(NODE.output, node.output);
  w.string(NODE.name, `${node.op}_${index}`);
  w.string(NODE.opType, node.op);
  for (const attribute of node.attributes ?? []) {
    w.message(NODE.attribute, (a) => {
      a.string(ATTRIBUTE.name, attribute.name);
      if (attribute.float !== undefined) a.float(ATTRIBUTE.f, attribute.float).int(ATTRIBUTE.type, ATTRIBUTE_FLOAT);
      else a.int(ATTRIBUTE.i, attribute.int ?? 0).int(ATTRIBUTE.type, ATTRIBUTE_INT);
    });
  }
}

/** A float32 tensor as raw little-endian bytes; a value float32 cannot hold is refused, not rounded to Infinity. */
function writeTensor(w: ProtoWriter, init: Initializer): void {
  const raw = new Uint8Array(init.count * 4);
  const view = new DataView(raw.buffer);
  for (let k = 0; k < init.count; k++) {
    const value = init.values[init.from + k];
    const single = Math.fround(value);
    if (!Number.isFinite(single)) {
      throw new Error(`${init.name}[${k}]: ${value} cannot be exported as a float32 (the network has non-finite or huge weights)`);
    }
    view.setFloat32(k * 4, single, true);
  }
  for (const dim of init.dims) w.int(TENSOR.dims, dim);
  w.int(TENSOR.dataType, FLOAT);
  w.string(TENSOR.name, init.name);
  w.bytes(TENSOR.rawData, raw);
}

/** ValueInfoProto of a [N, width] float tensor: TypeProto.tensor_type { elem_type, shape { dim: N, dim: width } }. */
function writeValueInfo(w: ProtoWriter, name: string, width: number): void {
  w.string(1, name);
  w.message(2, (type) => type.message(1, (tensor) => {
    tensor.int(1, FLOAT);
    tensor.message(2, (shape) => {
      shape.message(1, (dim) => dim.string(2, 'N'));
      shape.message(1, (dim) => dim.int(1, width));
    });
  }));
}

/** What the ONNX graph cannot say itself: names, the loss it was trained with, and the scaling inputs expect. */
function metadataEntries(spec: NetworkSpec, meta: ModelMeta): [string, string][] {
  const entries: [string, string][] = [['backprop-lab.loss', spec.loss]];
  if (meta.inputNames) entries.push(['backprop-lab.inputNames', JSON.stringify(meta.inputNames)]);
  if (meta.outputNames) entries.push(['backprop-lab.outputNames', JSON.stringify(meta.outputNames)]);
  if (meta.scaling) entries.push(['backprop-lab.scaling', JSON.stringify(meta.scaling)]);
  return entries;
}
