/**
 * Clicking on the plane: adding a point appends it to the spec's `extraPoints`; removing one
 * records its position in the training split (as generated, before removals) in
 * `removedPoints`, or drops it from `extraPoints` if the user had added it. The plane shows
 * the training split after removals, so its k-th point is the k-th position not yet removed.
 */
export interface EditablePoints {
  extraPoints?: { x: number[]; y: number[] }[];
  removedPoints?: number[];
}

/** The target row of a new point: one 0/1 column for two classes, one-hot for more. */
export function classTarget(cls: number, classes: number): number[] {
  return classes <= 2 ? [cls === 1 ? 1 : 0] : Array.from({ length: classes }, (_, k) => (k === cls ? 1 : 0));
}

export function addPoint<T extends EditablePoints>(spec: T, x: number[], y: number[]): T {
  return { ...spec, extraPoints: [...(spec.extraPoints ?? []), { x, y }] };
}

/** `shown`: how many training points the plane shows now (after removals). */
export function removePoint<T extends EditablePoints>(spec: T, shownIndex: number, shown: number): T {
  const extras = spec.extraPoints ?? [];
  const removed = new Set(spec.removedPoints ?? []);
  if (shownIndex < 0 || shownIndex >= shown) throw new RangeError(`point ${shownIndex} is not on the plane (it shows ${shown})`);
  const generated = shown + removed.size - extras.length;
  let position = -1;
  for (let seen = -1; seen < shownIndex;) if (!removed.has(++position)) seen++;
  if (position >= generated) {
    return { ...spec, extraPoints: extras.filter((_, k) => k !== position - generated) };
  }
  return { ...spec, removedPoints: [...removed, position].sort((a, b) => a - b) };
}

/** Index of the point nearest to (px, py) within `radius` (same units), or -1. */
export function nearestPoint(points: readonly (readonly number[])[], px: number, py: number, radius: number): number {
  let best = -1;
  let bestD = radius * radius;
  points.forEach((p, k) => {
    const d = (p[0] - px) ** 2 + (p[1] - py) ** 2;
    if (d <= bestD) {
      bestD = d;
      best = k;
    }
  });
  return best;
}
