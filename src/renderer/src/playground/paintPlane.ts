/**
 * Drawing the Playground's plane on a canvas: the output as a heatmap (or a fitted curve),
 * the axes, and the data points over it. The colours come from colorScale.ts.
 */
import type { DatasetPreview } from '../../../shared/api/dto';
import { CHART_COLORS, CLASS_COLORS } from '../ui/chartTheme';
import { classOf } from './datasetOption';
import { classColor, diverging, rgbCss, type Rgb } from './colorScale';
import type { PlaneMaps } from './grid';
import { type PlotBox, ticks, toPixel } from './planeGeometry';

/** Colour of each grid cell for a per-cell value getter; drawn smooth, or as blocks when discretized. */
export function paintCells(ctx: CanvasRenderingContext2D, box: PlotBox, size: number, colorOf: (cell: number) => Rgb, smooth: boolean): void {
  const off = scratchCanvas(size);
  const octx = off.getContext('2d');
  if (!octx) return;
  const image = octx.createImageData(size, size);
  for (let cell = 0; cell < size * size; cell++) {
    const c = colorOf(cell);
    image.data.set([c[0], c[1], c[2], 255], cell * 4);
  }
  octx.putImageData(image, 0, 0);
  ctx.imageSmoothingEnabled = smooth;
  ctx.drawImage(off, box.left, box.top, box.width, box.height);
}

let scratch: HTMLCanvasElement | null = null;
/** One small canvas reused for every map: creating one per frame costs more than filling it. */
function scratchCanvas(size: number): HTMLCanvasElement {
  scratch ??= document.createElement('canvas');
  if (scratch.width !== size) scratch.width = size;
  if (scratch.height !== size) scratch.height = size;
  return scratch;
}

/** Sizes a canvas for its CSS size and the screen's pixel ratio, touching it only when that changes (a resize clears it). */
export function fitCanvas(el: HTMLCanvasElement, cssWidth: number, cssHeight: number): CanvasRenderingContext2D | null {
  const ratio = window.devicePixelRatio || 1;
  const w = Math.round(cssWidth * ratio);
  const h = Math.round(cssHeight * ratio);
  if (el.width !== w) el.width = w;
  if (el.height !== h) el.height = h;
  const ctx = el.getContext('2d');
  ctx?.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx?.clearRect(0, 0, cssWidth, cssHeight);
  return ctx;
}

/** The output unit(s) coloured: class colours by confidence, or values on the diverging scale. */
export function outputColors(maps: PlaneMaps, mode: 'classes' | 'surface', discretize: boolean, valueScale: { center: number; half: number }): (cell: number) => Rgb {
  const out = maps.a[maps.a.length - 1];
  const k = out.length / (maps.size * maps.size);
  if (mode === 'surface') {
    return (cell) => {
      const t = (out[cell * k] - valueScale.center) / valueScale.half;
      return diverging(discretize ? Math.sign(t) : t, 0.7);
    };
  }
  if (k === 1) return (cell) => diverging(discretize ? (out[cell] >= 0.5 ? 1 : -1) : 2 * out[cell] - 1, 0.6);
  return (cell) => {
    const p = out.subarray(cell * k, cell * k + k);
    if (!discretize) return classColor(p, 0.6);
    const sure = new Float64Array(k);
    sure[argmax(p)] = 1;
    return classColor(sure, 0.5);
  };
}

function argmax(p: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < p.length; i++) if (p[i] > p[best]) best = i;
  return best;
}

export function paintAxes(ctx: CanvasRenderingContext2D, box: PlotBox, names: [string, string]): void {
  ctx.save();
  ctx.strokeStyle = CHART_COLORS.axis;
  ctx.lineWidth = 1;
  ctx.strokeRect(box.left + 0.5, box.top + 0.5, box.width - 1, box.height - 1);
  ctx.fillStyle = CHART_COLORS.muted;
  ctx.font = '11px Inter, system-ui, sans-serif';
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  for (const t of ticks(box.domain.x1[0], box.domain.x1[1])) {
    const [x] = toPixel(box, t, box.domain.x2[0]);
    ctx.fillText(formatTick(t), x, box.top + box.height + 4);
  }
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  for (const t of ticks(box.domain.x2[0], box.domain.x2[1])) {
    const [, y] = toPixel(box, box.domain.x1[0], t);
    ctx.fillText(formatTick(t), box.left - 5, y);
  }
  ctx.textAlign = 'right';
  ctx.textBaseline = 'bottom';
  ctx.fillText(names[0], box.left + box.width, box.top + box.height + 27);
  ctx.restore();
  ctx.save();
  ctx.fillStyle = CHART_COLORS.muted;
  ctx.font = '11px Inter, system-ui, sans-serif';
  ctx.translate(10, box.top);
  ctx.rotate(-Math.PI / 2);
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  ctx.fillText(names[1], 0, 0);
  ctx.restore();
}

const formatTick = (v: number): string => (Math.abs(v) >= 1000 ? v.toExponential(0) : String(Number(v.toPrecision(3))));

/** `rim`: the training points' outline; white reads on class colours, grey on the pale middle of a value scale. */
export interface PointStyle { radius: number; showTest: boolean; rim?: string }

/** Training points filled with a white rim; test points the same with a dark rim, so both read on any background. */
export function paintPoints(
  ctx: CanvasRenderingContext2D, box: PlotBox, p: DatasetPreview, style: PointStyle,
  fill: (y: readonly number[]) => string, at: (x: readonly number[], y: readonly number[]) => [number, number],
): void {
  const draw = (split: DatasetPreview['train'], rim: string, width: number) => {
    split.x.forEach((x, i) => {
      const [px, py] = toPixel(box, ...at(x, split.y[i]));
      ctx.beginPath();
      ctx.arc(px, py, style.radius, 0, 2 * Math.PI);
      ctx.fillStyle = fill(split.y[i]);
      ctx.fill();
      ctx.lineWidth = width;
      ctx.strokeStyle = rim;
      ctx.stroke();
    });
  };
  draw(p.train, style.rim ?? '#ffffff', 1);
  if (style.showTest) draw(p.test, '#1e293b', 1.5);
}

export const classFill = (y: readonly number[]): string => CLASS_COLORS[classOf(y) % CLASS_COLORS.length];
export const valueFill = (scale: { center: number; half: number }) => (y: readonly number[]): string => rgbCss(diverging((y[0] - scale.center) / scale.half));

/** The fitted curve of a 1-D regression, over the points. */
export function paintCurve(ctx: CanvasRenderingContext2D, box: PlotBox, curve: { x: Float64Array; y: Float64Array }): void {
  ctx.save();
  ctx.beginPath();
  ctx.rect(box.left, box.top, box.width, box.height);
  ctx.clip();
  ctx.beginPath();
  curve.x.forEach((x, i) => {
    const [px, py] = toPixel(box, x, curve.y[i]);
    if (i === 0) ctx.moveTo(px, py);
    else ctx.lineTo(px, py);
  });
  ctx.strokeStyle = '#4f46e5';
  ctx.lineWidth = 2.5;
  ctx.stroke();
  ctx.restore();
}
