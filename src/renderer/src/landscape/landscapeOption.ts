/**
 * ECharts options for stored loss landscapes, built by pure functions (tests call them):
 *   contour  the grid's cells faded, isolines (marching squares) and the optimizer's path
 *   heatmap  the grid's cells at full colour, with the path
 *   line     a 1-D curve (one direction, or an interpolation)
 *   surface  an echarts-gl 3-D surface with the path lifted onto it
 * Colours and heights come from a DisplayScale shared by the landscapes shown side by side.
 * Series carry ids ('cells', 'contours', 'path', 'marks', 'curve') that tests and e2e read.
 */
import type { LandscapeData } from '../../../shared/api/landscapeDto';
import { formatNumber, formatPercent } from '../lib/format';
import { contourLevels, isolines } from './marchingSquares';
import {
  displayValue, metricValues, rawValue, type AxisExtents, type DisplayOptions, type DisplayScale,
} from './landscapeScale';
import { CHART_COLORS, CHART_FONT } from '../ui/chartTheme';
import { escapeHtml } from '../lib/escapeHtml';

/** Viridis: perceptually even, readable in grey, low (a basin) dark. */
export const LANDSCAPE_PALETTE = ['#440154', '#482878', '#3e4989', '#31688e', '#26828e', '#1f9e89', '#35b779', '#6ece58', '#b5de2b', '#fde725'];

export const CONTOUR_LEVELS = 12;

export interface ChartLabels {
  /** "Run 3 · spiral-2" */
  title: string;
}

const metricLabel = (options: DisplayOptions, split: string): string => `${split} ${options.metric}`;

const MODE_TITLES: Record<LandscapeData['settings']['mode'], string> = {
  surface: 'random directions',
  pathPlane: 'plane of the optimizer’s path',
  line: 'one random direction',
  interpolation: 'linear interpolation',
};

/** The subtitle: how the slice was made, and for a path plane the variance its directions explain. */
export function landscapeSubtitle(landscape: LandscapeData): string {
  const s = landscape.settings;
  const parts = [MODE_TITLES[s.mode]];
  if (s.mode === 'surface' || s.mode === 'line') parts.push(`${s.normalization} normalization`, `seed ${s.seed}`);
  if (s.mode === 'interpolation') parts.push(s.endpoints === 'runToRun' ? `to ${landscape.otherRunName ?? 'the other run'}` : 'initial → final');
  if (landscape.explainedVarianceRatio) {
    const [a, b] = landscape.explainedVarianceRatio;
    parts.push(`explained variance ${formatPercent(a)} + ${formatPercent(b)}`);
  }
  // PCA of a straight path has one axis; the second is any direction orthogonal to it
  if (landscape.pathIsLine) parts.push('the path is a straight line: the second axis is not the path’s');
  parts.push(`step ${landscape.checkpointStep}`);
  return parts.join(' · ');
}

function titleOf(labels: ChartLabels, landscape: LandscapeData, display: DisplayOptions) {
  return {
    text: `${labels.title} · ${metricLabel(display, landscape.settings.split)}${display.log && display.metric === 'loss' ? ' (log scale)' : ''}`,
    subtext: landscapeSubtitle(landscape),
    left: 8,
    top: 4,
    textStyle: { fontFamily: CHART_FONT, fontSize: 14, fontWeight: 600, color: CHART_COLORS.text },
    subtextStyle: { fontFamily: CHART_FONT, fontSize: 11.5, color: CHART_COLORS.muted, width: 520, overflow: 'break' },
  };
}

function visualMapOf(scale: DisplayScale, options: DisplayOptions, split: string, dimension: number) {
  return {
    type: 'continuous',
    min: scale.min,
    max: scale.max,
    dimension,
    seriesIndex: 0,
    calculable: false,
    orient: 'vertical',
    right: 6,
    top: 'middle',
    itemHeight: 220,
    precision: 6,
    // the ends' values (with `text` ECharts shows these instead of the raw display-space numbers)
    text: [formatNumber(rawValue(scale.max, scale), 3), formatNumber(rawValue(scale.min, scale), 3)],
    textStyle: { fontFamily: CHART_FONT, fontSize: 11, color: CHART_COLORS.muted },
    formatter: (value: number) => formatNumber(rawValue(value, scale), 3),
    inRange: { color: LANDSCAPE_PALETTE },
  };
}

/** `color` ('#rrggbb' or 'rgb(a)(r, g, b[, a])') moved `amount` of the way to white. */
export function fadeColor(color: string, amount: number): string {
  let rgb: number[] | null = null;
  const hex = /^#([0-9a-f]{6})$/i.exec(color);
  if (hex) rgb = [0, 2, 4].map((k) => parseInt(hex[1].slice(k, k + 2), 16));
  const fn = /^rgba?\(([^)]+)\)$/i.exec(color);
  if (fn) rgb = fn[1].split(',').slice(0, 3).map((v) => Number(v.trim()));
  if (!rgb || rgb.some((v) => !Number.isFinite(v))) return color;
  const [r, g, b] = rgb.map((v) => Math.round(v + (255 - v) * amount));
  return `rgb(${r},${g},${b})`;
}

const valueAxis = (name: string, extent: [number, number]) => ({
  type: 'value',
  name,
  nameLocation: 'middle',
  nameGap: 26,
  min: extent[0],
  max: extent[1],
  axisLine: { lineStyle: { color: CHART_COLORS.axis } },
  // the extent is half a cell beyond the grid, an unround number that would crowd the round labels next to it
  axisLabel: { color: CHART_COLORS.muted, fontFamily: CHART_FONT, formatter: (v: number) => formatNumber(v, 3), showMinLabel: false, showMaxLabel: false },
  nameTextStyle: { color: CHART_COLORS.text, fontFamily: CHART_FONT },
  splitLine: { show: false },
});

export interface GridChartOptions {
  kind: 'contour' | 'heatmap';
  display: DisplayOptions;
  scale: DisplayScale;
  axes: AxisExtents;
  labels: ChartLabels;
}

/** Contour or heatmap of a 2-D landscape, with the path (path plane) or the trained point (random directions). */
export function gridOption(landscape: LandscapeData, options: GridChartOptions) {
  const { alphas, betas } = landscape;
  if (!betas) throw new Error('gridOption: a 1-D landscape has no grid; use lineOption');
  const values = metricValues(landscape, options.display.metric) ?? [];
  const shown = values.map((v) => displayValue(v, options.display));
  const halfA = (alphas[1] - alphas[0]) / 2;
  const halfB = (betas[1] - betas[0]) / 2;
  const cells = alphas.flatMap((a, i) => betas.map((b, j) => {
    const k = i * betas.length + j;
    return [a, b, shown[k] ?? '-', values[k]];
  }));
  const split = landscape.settings.split;
  const series: Record<string, unknown>[] = [{
    id: 'cells',
    type: 'custom',
    coordinateSystem: 'cartesian2d',
    data: cells,
    encode: { x: 0, y: 1, tooltip: [3] },
    clip: true,
    progressive: 0,
    silent: options.kind === 'contour',
    renderItem: (_params: unknown, api: {
      value: (i: number) => number; coord: (p: number[]) => number[]; visual: (k: string) => string;
    }) => {
      const a = api.value(0);
      const b = api.value(1);
      const topLeft = api.coord([a - halfA, b + halfB]);
      const bottomRight = api.coord([a + halfA, b - halfB]);
      const empty = Number.isNaN(api.value(2));
      return {
        type: 'rect',
        // half a pixel of overlap hides the seams between cells
        shape: { x: topLeft[0], y: topLeft[1], width: bottomRight[0] - topLeft[0] + 0.5, height: bottomRight[1] - topLeft[1] + 0.5 },
        // contour: faded towards white so the isolines and the path stand out (a blend, not opacity, which would darken the seams)
        style: { fill: empty ? '#e5e7eb' : options.kind === 'contour' ? fadeColor(api.visual('color'), 0.4) : api.visual('color') },
      };
    },
  }];

  if (options.kind === 'contour') {
    const scale = options.scale;
    const levels = contourLevels(scale.min, scale.max, CONTOUR_LEVELS);
    const gridValues = shown.map((v) => (v === null ? NaN : v));
    series.push({
      id: 'contours',
      type: 'lines',
      coordinateSystem: 'cartesian2d',
      polyline: false,
      silent: true,
      lineStyle: { color: '#1e293b', width: 1, opacity: 0.55 },
      data: levels.flatMap((level) => isolines(gridValues, alphas, betas, level).map(([x1, y1, x2, y2]) => ({
        coords: [[x1, y1], [x2, y2]], value: rawValue(level, scale),
      }))),
    });
  }

  const { path } = landscape;
  if (path) {
    series.push({
      id: 'path',
      type: 'line',
      data: path.alpha.map((a, k) => [a, path.beta[k], path.step[k], path.epoch[k], path.loss[k]]),
      encode: { x: 0, y: 1 },
      symbol: 'circle',
      symbolSize: 6,
      showSymbol: true,
      lineStyle: { color: '#ffffff', width: 2.5, shadowColor: 'rgba(0,0,0,0.6)', shadowBlur: 3 },
      itemStyle: { color: '#ffffff', borderColor: '#0f172a', borderWidth: 1.2 },
      emphasis: { scale: 1.6 },
      z: 5,
    });
  }
  const marks = path
    ? [{ value: [path.alpha[0], path.beta[0]], name: 'start' }, { value: [0, 0], name: 'final' }]
    : [{ value: [0, 0], name: 'trained' }];
  series.push({
    id: 'marks',
    type: 'scatter',
    data: marks,
    symbol: 'diamond',
    symbolSize: 13,
    itemStyle: { color: '#f97316', borderColor: '#ffffff', borderWidth: 1.5 },
    label: {
      show: true, position: 'right', formatter: '{b}', color: '#0f172a', fontFamily: CHART_FONT, fontWeight: 600,
      backgroundColor: 'rgba(255,255,255,0.8)', padding: [1, 4], borderRadius: 3,
    },
    z: 6,
  });

  return {
    animation: false,
    textStyle: { fontFamily: CHART_FONT },
    title: titleOf(options.labels, landscape, options.display),
    grid: { left: 56, right: 96, top: 70, bottom: 46 },
    xAxis: valueAxis(landscape.settings.mode === 'pathPlane' ? 'α (1st PCA direction)' : 'α (direction 1)', options.axes.alpha),
    yAxis: { ...valueAxis(landscape.settings.mode === 'pathPlane' ? 'β (2nd PCA direction)' : 'β (direction 2)', options.axes.beta ?? options.axes.alpha), nameGap: 40 },
    visualMap: visualMapOf(options.scale, options.display, split, 2),
    tooltip: { trigger: 'item', confine: true, formatter: (p: TooltipParams) => gridTooltip(p, options.display.metric, split) },
    series,
  };
}

interface TooltipParams { seriesId?: string; value?: unknown; name?: string }

function gridTooltip(p: TooltipParams, metric: string, split: string): string {
  const v = p.value as number[] | undefined;
  if (!v) return '';
  if (p.seriesId === 'path') {
    return `checkpoint at step ${v[2]} (epoch ${v[3]})<br>α ${formatNumber(v[0], 3)}, β ${formatNumber(v[1], 3)}<br>${split} loss ${formatNumber(v[4])}`;
  }
  if (p.seriesId === 'marks') return `${escapeHtml(p.name ?? '')}: α ${formatNumber(v[0], 3)}, β ${formatNumber(v[1], 3)}`;
  return `α ${formatNumber(v[0], 3)}, β ${formatNumber(v[1], 3)}<br>${escapeHtml(split)} ${escapeHtml(metric)} ${formatNumber(v[3])}`;
}

export interface LineChartOptions {
  display: DisplayOptions;
  scale: DisplayScale;
  axes: AxisExtents;
  labels: ChartLabels;
}

/** A 1-D landscape: the metric along α, with the trained point (or both ends of an interpolation) marked. */
export function lineOption(landscape: LandscapeData, options: LineChartOptions) {
  const values = metricValues(landscape, options.display.metric) ?? [];
  const { display, scale } = options;
  const log = scale.log;
  const clipped = values.map((v) => {
    const shown = displayValue(v, display);
    return shown === null ? null : rawValue(shown, scale);
  });
  const split = landscape.settings.split;
  const interpolation = landscape.settings.mode === 'interpolation';
  const ends = interpolation
    ? [{ xAxis: 0, name: landscape.settings.endpoints === 'runToRun' ? 'this run' : 'initial' }, { xAxis: 1, name: landscape.settings.endpoints === 'runToRun' ? (landscape.otherRunName ?? 'other run') : 'final' }]
    : [{ xAxis: 0, name: 'trained' }];
  return {
    animation: false,
    textStyle: { fontFamily: CHART_FONT },
    title: titleOf(options.labels, landscape, options.display),
    grid: { left: 64, right: 28, top: 70, bottom: 46 },
    xAxis: valueAxis(interpolation ? 'α (0 and 1 are the two parameter vectors)' : 'α (along the direction)', options.axes.alpha),
    yAxis: {
      type: log ? 'log' : 'value',
      name: metricLabel(display, split),
      nameLocation: 'middle',
      nameGap: 48,
      min: rawValue(scale.min, scale),
      max: rawValue(scale.max, scale),
      axisLine: { lineStyle: { color: CHART_COLORS.axis } },
      axisLabel: { color: CHART_COLORS.muted, formatter: (v: number) => formatNumber(v, 3) },
      nameTextStyle: { color: CHART_COLORS.text },
      splitLine: { lineStyle: { color: CHART_COLORS.grid } },
    },
    tooltip: {
      trigger: 'axis', confine: true,
      formatter: (ps: { value: [number, number | null] }[]) => {
        const [a, v] = ps[0]?.value ?? [NaN, null];
        return `α ${formatNumber(a, 3)}<br>${split} ${display.metric} ${formatNumber(v)}`;
      },
    },
    series: [{
      id: 'curve',
      type: 'line',
      data: landscape.alphas.map((a, i) => [a, clipped[i]]),
      showSymbol: false,
      connectNulls: false,
      lineStyle: { color: CHART_COLORS.train, width: 2 },
      itemStyle: { color: CHART_COLORS.train },
      markLine: {
        silent: true, symbol: 'none',
        lineStyle: { color: '#f97316', type: 'dashed' },
        label: { formatter: '{b}', color: '#9a3412', fontFamily: CHART_FONT },
        data: ends,
      },
    }],
  };
}

export interface SurfaceChartOptions {
  display: DisplayOptions;
  scale: DisplayScale;
  axes: AxisExtents;
  labels: ChartLabels;
}

/**
 * The 3-D surface (echarts-gl): rows of constant β with α varying fastest, as the surface
 * series expects (dataShape [β count, α count]). Cells that cannot be drawn (non-finite, or
 * not positive on a log scale) sit at the top of the scale, as clipped values do.
 */
export function surfaceOption(landscape: LandscapeData, options: SurfaceChartOptions) {
  const { alphas, betas } = landscape;
  if (!betas) throw new Error('surfaceOption: a 1-D landscape has no surface');
  const { display, scale } = options;
  const values = metricValues(landscape, display.metric) ?? [];
  const height = (v: number | null): number => displayValue(v, display) ?? scale.max;
  const data: number[][] = [];
  betas.forEach((b, j) => alphas.forEach((a, i) => data.push([a, b, height(values[i * betas.length + j])])));
  const split = landscape.settings.split;
  const series: Record<string, unknown>[] = [{
    id: 'surface',
    type: 'surface',
    data,
    dataShape: [betas.length, alphas.length],
    shading: 'color',
    wireframe: { show: true, lineStyle: { color: 'rgba(15,23,42,0.18)', width: 0.6 } },
  }];
  const { path } = landscape;
  if (path && display.metric === 'loss') {
    // lifted a little above the surface so the path is not buried in it
    const lift = (scale.max - scale.min) * 0.01;
    const points = path.alpha.map((a, k) => [a, path.beta[k], height(path.loss[k]) + lift]);
    series.push({ id: 'path', type: 'line3D', data: points, lineStyle: { color: '#ffffff', width: 4 } });
    series.push({ id: 'marks', type: 'scatter3D', data: points, symbolSize: 5, itemStyle: { color: '#f97316' } });
  }
  const zName = `${metricLabel(display, split)}${scale.log ? ' (log10)' : ''}`;
  const axis3d = (name: string, extent: [number, number]) => ({
    type: 'value', name, min: extent[0], max: extent[1],
    nameTextStyle: { color: CHART_COLORS.text, fontFamily: CHART_FONT },
    axisLabel: { color: CHART_COLORS.muted, fontSize: 11, formatter: (v: number) => formatNumber(v, 3) },
  });
  return {
    title: titleOf(options.labels, landscape, options.display),
    tooltip: {},
    visualMap: { ...visualMapOf(scale, display, split, 2), seriesIndex: 0 },
    xAxis3D: axis3d('α', options.axes.alpha),
    yAxis3D: axis3d('β', options.axes.beta ?? options.axes.alpha),
    zAxis3D: { ...axis3d(zName, [scale.min, scale.max]), axisLabel: { color: CHART_COLORS.muted, fontSize: 11, formatter: (v: number) => formatNumber(rawValue(v, scale), 3) } },
    grid3D: {
      top: 30,
      boxWidth: 100, boxDepth: 100, boxHeight: 55,
      viewControl: { projection: 'perspective', alpha: 28, beta: 35, distance: 190 },
      axisPointer: { show: false },
      light: { main: { intensity: 1.1 }, ambient: { intensity: 0.4 } },
    },
    series,
  };
}
