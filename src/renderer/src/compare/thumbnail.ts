/**
 * Small pictures of stored analyses for the compare view: a grid of numbers (a loss surface,
 * a feature-visualization image or plane map) as RGBA pixels. Losses use a log scale, since a
 * landscape's rim is often orders of magnitude above its valley.
 */
import { diverging, type Rgb } from '../playground/colorScale';

export type ThumbnailScale = 'log-loss' | 'gray' | 'diverging';

/** Viridis at five stops: dark blue (low loss) to yellow (high), readable in gray print. */
const VIRIDIS: Rgb[] = [[68, 1, 84], [59, 82, 139], [33, 145, 140], [94, 201, 98], [253, 231, 37]];

function viridis(t: number): Rgb {
  const x = Math.min(1, Math.max(0, t)) * (VIRIDIS.length - 1);
  const k = Math.min(VIRIDIS.length - 2, Math.floor(x));
  const f = x - k;
  const a = VIRIDIS[k];
  const b = VIRIDIS[k + 1];
  return [Math.round(a[0] + (b[0] - a[0]) * f), Math.round(a[1] + (b[1] - a[1]) * f), Math.round(a[2] + (b[2] - a[2]) * f)];
}

/**
 * values row-major, `width` per row, first row at the top; non-finite values are light gray.
 * 'gray' maps [min, max] to black..white, 'diverging' maps -maxAbs..maxAbs to blue..white..orange.
 */
export function gridPixels(values: readonly (number | null)[], width: number, scale: ThumbnailScale): Uint8ClampedArray<ArrayBuffer> {
  const finite = values.filter((v): v is number => v !== null && Number.isFinite(v));
  const transform = scale === 'log-loss' ? (v: number) => Math.log10(Math.max(v, 1e-12)) : (v: number) => v;
  const t = finite.map(transform);
  const lo = t.length ? Math.min(...t) : 0;
  const hi = t.length ? Math.max(...t) : 1;
  const maxAbs = Math.max(Math.abs(lo), Math.abs(hi)) || 1;
  const out = new Uint8ClampedArray(new ArrayBuffer(values.length * 4));
  const height = Math.ceil(values.length / width);
  for (let k = 0; k < width * height && k < values.length; k++) {
    const v = values[k];
    let rgb: Rgb;
    if (v === null || !Number.isFinite(v)) rgb = [226, 232, 240];
    else if (scale === 'diverging') rgb = diverging(transform(v) / maxAbs);
    else if (scale === 'gray') {
      const g = Math.round(hi > lo ? ((transform(v) - lo) / (hi - lo)) * 255 : 128);
      rgb = [g, g, g];
    } else rgb = viridis(hi > lo ? (transform(v) - lo) / (hi - lo) : 0.5);
    out.set([rgb[0], rgb[1], rgb[2], 255], k * 4);
  }
  return out;
}

/** A landscape's 2-D loss grid (loss[i * betas + j], alpha along x, beta up) as rows from the top. */
export function landscapeRows(loss: readonly (number | null)[], alphas: number, betas: number): (number | null)[] {
  const rows: (number | null)[] = [];
  for (let j = betas - 1; j >= 0; j--) for (let i = 0; i < alphas; i++) rows.push(loss[i * betas + j]);
  return rows;
}
