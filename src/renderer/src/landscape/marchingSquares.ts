/**
 * Isolines of a function sampled on a grid (marching squares): ECharts has no contour series,
 * so contour plots are line segments computed here. The grid is row-major over xs (rows) and
 * ys (columns): values[i * ys.length + j] = f(xs[i], ys[j]). Each cell is classified by which
 * of its four corners lie at or above the level; the level crosses an edge where the corners
 * differ, at the linearly interpolated point. The two saddle cases (opposite corners above) are
 * resolved by the cell's mean, as is usual. Cells with a non-finite corner are skipped.
 */

/** One segment: from (x1, y1) to (x2, y2). */
export type Segment = [x1: number, y1: number, x2: number, y2: number];

export function isolines(values: ArrayLike<number>, xs: ArrayLike<number>, ys: ArrayLike<number>, level: number): Segment[] {
  const nx = xs.length;
  const ny = ys.length;
  if (values.length !== nx * ny) throw new Error(`isolines: expected ${nx} x ${ny} = ${nx * ny} values, got ${values.length}`);
  const segments: Segment[] = [];
  for (let i = 0; i + 1 < nx; i++) {
    for (let j = 0; j + 1 < ny; j++) {
      // corners counter-clockwise from (x_i, y_j)
      const v0 = values[i * ny + j];
      const v1 = values[(i + 1) * ny + j];
      const v2 = values[(i + 1) * ny + j + 1];
      const v3 = values[i * ny + j + 1];
      if (!(Number.isFinite(v0) && Number.isFinite(v1) && Number.isFinite(v2) && Number.isFinite(v3))) continue;
      const code = (v0 >= level ? 1 : 0) | (v1 >= level ? 2 : 0) | (v2 >= level ? 4 : 0) | (v3 >= level ? 8 : 0);
      if (code === 0 || code === 15) continue;
      const x0 = xs[i];
      const x1 = xs[i + 1];
      const y0 = ys[j];
      const y1 = ys[j + 1];
      const at = (a: number, b: number): number => (level - a) / (b - a);
      // crossing points on the edges: bottom (v0-v1), right (v1-v2), top (v3-v2), left (v0-v3)
      const bottom = (): [number, number] => [x0 + at(v0, v1) * (x1 - x0), y0];
      const right = (): [number, number] => [x1, y0 + at(v1, v2) * (y1 - y0)];
      const top = (): [number, number] => [x0 + at(v3, v2) * (x1 - x0), y1];
      const left = (): [number, number] => [x0, y0 + at(v0, v3) * (y1 - y0)];
      const add = (p: [number, number], q: [number, number]): void => { segments.push([p[0], p[1], q[0], q[1]]); };
      const centreAbove = (v0 + v1 + v2 + v3) / 4 >= level;
      switch (code) {
        case 1: case 14: add(left(), bottom()); break;
        case 2: case 13: add(bottom(), right()); break;
        case 3: case 12: add(left(), right()); break;
        case 4: case 11: add(right(), top()); break;
        case 6: case 9: add(bottom(), top()); break;
        case 7: case 8: add(left(), top()); break;
        // saddles: v0 and v2 above (5) or v1 and v3 above (10)
        case 5:
          if (centreAbove) { add(left(), top()); add(bottom(), right()); } else { add(left(), bottom()); add(right(), top()); }
          break;
        case 10:
          if (centreAbove) { add(left(), bottom()); add(right(), top()); } else { add(left(), top()); add(bottom(), right()); }
          break;
      }
    }
  }
  return segments;
}

/**
 * `count` contour levels strictly between min and max, evenly spaced in the display's space:
 * with `log`, evenly spaced in log10, so the levels crowd near the minimum as Li et al.'s plots do.
 */
export function contourLevels(min: number, max: number, count: number, log = false): number[] {
  if (!(Number.isFinite(min) && Number.isFinite(max)) || !(max > min) || count < 1) return [];
  if (log && min > 0) {
    const lo = Math.log10(min);
    const hi = Math.log10(max);
    return Array.from({ length: count }, (_, k) => 10 ** (lo + ((k + 1) * (hi - lo)) / (count + 1)));
  }
  return Array.from({ length: count }, (_, k) => min + ((k + 1) * (max - min)) / (count + 1));
}
