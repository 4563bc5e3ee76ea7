/**
 * Rows as a generator emits them, before shuffling, splitting and feature mapping:
 * x is n * xDim and y is n * yDim, both row-major.
 */
import type { Split } from './spec';

export interface RawTable {
  n: number;
  xDim: number;
  yDim: number;
  x: Float64Array | Float32Array;
  y: Float64Array;
}

/** Collects rows one by one; generators push, then call `table()` once. */
export class RowCollector {
  private readonly xs: number[] = [];
  private readonly ys: number[] = [];
  constructor(readonly xDim: number, readonly yDim: number) {}

  add(x: readonly number[], y: readonly number[]): void {
    for (const v of x) this.xs.push(v);
    for (const v of y) this.ys.push(v);
  }

  table(): RawTable {
    return { n: this.xs.length / this.xDim, xDim: this.xDim, yDim: this.yDim, x: new Float64Array(this.xs), y: new Float64Array(this.ys) };
  }
}

/** One-hot row for class `c` of `k`; binary sets use a single 0/1 column instead. */
export function oneHot(c: number, k: number): number[] {
  const row = new Array<number>(k).fill(0);
  row[c] = 1;
  return row;
}

/** Copies the rows `rows` (indices into the table) into a packed split, mapping each input row with `mapX`. */
export function packRows(
  table: RawTable,
  rows: readonly number[],
  outDim: number,
  mapX: (src: ArrayLike<number>, srcOffset: number, dst: Float64Array, dstOffset: number) => void,
): Split {
  const n = rows.length;
  const x = new Float64Array(n * outDim);
  const y = new Float64Array(n * table.yDim);
  for (let r = 0; r < n; r++) {
    const src = rows[r];
    mapX(table.x, src * table.xDim, x, r * outDim);
    for (let k = 0; k < table.yDim; k++) y[r * table.yDim + k] = table.y[src * table.yDim + k];
  }
  return { x, y, n };
}
