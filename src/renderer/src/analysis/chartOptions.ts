/**
 * Option builders (pure) for the feature-visualization and representation charts: the unit
 * over the plane with the optimized points and dataset examples on it, the objective during
 * optimization, a non-picture input as bars, and a layer's representation at one checkpoint.
 */
import type { EChartsCoreOption } from 'echarts/core';
import type { FeatureVisReport, RepresentationReport } from '../../../shared/api/featureVisDto';
import { CHART_COLORS, CHART_FONT, CLASS_COLORS } from '../ui/chartTheme';
import { formatNumber } from '../lib/format';
import { DIVERGING_STOPS } from '../ui/colorMaps';
import { escapeHtml } from '../lib/escapeHtml';

const base = { animation: false, textStyle: { fontFamily: CHART_FONT, color: CHART_COLORS.text } };
const axisStyle = {
  axisLine: { lineStyle: { color: CHART_COLORS.axis } },
  splitLine: { lineStyle: { color: CHART_COLORS.grid } },
  axisLabel: { color: CHART_COLORS.muted },
  nameTextStyle: { color: CHART_COLORS.muted },
};
/** Axes fixed to the data's extent end at uneven numbers ("5.39329"); only the round ticks are labelled. */
const boundedAxisStyle = { ...axisStyle, axisLabel: { color: CHART_COLORS.muted, showMinLabel: false, showMaxLabel: false } };

export function className(index: number | null, outputNames: readonly string[], classes: number | null): string {
  if (index === null) return 'all rows';
  if (classes === 2 && outputNames.length === 1) return `class ${index}`;
  const name = outputNames[index];
  return name !== undefined && name !== String(index) ? name : `class ${index}`;
}

/** Points grouped by class, one series each, so the legend names the classes. */
function byClass(points: number[][], labels: (number | null)[]): Map<number | null, number[][]> {
  const groups = new Map<number | null, number[][]>();
  points.forEach((p, i) => {
    const label = labels[i];
    if (!groups.has(label)) groups.set(label, []);
    groups.get(label)!.push(p);
  });
  return new Map([...groups.entries()].sort((a, b) => (a[0] ?? -1) - (b[0] ?? -1)));
}

export function planeOption(report: FeatureVisReport): EChartsCoreOption {
  const plane = report.plane;
  if (!plane || report.layout.kind !== 'plane') throw new Error('planeOption: the report has no plane heatmap');
  const n = plane.resolution;
  const cellW = (plane.x.max - plane.x.min) / n;
  const cellH = (plane.y.max - plane.y.min) / n;
  const cells = plane.values.map((v, k) => [plane.x.min + ((k % n) + 0.5) * cellW, plane.y.min + (Math.floor(k / n) + 0.5) * cellH, v]);
  const bound = Math.max(1e-12, ...plane.values.map((v) => Math.abs(v)));
  const [xName, yName] = report.layout.names;
  const starts = report.starts.flatMap((s, si) => s.inputs.map((x, n2) => ({ value: [x[0], x[1], s.values[n2]], best: si === report.best })));
  const examplePoints = (list: FeatureVisReport['examples']['top']) => list.map((e) => [e.x[0], e.x[1], e.activation]);
  const dataSeries = [...byClass(plane.data.x, plane.data.label)].map(([label, points]) => ({
    type: 'scatter', name: className(label, report.outputNames, report.classes), data: points, symbolSize: 5,
    itemStyle: { color: CLASS_COLORS[(label ?? 0) % CLASS_COLORS.length], opacity: 0.55 }, z: 3,
  }));
  return {
    ...base,
    grid: { left: 56, right: 24, top: 40, bottom: 88 },
    legend: { top: 4, textStyle: { color: CHART_COLORS.text } },
    tooltip: {
      trigger: 'item',
      formatter: (p: { seriesName: string; value: number[] }) =>
        `${escapeHtml(p.seriesName)}<br/>${escapeHtml(xName)} ${formatNumber(p.value[0])}, ${escapeHtml(yName)} ${formatNumber(p.value[1])}${p.value.length > 2 ? `<br/>value ${formatNumber(p.value[2])}` : ''}`,
    },
    xAxis: { type: 'value', name: xName, nameLocation: 'middle', nameGap: 26, min: plane.x.min, max: plane.x.max, ...boundedAxisStyle },
    yAxis: { type: 'value', name: yName, nameLocation: 'middle', nameGap: 38, min: plane.y.min, max: plane.y.max, ...boundedAxisStyle },
    visualMap: {
      type: 'continuous', seriesIndex: 0, dimension: 2, min: -bound, max: bound, calculable: false, orient: 'horizontal',
      left: 'center', bottom: 6, itemWidth: 12, itemHeight: 180, text: [formatNumber(bound), formatNumber(-bound)],
      inRange: { color: DIVERGING_STOPS }, textStyle: { color: CHART_COLORS.muted },
    },
    series: [
      {
        type: 'custom', name: 'unit value', silent: true, data: cells, z: 1,
        encode: { x: 0, y: 1 },
        renderItem: (_params: unknown, api: { value: (i: number) => number; coord: (p: number[]) => number[]; visual: (k: string) => string }) => {
          const [x0, y0] = api.coord([api.value(0) - cellW / 2, api.value(1) + cellH / 2]);
          const [x1, y1] = api.coord([api.value(0) + cellW / 2, api.value(1) - cellH / 2]);
          return { type: 'rect', shape: { x: x0, y: y0, width: x1 - x0 + 0.5, height: y1 - y0 + 0.5 }, style: { fill: api.visual('color') } };
        },
      },
      ...dataSeries,
      {
        type: 'scatter', name: 'top examples', data: examplePoints(report.examples.top), symbol: 'diamond', symbolSize: 13, z: 5,
        itemStyle: { color: '#fde047', borderColor: '#1e293b', borderWidth: 1.5 },
      },
      {
        type: 'scatter', name: 'slight examples', data: examplePoints(report.examples.slight), symbol: 'triangle', symbolSize: 11, z: 5,
        itemStyle: { color: '#ffffff', borderColor: '#1e293b', borderWidth: 1.5 },
      },
      {
        type: 'scatter', name: 'optimized', z: 6,
        data: starts.map((s) => ({ value: s.value, symbolSize: s.best ? 22 : 15, itemStyle: { opacity: s.best ? 1 : 0.75 } })),
        symbol: 'path://M12 2l3 7h7l-5.6 4.3 2.1 7.2L12 16.3 5.5 20.5l2.1-7.2L2 9h7z',
        itemStyle: { color: '#4f46e5', borderColor: '#ffffff', borderWidth: 1.5 },
      },
    ],
  };
}

export function trajectoryOption(report: FeatureVisReport): EChartsCoreOption {
  return {
    ...base,
    grid: { left: 60, right: 20, top: 32, bottom: 42 },
    legend: { top: 2, textStyle: { color: CHART_COLORS.text } },
    tooltip: { trigger: 'axis', valueFormatter: (v: number) => formatNumber(v) },
    xAxis: { type: 'value', name: 'step', nameLocation: 'middle', nameGap: 26, min: 0, max: report.settings.steps, ...axisStyle },
    yAxis: { type: 'value', name: 'objective J', nameLocation: 'middle', nameGap: 46, scale: true, ...axisStyle },
    series: report.starts.map((s, i) => ({
      type: 'line', name: `start ${i + 1}${i === report.best ? ' (best)' : ''}`, showSymbol: false,
      data: s.trajectory.map((v, t) => [t, v]), lineStyle: { width: i === report.best ? 2.5 : 1.2 },
    })),
  };
}

/** A non-picture input (features of a table): one bar per input feature for each optimized input. */
export function vectorOption(names: readonly string[], inputs: readonly { label: string; values: number[] }[]): EChartsCoreOption {
  return {
    ...base,
    grid: { left: 60, right: 20, top: 32, bottom: 60 },
    legend: { top: 2, textStyle: { color: CHART_COLORS.text } },
    tooltip: { trigger: 'axis', valueFormatter: (v: number) => formatNumber(v) },
    xAxis: { type: 'category', data: [...names], axisLabel: { color: CHART_COLORS.muted, rotate: names.length > 8 ? 40 : 0 } },
    yAxis: { type: 'value', name: 'input value', nameLocation: 'middle', nameGap: 42, ...axisStyle },
    series: inputs.map((input) => ({ type: 'bar', name: input.label, data: input.values })),
  };
}

export function representationAxisNames(report: RepresentationReport, frame: number): [string, string] {
  if (report.kind === 'raw') return report.dims === 1 ? ['unit 1', ''] : ['unit 1', 'unit 2'];
  // a UMAP's axes have no meaning of their own: only who is near whom does
  if (report.kind === 'umap') return ['UMAP 1', 'UMAP 2'];
  const f = report.frames[frame];
  const axis = (a: number) => {
    const share = f.explained ? ` (${(f.explained[a] * 100).toFixed(0)}% of variance)` : '';
    return `PC${a + 1}${share}`;
  };
  return [axis(0), axis(1)];
}

export function representationOption(report: RepresentationReport, frame: number): EChartsCoreOption {
  const f = report.frames[frame];
  const points = report.rows.map((_, i) => (report.dims === 1 ? [f.coordinates[i], 0] : [f.coordinates[2 * i], f.coordinates[2 * i + 1]]));
  const [xName, yName] = representationAxisNames(report, frame);
  const pad = (range: [number, number]) => {
    const margin = (range[1] - range[0]) * 0.05 || 0.5;
    return { min: Number((range[0] - margin).toPrecision(3)), max: Number((range[1] + margin).toPrecision(3)) };
  };
  return {
    ...base,
    grid: { left: 64, right: 24, top: 40, bottom: 50 },
    legend: { top: 4, type: 'scroll', textStyle: { color: CHART_COLORS.text } },
    tooltip: { trigger: 'item', formatter: (p: { seriesName: string; value: number[] }) => `${escapeHtml(p.seriesName)}<br/>(${formatNumber(p.value[0])}, ${formatNumber(p.value[1])})` },
    xAxis: { type: 'value', name: xName, nameLocation: 'middle', nameGap: 28, ...pad(report.bounds.x), ...boundedAxisStyle },
    yAxis: { type: 'value', name: yName, nameLocation: 'middle', nameGap: 44, ...(report.dims === 1 ? { min: -1, max: 1 } : pad(report.bounds.y)), ...boundedAxisStyle },
    series: [...byClass(points, report.labels)].map(([label, data]) => ({
      type: 'scatter', name: className(label, report.outputNames, report.classes), data, symbolSize: 6,
      itemStyle: { color: CLASS_COLORS[(label ?? 0) % CLASS_COLORS.length], opacity: 0.75 },
      large: data.length > 2000,
    })),
  };
}
