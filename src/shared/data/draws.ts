/** Uniform draws for the generators, on the engine's seeded stream (normal draws: nn/rng's `normal`). */
import type { Rng } from '../nn/rng';

export type { Rng };

/** A draw from [-1, 1): TensorFlow Playground's randUniform(-1, 1) and bench/TASKS.md's `2u - 1`. */
export const signedUnit = (rng: Rng): number => 2 * rng() - 1;

export const uniform = (rng: Rng, lo: number, hi: number): number => lo + (hi - lo) * rng();
