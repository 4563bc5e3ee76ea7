/**
 * Hand-built ONNX graphs for the import tests, written with the same protobuf library and
 * descriptor the importer reads with, but node by node as another exporter would write them.
 */
import { create, toBinary, type MessageInitShape } from '@bufbuild/protobuf';
import { ATTRIBUTE_TYPE, DATA_TYPE, ModelProtoSchema, type NodeProtoSchema, type TensorProtoSchema } from '../../../src/shared/model/onnxSchema';

export type NodeInit = MessageInitShape<typeof NodeProtoSchema>;
export type TensorInit = MessageInitShape<typeof TensorProtoSchema>;

/** A float32 tensor as raw bytes (what PyTorch writes). */
export function f32(name: string, dims: number[], values: number[]): TensorInit {
  return { name, dims: dims.map(BigInt), dataType: DATA_TYPE.FLOAT, rawData: new Uint8Array(Float32Array.from(values).buffer) };
}
/** A float32 tensor in float_data (what some exporters write instead of raw bytes). */
export const f32List = (name: string, dims: number[], values: number[]): TensorInit =>
  ({ name, dims: dims.map(BigInt), dataType: DATA_TYPE.FLOAT, floatData: values });
export const f64 = (name: string, dims: number[], values: number[]): TensorInit =>
  ({ name, dims: dims.map(BigInt), dataType: DATA_TYPE.DOUBLE, rawData: new Uint8Array(Float64Array.from(values).buffer) });
export const f64List = (name: string, dims: number[], values: number[]): TensorInit =>
  ({ name, dims: dims.map(BigInt), dataType: DATA_TYPE.DOUBLE, doubleData: values });
export const i64 = (name: string, dims: number[], values: number[]): TensorInit =>
  ({ name, dims: dims.map(BigInt), dataType: DATA_TYPE.INT64, int64Data: values.map(BigInt) });

export const floatAttr = (name: string, f: number) => ({ name, f, type: ATTRIBUTE_TYPE.FLOAT });
export const intAttr = (name: string, i: number) => ({ name, i: BigInt(i), type: ATTRIBUTE_TYPE.INT });
export const intsAttr = (name: string, ints: number[]) => ({ name, ints: ints.map(BigInt), type: ATTRIBUTE_TYPE.INTS });
export const tensorAttr = (name: string, t: TensorInit) => ({ name, t, type: ATTRIBUTE_TYPE.TENSOR });

export const node = (opType: string, input: string[], output: string, attribute: NodeInit['attribute'] = []): NodeInit =>
  ({ opType, input, output: [output], name: `${opType}_${output}`, attribute });

export interface GraphOptions {
  nodes: NodeInit[];
  initializers?: TensorInit[];
  /** Dims after the batch: sizes, or names for symbolic ones. */
  features: (number | string)[];
  /** 'N' (symbolic), a number (fixed) or null (unknown). */
  batch?: string | number | null;
  opset?: number;
  input?: string;
  output?: string;
  elemType?: number;
  /** Extra graph inputs (a second input, or initializers listed as inputs as old exporters do). */
  extraInputs?: string[];
  metadata?: Record<string, string>;
}

const dim = (d: string | number | null) =>
  d === null ? {} : typeof d === 'string' ? { value: { case: 'dimParam' as const, value: d } } : { value: { case: 'dimValue' as const, value: BigInt(d) } };

export function onnxModel(g: GraphOptions): Uint8Array {
  const input = g.input ?? 'x';
  // outputs and extra inputs without a shape: their ranks are for the runtime to infer
  const valueInfo = (name: string, dims?: (string | number | null)[]) =>
    ({ name, type: { tensorType: { elemType: g.elemType ?? DATA_TYPE.FLOAT, ...(dims ? { shape: { dim: dims.map(dim) } } : {}) } } });
  return toBinary(ModelProtoSchema, create(ModelProtoSchema, {
    irVersion: 7n,
    producerName: 'test',
    graph: {
      name: 'g',
      node: g.nodes,
      initializer: g.initializers ?? [],
      input: [valueInfo(input, [g.batch === undefined ? 'N' : g.batch, ...g.features]), ...(g.extraInputs ?? []).map((name) => valueInfo(name))],
      output: [valueInfo(g.output ?? 'y')],
    },
    opsetImport: [{ domain: '', version: BigInt(g.opset ?? 13) }],
    metadataProps: Object.entries(g.metadata ?? {}).map(([key, value]) => ({ key, value })),
  }));
}
