/**
 * Colours of the Playground's maps and diagram, matched to the class colours of the points:
 * class 0 / negative values blue, class 1 / positive values orange, white in between (a
 * diverging scale, as TensorFlow Playground draws its maps).
 */
import { CLASS_COLORS } from '../ui/chartTheme';

export type Rgb = [number, number, number];

export function hexToRgb(hex: string): Rgb {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

const WHITE: Rgb = [255, 255, 255];
export const NEGATIVE: Rgb = hexToRgb(CLASS_COLORS[0]);
export const POSITIVE: Rgb = hexToRgb(CLASS_COLORS[1]);

const mix = (a: Rgb, b: Rgb, t: number): Rgb => [
  Math.round(a[0] + (b[0] - a[0]) * t), Math.round(a[1] + (b[1] - a[1]) * t), Math.round(a[2] + (b[2] - a[2]) * t),
];
const clamp = (t: number): number => (t < -1 ? -1 : t > 1 ? 1 : Number.isNaN(t) ? 0 : t);

/**
 * A value in [-1, 1] (clamped) to a colour; `strength` < 1 keeps maps light enough that the
 * data points drawn over them stay visible.
 */
export function diverging(t: number, strength = 1): Rgb {
  const v = clamp(t);
  return v >= 0 ? mix(WHITE, POSITIVE, v * strength) : mix(WHITE, NEGATIVE, -v * strength);
}

export const rgbCss = (c: Rgb): string => `rgb(${c[0]}, ${c[1]}, ${c[2]})`;

/** The class colour mixed with white by how sure the network is: 1/k (a guess) is white, 1 full colour. */
export function classColor(probabilities: ArrayLike<number>, strength = 1): Rgb {
  let best = 0;
  for (let k = 1; k < probabilities.length; k++) if (probabilities[k] > probabilities[best]) best = k;
  const k = probabilities.length;
  const sure = k > 1 ? (probabilities[best] - 1 / k) / (1 - 1 / k) : 0;
  return mix(WHITE, hexToRgb(CLASS_COLORS[best % CLASS_COLORS.length]), clamp(sure) * strength);
}

/** A link's stroke: orange for positive, blue for negative weights; width grows with |w| up to the largest weight. */
export function weightStroke(w: number, maxAbs: number): { color: string; width: number } {
  const scale = maxAbs > 0 ? Math.min(1, Math.abs(w) / maxAbs) : 0;
  return { color: rgbCss(diverging(w >= 0 ? 0.35 + 0.65 * scale : -(0.35 + 0.65 * scale))), width: 0.75 + 5.25 * scale };
}

/**
 * The diverging scale as a 256-entry RGB table, for maps drawn many times a second: index
 * round((t + 1) / 2 * 255) for t in [-1, 1].
 */
export function divergingTable(strength = 1): Uint8ClampedArray {
  const table = new Uint8ClampedArray(256 * 3);
  for (let i = 0; i < 256; i++) table.set(diverging((i / 255) * 2 - 1, strength), i * 3);
  return table;
}

export const tableIndex = (t: number): number => (t >= 1 ? 255 : t <= -1 ? 0 : Number.isNaN(t) ? 128 : Math.round(((t + 1) / 2) * 255));
