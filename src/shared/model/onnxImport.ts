/**
 * ONNX import: the bytes of an ONNX ModelProto to the lab's network (spec, flat params, meta),
 * for the sequential graphs the lab's own export and PyTorch's `torch.onnx.export` of an
 * `nn.Sequential` of Linear, activations and Flatten write. The graph is walked node by node;
 * each node must read the value the node before it wrote (plus constants), so a residual
 * branch or any other non-sequential graph is refused. What each operator does to the layers
 * being built is one case of `onnxOperators.ts`. Everything else is refused with a ModelFileError
 * naming the node, its operator and the model's opset; nothing here throws anything else for
 * any input bytes.
 *
 * The result is checked by readModel, like any model file, so one set of rules (layer sizes,
 * the parameter budget, finite weights, softmax only at the output) covers both formats.
 */
import { fromBinary } from '@bufbuild/protobuf';
import { LOSSES, type LossName } from '../nn/spec';
import { MAX_MODEL_PARAMS, MAX_ONNX_BYTES, MLP_MODEL_VERSION, MODEL_FORMAT, MODEL_VERSION, type ModelFile, type ModelImageLayer } from './modelFile';
import { ONNX_META } from './onnx';
import { ModelProtoSchema, DATA_TYPE, type GraphProto, type ModelProto } from './onnxSchema';
import { OnnxRefusal, applyOperator, describeNode, type LayerBuilder } from './onnxOperators';
import { dataTypeName, tensorValues, type Constant } from './onnxTensor';
import { ModelFileError, readModel, type ReadModel } from './read';

/** Opsets of the default domain this importer knows the operators of. */
export const MIN_ONNX_OPSET = 6;
export const MAX_ONNX_OPSET = 23;
/** Deepest nesting of messages a file may have (ONNX's own nesting is under 10). */
const RECURSION_LIMIT = 32;

/** Reads an ONNX file; every fault is a ModelFileError saying what is wrong in words. */
export function readOnnx(bytes: Uint8Array): ReadModel {
  if (bytes.length === 0) throw new ModelFileError('', 'the file is empty; an ONNX model holds at least a graph');
  if (bytes.length > MAX_ONNX_BYTES) {
    throw new ModelFileError('', `the file is ${bytes.length.toLocaleString('en')} bytes; an ONNX model of at most ${MAX_MODEL_PARAMS.toLocaleString('en')} parameters fits in ${MAX_ONNX_BYTES.toLocaleString('en')} (MAX_ONNX_BYTES)`);
  }
  const model = decode(bytes);
  const opset = defaultOpset(model);
  const graph = model.graph;
  if (!graph || (graph.node.length === 0 && graph.input.length === 0)) {
    throw new ModelFileError('', `not an ONNX model (or a truncated one): it has no graph (opset ${opset})`);
  }
  if (graph.sparseInitializer.length > 0) throw new ModelFileError('', `the graph has sparse initializers, which this importer does not read (opset ${opset})`);
  const builder = walk(graph, opset);
  try {
    return readModel(modelFileOf(model, builder));
  } catch (error) {
    if (!(error instanceof ModelFileError)) throw error;
    throw new ModelFileError('', `the network the graph describes (opset ${opset}) is not one the lab takes: ${error.message}`);
  }
}

function decode(bytes: Uint8Array): ModelProto {
  try {
    return fromBinary(ModelProtoSchema, bytes, { readUnknownFields: false, recursionLimit: RECURSION_LIMIT });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ModelFileError('', `not an ONNX model, or a damaged or truncated one: its bytes do not decode as an ONNX ModelProto (${reason})`);
  }
}

/** The version of the default operator set ('' or 'ai.onnx'), which gives every operator its meaning. */
function defaultOpset(model: ModelProto): number {
  const entry = model.opsetImport.find((o) => o.domain === '' || o.domain === 'ai.onnx');
  if (!entry) {
    throw new ModelFileError('', model.opsetImport.length === 0
      ? 'not an ONNX model, or a truncated one: it imports no operator set (opset_import is empty)'
      : `the model imports no default ONNX operator set, only ${model.opsetImport.map((o) => `'${o.domain}'`).join(', ')}`);
  }
  const version = Number(entry.version);
  if (version < MIN_ONNX_OPSET) throw new ModelFileError('', `opset ${version} is older than this importer reads (opset ${MIN_ONNX_OPSET} to ${MAX_ONNX_OPSET}); export the model again with a newer opset`);
  if (version > MAX_ONNX_OPSET) throw new ModelFileError('', `opset ${version} is newer than this importer knows (opset ${MIN_ONNX_OPSET} to ${MAX_ONNX_OPSET}); export the model with opset_version=${MAX_ONNX_OPSET} or older`);
  return version;
}

function walk(graph: GraphProto, opset: number): LayerBuilder {
  const constants = new Map<string, Constant>();
  for (const init of graph.initializer) {
    try {
      constants.set(init.name, tensorValues(init));
    } catch (error) {
      throw new ModelFileError('', `initializer '${init.name}' (opset ${opset}): ${(error as Error).message}`);
    }
  }
  const builder = startBuilder(graph, constants, opset);
  graph.node.forEach((node, index) => {
    try {
      applyOperator(builder, node);
    } catch (error) {
      if (error instanceof OnnxRefusal) throw new ModelFileError('', `${describeNode(node, index, opset)}: ${error.message}`);
      throw error;
    }
  });
  finishGraph(builder, graph);
  return builder;
}

/** The one graph input that is not an initializer: rows of features, the batch first. */
function startBuilder(graph: GraphProto, constants: Map<string, Constant>, opset: number): LayerBuilder {
  const inputs = graph.input.filter((i) => !constants.has(i.name));
  if (inputs.length !== 1) {
    throw new ModelFileError('', `the graph has ${inputs.length} inputs (${inputs.map((i) => `'${i.name}'`).join(', ') || 'none'}); the lab reads a graph with one input of rows (opset ${opset})`);
  }
  const input = inputs[0];
  const tensor = input.type?.tensorType;
  if (!tensor) throw new ModelFileError('', `input '${input.name}' is not a tensor (opset ${opset})`);
  if (tensor.elemType !== DATA_TYPE.FLOAT && tensor.elemType !== DATA_TYPE.DOUBLE) {
    throw new ModelFileError('', `input '${input.name}' holds ${dataTypeName(tensor.elemType)}; the lab reads float32 or float64 rows (opset ${opset})`);
  }
  const dims = tensor.shape?.dim;
  if (!dims || dims.length < 2) {
    throw new ModelFileError('', `input '${input.name}' has ${dims ? `rank ${dims.length}` : 'no shape'}; the lab needs [batch, features...] with the features fixed (opset ${opset})`);
  }
  const features = dims.slice(1).map((d, k) => {
    if (d.value.case !== 'dimValue' || d.value.value < 1n) {
      const shown = d.value.case === 'dimParam' ? `'${d.value.value}'` : d.value.case === 'dimValue' ? String(d.value.value) : 'unknown';
      throw new ModelFileError('', `input '${input.name}' has a dynamic or empty dimension ${k + 1} (${shown}); only the batch dimension may vary (opset ${opset})`);
    }
    return Number(d.value.value);
  });
  return { opset, constants, current: input.name, shape: features, layers: [], affine: undefined, pendingStep: false, inputShape: features, imageLayers: [] };
}

function finishGraph(builder: LayerBuilder, graph: GraphProto): void {
  const { opset } = builder;
  if (graph.output.length !== 1) {
    throw new ModelFileError('', `the graph has ${graph.output.length} outputs; the lab reads a graph with one output (opset ${opset})`);
  }
  const output = graph.output[0].name;
  if (output !== builder.current) {
    throw new ModelFileError('', `the graph's output '${output}' is not the value its last node writes ('${builder.current}'); the lab reads sequential graphs only (opset ${opset})`);
  }
  if (builder.pendingStep) throw new ModelFileError('', `the graph ends in a GreaterOrEqual without its Cast to float (opset ${opset})`);
  if (builder.affine) builder.layers.push({ ...builder.affine, activation: 'linear' });
  if (builder.layers.length === 0) {
    throw new ModelFileError('', builder.imageLayers.length > 0 || builder.conv
      ? `the graph ends in image layers; the lab needs a dense layer (Gemm or MatMul) after them, as the output layer (opset ${opset})`
      : `the graph has no Gemm or MatMul: there is no layer to import (opset ${opset})`);
  }
}

function modelFileOf(model: ModelProto, builder: LayerBuilder): ModelFile {
  const meta = new Map(model.metadataProps.map((p) => [p.key, p.value]));
  const layers = builder.layers.map((layer) => {
    const weights: number[][] = [];
    for (let i = 0; i < layer.fanIn; i++) weights.push(Array.from(layer.weights.subarray(i * layer.fanOut, (i + 1) * layer.fanOut)));
    return { units: layer.fanOut, activation: layer.activation, weights, bias: Array.from(layer.bias) };
  });
  const loss = lossOf(meta.get(ONNX_META.loss), builder);
  const file: ModelFile = builder.imageLayers.length === 0
    ? { format: MODEL_FORMAT, version: MLP_MODEL_VERSION, inputs: builder.layers[0].fanIn, layers, loss }
    : {
      format: MODEL_FORMAT, version: MODEL_VERSION, inputs: builder.inputShape.reduce((n, d) => n * d, 1),
      inputShape: [builder.inputShape[0], builder.inputShape[1], builder.inputShape[2]],
      imageLayers: builder.imageLayers.map(({ spec, weights, bias }): ModelImageLayer => {
        if (spec.kind !== 'conv') return spec;
        const perFilter = weights!.length / spec.filters;
        const rows: number[][] = [];
        for (let o = 0; o < spec.filters; o++) rows.push(Array.from(weights!.subarray(o * perFilter, (o + 1) * perFilter)));
        return { ...spec, weights: rows, bias: Array.from(bias!) };
      }),
      layers, loss,
    };
  const name = meta.get(ONNX_META.name);
  if (name !== undefined) file.name = name;
  const json = (key: string): unknown => {
    const text = meta.get(key);
    if (text === undefined) return undefined;
    try {
      return JSON.parse(text);
    } catch {
      throw new ModelFileError(`metadata '${key}'`, 'is not valid JSON');
    }
  };
  // readModel checks their shape and lengths, as for a model file's own fields
  const extra = file as unknown as Record<string, unknown>;
  for (const [field, key] of [['inputNames', ONNX_META.inputNames], ['outputNames', ONNX_META.outputNames], ['scaling', ONNX_META.scaling]] as const) {
    const value = json(key);
    if (value !== undefined) extra[field] = value;
  }
  return file;
}

/** The loss the model was trained with when its exporter says so, else the one its output layer implies. */
function lossOf(stated: string | undefined, builder: LayerBuilder): LossName {
  if (stated !== undefined && (LOSSES as readonly string[]).includes(stated)) return stated as LossName;
  const out = builder.layers[builder.layers.length - 1];
  if (out.activation === 'softmax' && out.fanOut >= 2) return 'softmax-ce';
  if (out.activation === 'sigmoid') return 'bce';
  return 'mse';
}
