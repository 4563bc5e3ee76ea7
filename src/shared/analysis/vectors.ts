/** The few dense vector operations the analyses share (flat parameter vectors, inputs, PCA rows). */

export function dot(u: ArrayLike<number>, v: ArrayLike<number>): number {
  let s = 0;
  for (let k = 0; k < u.length; k++) s += u[k] * v[k];
  return s;
}

export function norm(v: ArrayLike<number>): number {
  return Math.sqrt(dot(v, v));
}

/** u - v, as a new vector. */
export function subtract(u: ArrayLike<number>, v: ArrayLike<number>): Float64Array {
  const out = new Float64Array(u.length);
  for (let k = 0; k < u.length; k++) out[k] = u[k] - v[k];
  return out;
}

/** Points evenly spaced from min to max inclusive: min + (max - min) i / (count - 1), as bench T4 writes -1 + 2i/40. */
export function linspace(min: number, max: number, count: number): Float64Array {
  if (!Number.isInteger(count) || count < 2) throw new Error(`resolution: expected an integer >= 2, got ${count}`);
  if (!(Number.isFinite(min) && Number.isFinite(max) && min < max)) throw new Error(`range: expected finite min < max, got [${min}, ${max}]`);
  const out = new Float64Array(count);
  const span = max - min;
  const steps = count - 1;
  for (let i = 0; i < count; i++) out[i] = min + (span * i) / steps;
  return out;
}
