/**
 * Several Float64Arrays in one artifact BLOB, with a small layout (name -> offset, length in
 * values) kept in the artifact's JSON. Listing artifacts then reads only the JSON, and a grid
 * of 40,000 numbers is 320 KB of bytes rather than a megabyte of decimal text.
 */
export type ArrayLayout = Record<string, [offset: number, length: number]>;

export function packArrays(arrays: Record<string, Float64Array>): { bytes: Uint8Array; layout: ArrayLayout } {
  const layout: ArrayLayout = {};
  let total = 0;
  for (const [name, values] of Object.entries(arrays)) {
    layout[name] = [total, values.length];
    total += values.length;
  }
  const packed = new Float64Array(total);
  for (const [name, values] of Object.entries(arrays)) packed.set(values, layout[name][0]);
  return { bytes: new Uint8Array(packed.buffer), layout };
}

export function unpackArrays(bytes: Uint8Array, layout: ArrayLayout): Record<string, Float64Array> {
  // copy into an aligned buffer: a BLOB's bytes need not start at a multiple of 8
  const all = new Float64Array(bytes.byteLength / Float64Array.BYTES_PER_ELEMENT);
  new Uint8Array(all.buffer).set(bytes);
  const arrays: Record<string, Float64Array> = {};
  for (const [name, [offset, length]] of Object.entries(layout)) {
    if (offset + length > all.length) throw new Error(`stored array ${name} runs past the end of its data`);
    arrays[name] = all.subarray(offset, offset + length);
  }
  return arrays;
}
