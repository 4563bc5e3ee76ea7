/**
 * An ONNX TensorProto's numbers as float64, from whichever field holds them (raw little-endian
 * bytes, float_data, double_data, int64_data), after checking that the data type is one the lab
 * reads and that the count of values matches the dims: a file's claims are checked before any
 * array of their size is made.
 */
import { MAX_MODEL_PARAMS } from './modelFile';
import { DATA_TYPE, type TensorProto } from './onnxSchema';

/** Dims and values of a constant, row-major as ONNX stores them. */
export interface Constant { dims: number[]; values: Float64Array }

const TYPE_NAMES: Record<number, string> = {
  1: 'float32', 2: 'uint8', 3: 'int8', 4: 'uint16', 5: 'int16', 6: 'int32', 7: 'int64', 8: 'string', 9: 'bool',
  10: 'float16', 11: 'float64', 12: 'uint32', 13: 'uint64', 14: 'complex64', 15: 'complex128', 16: 'bfloat16',
};
export const dataTypeName = (type: number): string => TYPE_NAMES[type] ?? `data type ${type}`;

/** A tensor's values; throws an Error whose message says what is wrong (the caller names the tensor). */
export function tensorValues(tensor: TensorProto): Constant {
  if (tensor.dataLocation === 1 || tensor.externalData.length > 0) {
    throw new Error('its values are in an external file; save the model with its weights inside (onnx.save(..., save_as_external_data=False))');
  }
  if (tensor.segment.length > 0) throw new Error('it is split into segments, which this importer does not read');
  const dims = tensor.dims.map((d) => {
    if (d < 0n || d > BigInt(MAX_MODEL_PARAMS)) throw new Error(`dimension ${d} is out of range`);
    return Number(d);
  });
  const count = dims.reduce((n, d) => n * d, 1);
  if (count > MAX_MODEL_PARAMS) throw new Error(`${count.toLocaleString('en')} values are more than a model may hold (${MAX_MODEL_PARAMS.toLocaleString('en')}, MAX_PARAMETERS)`);
  const width = tensor.dataType === DATA_TYPE.FLOAT ? 4 : tensor.dataType === DATA_TYPE.DOUBLE || tensor.dataType === DATA_TYPE.INT64 ? 8 : 0;
  if (width === 0) throw new Error(`its values are ${dataTypeName(tensor.dataType)}; this importer reads float32, float64 and (for shapes) int64`);
  const values = new Float64Array(count);
  const given = (n: number) => {
    if (n !== count) throw new Error(`it holds ${n} values but its dims [${dims.join(', ')}] need ${count}`);
  };
  if (tensor.rawData.length > 0) {
    given(tensor.rawData.length / width);
    const view = new DataView(tensor.rawData.buffer, tensor.rawData.byteOffset, tensor.rawData.byteLength);
    for (let k = 0; k < count; k++) {
      values[k] = tensor.dataType === DATA_TYPE.FLOAT ? view.getFloat32(k * 4, true)
        : tensor.dataType === DATA_TYPE.DOUBLE ? view.getFloat64(k * 8, true) : Number(view.getBigInt64(k * 8, true));
    }
  } else {
    const list: ArrayLike<number | bigint> = tensor.dataType === DATA_TYPE.FLOAT ? tensor.floatData
      : tensor.dataType === DATA_TYPE.DOUBLE ? tensor.doubleData : tensor.int64Data;
    given(list.length);
    for (let k = 0; k < count; k++) values[k] = Number(list[k]);
  }
  return { dims, values };
}
