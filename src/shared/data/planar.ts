/**
 * Two-class sets on the plane, after TensorFlow Playground's dataset.ts (circle, xor,
 * gauss, spiral) plus scikit-learn's two moons. Class 1 is the first half of the points
 * (Playground's label +1), class 0 the second; each coordinate is rounded to float32,
 * as bench/TASKS.md T1 prescribes, so every set fits a Float32Array exactly.
 * `noise` is Playground's slider divided by 100 (0..0.5 there; up to 1 here).
 */
import { normal } from '../nn/rng';
import { type Rng, signedUnit, uniform } from './draws';
import { RowCollector, type RawTable } from './table';

const f32 = Math.fround;
/** Playground's plane spans [-6, 6]; its sets use radius 5 inside it. */
const RADIUS = 5;

/** Sizes of the two halves: the first (class 1) takes the odd point. */
export const halves = (n: number): [number, number] => [Math.ceil(n / 2), Math.floor(n / 2)];

/** A disc of class 1 inside a ring of class 0; noise perturbs the point used for labelling, as in Playground. */
export function circle(n: number, noise: number, rng: Rng): RawTable {
  const rows = new RowCollector(2, 1);
  const [inner, outer] = halves(n);
  const add = (count: number, rMin: number, rMax: number): void => {
    for (let i = 0; i < count; i++) {
      const r = uniform(rng, rMin, rMax);
      const angle = uniform(rng, 0, 2 * Math.PI);
      const x = f32(r * Math.sin(angle));
      const y = f32(r * Math.cos(angle));
      const noisyX = x + uniform(rng, -RADIUS, RADIUS) * noise;
      const noisyY = y + uniform(rng, -RADIUS, RADIUS) * noise;
      rows.add([x, y], [Math.hypot(noisyX, noisyY) < RADIUS * 0.5 ? 1 : 0]);
    }
  };
  add(inner, 0, RADIUS * 0.5);
  add(outer, RADIUS * 0.7, RADIUS);
  return rows.table();
}

/** Quadrants: class 1 where x*y >= 0, with a 0.3 gap along the axes. */
export function xor(n: number, noise: number, rng: Rng): RawTable {
  const rows = new RowCollector(2, 1);
  const padding = 0.3;
  const awayFromAxis = (v: number): number => v + (v > 0 ? padding : -padding);
  for (let i = 0; i < n; i++) {
    const x = f32(awayFromAxis(uniform(rng, -RADIUS, RADIUS)));
    const y = f32(awayFromAxis(uniform(rng, -RADIUS, RADIUS)));
    const noisyX = x + uniform(rng, -RADIUS, RADIUS) * noise;
    const noisyY = y + uniform(rng, -RADIUS, RADIUS) * noise;
    rows.add([x, y], [noisyX * noisyY >= 0 ? 1 : 0]);
  }
  return rows.table();
}

/** Two Gaussians at (2, 2) (class 1) and (-2, -2) (class 0); Playground maps noise 0..0.5 to variance 0.5..4. */
export function gauss(n: number, noise: number, rng: Rng): RawTable {
  const rows = new RowCollector(2, 1);
  const sd = Math.sqrt(0.5 + (noise / 0.5) * 3.5);
  const [first, second] = halves(n);
  const add = (count: number, cx: number, cy: number, label: number): void => {
    for (let i = 0; i < count; i++) {
      const x = f32(cx + sd * normal(rng));
      const y = f32(cy + sd * normal(rng));
      rows.add([x, y], [label]);
    }
  };
  add(first, 2, 2, 1);
  add(second, -2, -2, 0);
  return rows.table();
}

/**
 * Spiral arm `c` of `arms`, `count` points: r = i/count*5, t = 1.75*i/count*2pi + c*2pi/arms,
 * plus (2u - 1)*noise on x then y. With two arms this is Playground's spiral and TASKS.md T1.
 */
export function spiralArm(rng: Rng, count: number, c: number, arms: number, noise: number, emit: (x: number, y: number) => void): void {
  for (let i = 0; i < count; i++) {
    const r = (i / count) * RADIUS;
    const t = ((1.75 * i) / count) * 2 * Math.PI + (c * 2 * Math.PI) / arms;
    const x = f32(r * Math.sin(t) + signedUnit(rng) * noise);
    const y = f32(r * Math.cos(t) + signedUnit(rng) * noise);
    emit(x, y);
  }
}

export function spiral(n: number, noise: number, rng: Rng): RawTable {
  const rows = new RowCollector(2, 1);
  const [first, second] = halves(n);
  spiralArm(rng, first, 0, 2, noise, (x, y) => rows.add([x, y], [1]));
  spiralArm(rng, second, 1, 2, noise, (x, y) => rows.add([x, y], [0]));
  return rows.table();
}

/**
 * scikit-learn's make_moons (upper moon class 1, evenly spaced along each arc, Gaussian
 * noise of sd `noise` in the moons' own units), centred and scaled by 3 to fill the plane.
 */
export function moons(n: number, noise: number, rng: Rng): RawTable {
  const rows = new RowCollector(2, 1);
  const scale = 3;
  const [upper, lower] = halves(n);
  const add = (count: number, label: number, point: (t: number) => [number, number]): void => {
    for (let i = 0; i < count; i++) {
      const t = count > 1 ? (Math.PI * i) / (count - 1) : 0;
      const [mx, my] = point(t);
      const x = f32((mx - 0.5 + noise * normal(rng)) * scale);
      const y = f32((my - 0.25 + noise * normal(rng)) * scale);
      rows.add([x, y], [label]);
    }
  };
  add(upper, 1, (t) => [Math.cos(t), Math.sin(t)]);
  add(lower, 0, (t) => [1 - Math.cos(t), 0.5 - Math.sin(t)]);
  return rows.table();
}
