/**
 * Regression sets: Playground's plane and multi-gauss on the plane (targets in [-1, 1]),
 * and 1-D functions on [-1, 1] for the universal approximation view.
 */
import { type Rng, signedUnit, uniform } from './draws';
import { RowCollector, type RawTable } from './table';

const HALF_WIDTH = 6;

/** Playground's regressPlane: y = (x1 + x2) / 10, labelled at the noise-shifted point. */
export function plane(n: number, noise: number, rng: Rng): RawTable {
  return planeFunction(n, noise, rng, (x, y) => (x + y) / 10);
}

/** Six bumps of alternating sign; each point takes the strongest bump 1 - d/2 (clamped at 0), as Playground's regressGaussian. */
const BUMPS: readonly [number, number, number][] = [
  [-4, 2.5, 1], [0, 2.5, -1], [4, 2.5, 1], [-4, -2.5, -1], [0, -2.5, 1], [4, -2.5, -1],
];
export function multiGauss(n: number, noise: number, rng: Rng): RawTable {
  return planeFunction(n, noise, rng, (x, y) => {
    let label = 0;
    for (const [cx, cy, sign] of BUMPS) {
      const bump = sign * Math.max(0, 1 - Math.hypot(x - cx, y - cy) / 2);
      if (Math.abs(bump) > Math.abs(label)) label = bump;
    }
    return label;
  });
}

function planeFunction(n: number, noise: number, rng: Rng, target: (x: number, y: number) => number): RawTable {
  const rows = new RowCollector(2, 1);
  for (let i = 0; i < n; i++) {
    const x = Math.fround(uniform(rng, -HALF_WIDTH, HALF_WIDTH));
    const y = Math.fround(uniform(rng, -HALF_WIDTH, HALF_WIDTH));
    const noisyX = x + uniform(rng, -HALF_WIDTH, HALF_WIDTH) * noise;
    const noisyY = y + uniform(rng, -HALF_WIDTH, HALF_WIDTH) * noise;
    rows.add([x, y], [target(noisyX, noisyY)]);
  }
  return rows.table();
}

export type CurveName = 'sine' | 'abs' | 'step-fn';
const CURVES: Record<CurveName, (x: number) => number> = {
  sine: (x) => Math.sin(Math.PI * x),
  abs: (x) => Math.abs(x),
  'step-fn': (x) => (x < 0 ? 0 : 1),
};

/** n evenly spaced x in [-1, 1]; y = f(x) + (2u - 1) * noise. */
export function curve(name: CurveName, n: number, noise: number, rng: Rng): RawTable {
  const rows = new RowCollector(1, 1);
  const f = CURVES[name];
  for (let i = 0; i < n; i++) {
    const x = Math.fround(n > 1 ? -1 + (2 * i) / (n - 1) : 0);
    rows.add([x], [f(x) + signedUnit(rng) * noise]);
  }
  return rows.table();
}
