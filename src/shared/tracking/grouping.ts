/**
 * Grouping runs by a hyperparameter: each group's curves are put on one x grid and reduced to
 * the mean with a min-max or mean +- standard deviation band. Members are linearly interpolated
 * onto the grid and only count where they have data (no extrapolation past a run's end).
 */
import type { XY } from './curves';

export interface GroupMember { runId: number; key: string | number | boolean | undefined; curve: XY }

export type Band = 'minmax' | 'std';

export interface GroupCurve {
  /** The shared hyperparameter value, as text ("(none)" for runs without it). */
  key: string;
  runIds: number[];
  x: number[];
  mean: number[];
  lower: number[];
  upper: number[];
  /** Members with data at each x. */
  count: number[];
}

/** The sorted union of the members' x values, or an even grid over their span when that union is longer than maxPoints. */
export function commonGrid(curves: readonly XY[], maxPoints: number): number[] {
  const union = [...new Set(curves.flatMap((c) => c.x))].sort((a, b) => a - b);
  if (union.length <= maxPoints || union.length < 2) return union;
  const lo = union[0];
  const hi = union[union.length - 1];
  return Array.from({ length: maxPoints }, (_, k) => lo + ((hi - lo) * k) / (maxPoints - 1));
}

/** y of a curve (x ascending) at x by linear interpolation, or NaN outside its x range. */
export function interpolate(curve: XY, x: number, hint = { index: 0 }): number {
  const xs = curve.x;
  const n = xs.length;
  if (n === 0 || x < xs[0] || x > xs[n - 1]) return NaN;
  let k = Math.min(hint.index, n - 1);
  if (xs[k] > x) k = 0;
  while (k + 1 < n && xs[k + 1] <= x) k++;
  hint.index = k;
  if (xs[k] === x || k + 1 >= n) return curve.y[k];
  const t = (x - xs[k]) / (xs[k + 1] - xs[k]);
  return curve.y[k] + (curve.y[k + 1] - curve.y[k]) * t;
}

export const groupKey = (value: GroupMember['key']): string => (value === undefined ? '(none)' : String(value));

export function groupCurves(members: readonly GroupMember[], band: Band, maxPoints = 2000): GroupCurve[] {
  const groups = new Map<string, GroupMember[]>();
  for (const m of members) {
    const key = groupKey(m.key);
    groups.set(key, [...(groups.get(key) ?? []), m]);
  }
  const keys = [...groups.keys()].sort((a, b) => {
    const na = Number(a);
    const nb = Number(b);
    return Number.isFinite(na) && Number.isFinite(nb) ? na - nb : a.localeCompare(b);
  });
  return keys.map((key) => {
    const group = groups.get(key)!;
    const x = commonGrid(group.map((m) => m.curve), maxPoints);
    const hints = group.map(() => ({ index: 0 }));
    const out: GroupCurve = { key, runIds: group.map((m) => m.runId), x: [], mean: [], lower: [], upper: [], count: [] };
    for (const at of x) {
      const ys = group.map((m, i) => interpolate(m.curve, at, hints[i])).filter(Number.isFinite);
      if (ys.length === 0) continue;
      const mean = ys.reduce((s, v) => s + v, 0) / ys.length;
      let lower: number;
      let upper: number;
      if (band === 'minmax') {
        lower = Math.min(...ys);
        upper = Math.max(...ys);
      } else {
        // population standard deviation: the spread of these runs, not an estimate of a wider one
        const sd = Math.sqrt(ys.reduce((s, v) => s + (v - mean) ** 2, 0) / ys.length);
        lower = mean - sd;
        upper = mean + sd;
      }
      out.x.push(at);
      out.mean.push(mean);
      out.lower.push(lower);
      out.upper.push(upper);
      out.count.push(ys.length);
    }
    return out;
  });
}
