/**
 * Seeded randomness, exactly as bench/TASKS.md fixes it, so that the same seed gives the
 * same initialization, shuffles and data on every machine, bit for bit.
 */

/** A source of floats in [0, 1). */
export type Rng = () => number;

/** mulberry32: 32-bit state, one state advance per draw (TASKS.md, "Random numbers"). */
export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher–Yates in place: for i from n-1 down to 1, j = floor(u * (i + 1)), swap a[i] and a[j]. */
export function shuffleInPlace(a: { length: number; [i: number]: number }, rng: Rng): void {
  for (let i = a.length - 1; i >= 1; i--) {
    const j = Math.floor(rng() * (i + 1));
    const t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
}

/** The identity 0..n-1, shuffled by Fisher–Yates. */
export function permutation(n: number, rng: Rng): Uint32Array {
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  shuffleInPlace(order, rng);
  return order;
}

/**
 * A standard normal draw by Box–Muller: sqrt(-2 ln u1) * cos(2 pi u2), two uniform draws per
 * normal (the sine half is dropped so each draw depends only on the stream, not on a cache).
 * 1 - u1 lies in (0, 1], so the logarithm is finite.
 */
export function normal(rng: Rng): number {
  const u1 = 1 - rng();
  const u2 = rng();
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}
