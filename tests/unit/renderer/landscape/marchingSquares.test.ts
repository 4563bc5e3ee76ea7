import { describe, expect, it } from 'vitest';
import { contourLevels, isolines } from '../../../../src/renderer/src/landscape/marchingSquares';

const grid = (xs: number[], ys: number[], f: (x: number, y: number) => number): number[] => xs.flatMap((x) => ys.map((y) => f(x, y)));
const range = (n: number, lo: number, hi: number): number[] => Array.from({ length: n }, (_, k) => lo + ((hi - lo) * k) / (n - 1));

describe('marching squares', () => {
  it('puts the isoline of a plane exactly where the plane crosses the level', () => {
    const xs = range(5, 0, 4);
    const ys = range(4, 0, 3);
    const segments = isolines(grid(xs, ys, (x) => x), xs, ys, 1.5);
    expect(segments).toHaveLength(3);
    for (const [x1, , x2] of segments) {
      expect(x1).toBeCloseTo(1.5, 12);
      expect(x2).toBeCloseTo(1.5, 12);
    }
  });

  it('draws a closed ring of points at the right radius around the minimum of a bowl', () => {
    const xs = range(41, -2, 2);
    // a level no grid point sits on (a^2 + b^2 = 70 has no integer solution): the circle of radius sqrt(0.7)
    const segments = isolines(grid(xs, xs, (x, y) => x * x + y * y), xs, xs, 0.7);
    expect(segments.length).toBeGreaterThan(40);
    for (const [x1, y1, x2, y2] of segments) {
      // linear interpolation on a 0.1 grid: within a few thousandths of the circle
      expect(Math.hypot(x1, y1)).toBeCloseTo(Math.sqrt(0.7), 2);
      expect(Math.hypot(x2, y2)).toBeCloseTo(Math.sqrt(0.7), 2);
    }
    // every end point is shared by exactly two segments: the ring is closed
    const key = (x: number, y: number): string => `${x.toFixed(9)},${y.toFixed(9)}`;
    const ends = new Map<string, number>();
    for (const [x1, y1, x2, y2] of segments) for (const k of [key(x1, y1), key(x2, y2)]) ends.set(k, (ends.get(k) ?? 0) + 1);
    expect([...ends.values()].every((count) => count === 2)).toBe(true);
  });

  it('separates the two high corners of a saddle cell by the cell mean', () => {
    // corners v0 = v2 = 1 (high), v1 = v3 = 0; the mean 0.5 is above 0.4, so the highs connect through the centre
    const values = [1, 0, 0, 1];
    const segments = isolines(values, [0, 1], [0, 1], 0.4);
    expect(segments).toHaveLength(2);
    const corners = segments.map(([x1, y1, x2, y2]) => [(x1 + x2) / 2, (y1 + y2) / 2]);
    // each segment cuts off a low corner: (1, 0) or (0, 1)
    expect(corners.some(([x, y]) => x > 0.5 && y < 0.5)).toBe(true);
    expect(corners.some(([x, y]) => x < 0.5 && y > 0.5)).toBe(true);
  });

  it('skips cells with a missing value and refuses a grid of the wrong size', () => {
    expect(isolines([0, NaN, 2, 3], [0, 1], [0, 1], 1)).toEqual([]);
    expect(() => isolines([1, 2, 3], [0, 1], [0, 1], 1)).toThrow(/2 x 2 = 4 values, got 3/);
  });

  it('spaces levels evenly, or evenly in log10, strictly inside the range', () => {
    expect(contourLevels(0, 10, 4)).toEqual([2, 4, 6, 8]);
    const log = contourLevels(0.01, 100, 3, true);
    expect(log.map((v) => Math.log10(v))).toEqual([-1, 0, 1].map((v) => expect.closeTo(v, 12)));
    expect(contourLevels(1, 1, 3)).toEqual([]);
  });
});
