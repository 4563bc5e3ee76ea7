/** Float64Arrays as BLOB bytes and back. */

export const float64Bytes = (values: Float64Array): Buffer => Buffer.from(values.buffer, values.byteOffset, values.byteLength);

/** Copies into a fresh, aligned Float64Array: a Buffer's offset in its pool need not be a multiple of 8. */
export function float64Array(blob: Uint8Array): Float64Array {
  const values = new Float64Array(blob.byteLength / Float64Array.BYTES_PER_ELEMENT);
  new Uint8Array(values.buffer).set(blob);
  return values;
}
