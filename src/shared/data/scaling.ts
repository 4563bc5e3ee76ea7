/**
 * Per-column affine scaling, scaled = (raw - offset) / scale:
 * min-max as in the lecture, (v - min) / (max - min), maps a column onto [0, 1];
 * standardize, (v - mean) / sd with the population sd, gives mean 0 and variance 1.
 * A constant column gets scale 1 so it maps to 0 instead of dividing by zero.
 */
import type { ColumnScaling, ScalingKind } from './spec';

/** Fits one scaling per column of the row-major matrix `values` (n rows of `dim`). */
export function fitScaling(kind: ScalingKind, values: ArrayLike<number>, n: number, dim: number): ColumnScaling[] {
  const columns: ColumnScaling[] = [];
  for (let c = 0; c < dim; c++) {
    if (kind === 'none' || n === 0) {
      columns.push({ offset: 0, scale: 1 });
    } else if (kind === 'min-max') {
      let min = Infinity;
      let max = -Infinity;
      for (let r = 0; r < n; r++) {
        const v = values[r * dim + c];
        if (v < min) min = v;
        if (v > max) max = v;
      }
      columns.push({ offset: min, scale: max > min ? max - min : 1 });
    } else {
      let sum = 0;
      for (let r = 0; r < n; r++) sum += values[r * dim + c];
      const mean = sum / n;
      let squares = 0;
      for (let r = 0; r < n; r++) squares += (values[r * dim + c] - mean) ** 2;
      const sd = Math.sqrt(squares / n);
      columns.push({ offset: mean, scale: sd > 0 ? sd : 1 });
    }
  }
  return columns;
}

export function applyScaling(values: Float64Array, dim: number, columns: readonly ColumnScaling[]): void {
  for (let i = 0; i < values.length; i++) {
    const { offset, scale } = columns[i % dim];
    values[i] = (values[i] - offset) / scale;
  }
}

export const unscale = (scaled: number, column: ColumnScaling): number => scaled * column.scale + column.offset;

export const isIdentity = (columns: readonly ColumnScaling[]): boolean => columns.every((c) => c.offset === 0 && c.scale === 1);
