/** Sets on the plane with k classes and one-hot targets. */
import { normal } from '../nn/rng';
import type { Rng } from './draws';
import { spiralArm } from './planar';
import { oneHot, RowCollector, type RawTable } from './table';

/** Class c gets floor(n/k) points, plus one for the first n mod k classes. */
export const classSizes = (n: number, k: number): number[] =>
  Array.from({ length: k }, (_, c) => Math.floor(n / k) + (c < n % k ? 1 : 0));

/** k interleaved spiral arms (the two-arm case draws the same points as `spiral`). */
export function spiralMulti(n: number, k: number, noise: number, rng: Rng): RawTable {
  const rows = new RowCollector(2, k);
  classSizes(n, k).forEach((count, c) => spiralArm(rng, count, c, k, noise, (x, y) => rows.add([x, y], oneHot(c, k))));
  return rows.table();
}

/** k Gaussian blobs with centres evenly spaced on a circle of radius 3.5; sd 0.5 + 3*noise. */
export function blobs(n: number, k: number, noise: number, rng: Rng): RawTable {
  const rows = new RowCollector(2, k);
  const sd = 0.5 + 3 * noise;
  classSizes(n, k).forEach((count, c) => {
    const angle = (2 * Math.PI * c) / k;
    const cx = 3.5 * Math.cos(angle);
    const cy = 3.5 * Math.sin(angle);
    for (let i = 0; i < count; i++) {
      rows.add([Math.fround(cx + sd * normal(rng)), Math.fround(cy + sd * normal(rng))], oneHot(c, k));
    }
  });
  return rows.table();
}
