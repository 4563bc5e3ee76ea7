/** From the plane's coordinates to a canvas' pixels and back, with room for axis labels, and round tick values. */
import type { Domain } from './grid';

export const PLOT_PAD = { left: 40, right: 10, top: 10, bottom: 28 } as const;

export interface PlotBox { left: number; top: number; width: number; height: number; domain: Domain }

export function plotBox(cssWidth: number, cssHeight: number, domain: Domain): PlotBox {
  return {
    left: PLOT_PAD.left, top: PLOT_PAD.top,
    width: Math.max(1, cssWidth - PLOT_PAD.left - PLOT_PAD.right),
    height: Math.max(1, cssHeight - PLOT_PAD.top - PLOT_PAD.bottom),
    domain,
  };
}

export function toPixel(b: PlotBox, x1: number, x2: number): [number, number] {
  const { x1: [a0, a1], x2: [b0, b1] } = b.domain;
  return [b.left + ((x1 - a0) / (a1 - a0)) * b.width, b.top + ((b1 - x2) / (b1 - b0)) * b.height];
}

export function toPlane(b: PlotBox, px: number, py: number): [number, number] {
  const { x1: [a0, a1], x2: [b0, b1] } = b.domain;
  return [a0 + ((px - b.left) / b.width) * (a1 - a0), b1 - ((py - b.top) / b.height) * (b1 - b0)];
}

/** Round tick values (1, 2 or 5 times a power of ten) inside [lo, hi], about `count` of them. */
export function ticks(lo: number, hi: number, count = 5): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  // the round step nearest above three quarters of the even one: 12 units in 5 ticks step by 2, not 5
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw * 0.75) ?? 10 * power;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) out.push(Math.abs(v) < step * 1e-9 ? 0 : Number(v.toPrecision(12)));
  return out;
}
