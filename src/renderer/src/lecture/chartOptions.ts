/**
 * One ECharts option builder for the lecture's line plots (activation curves, loss slices,
 * fitted curves, gradient norms): pure, so tests can read what would be drawn.
 */
import type { EChartsCoreOption } from 'echarts/core';
import { CHART_COLORS, CHART_FONT } from '../ui/chartTheme';
import { formatNumber } from '../lib/format';

export interface PlotSeries {
  name: string;
  data: [number, number][];
  color: string;
  kind?: 'line' | 'scatter' | 'steps';
  dashed?: boolean;
  width?: number;
  symbolSize?: number;
  /** Draw a marker on every point (few points that each mean something). */
  symbols?: boolean;
  /** Label each point with its index (gradient-descent steps). */
  numbered?: boolean;
}

export interface PlotSpec {
  series: PlotSeries[];
  xName: string;
  yName: string;
  xRange?: [number, number];
  yRange?: [number | undefined, number | undefined];
  yLog?: boolean;
  legend?: boolean;
}

export function buildPlotOption(p: PlotSpec): EChartsCoreOption {
  const axis = (name: string, range: [number | undefined, number | undefined] | undefined, log = false) => ({
    type: log ? 'log' : 'value',
    name,
    nameLocation: 'middle',
    nameGap: log ? 44 : 30,
    min: range?.[0],
    max: range?.[1],
    scale: true,
    axisLine: { lineStyle: { color: CHART_COLORS.axis } },
    splitLine: { lineStyle: { color: CHART_COLORS.grid } },
    axisLabel: { color: CHART_COLORS.muted, formatter: (v: number) => formatNumber(v, 3) },
  });
  return {
    animation: false,
    textStyle: { fontFamily: CHART_FONT, color: CHART_COLORS.text },
    grid: { left: p.yLog ? 64 : 56, right: 18, top: p.legend === false ? 16 : 36, bottom: 46 },
    // scroll: many layers stay on one line instead of wrapping over the plot
    legend: p.legend === false ? undefined : { type: 'scroll', top: 4, left: 8, right: 8, textStyle: { fontSize: 12 } },
    tooltip: { trigger: 'axis', valueFormatter: (v: number) => formatNumber(v) },
    xAxis: axis(p.xName, p.xRange),
    yAxis: axis(p.yName, p.yRange, p.yLog),
    series: p.series.map((s) => ({
      name: s.name,
      type: s.kind === 'scatter' ? 'scatter' : 'line',
      step: s.kind === 'steps' ? 'end' : undefined,
      data: p.yLog ? s.data.filter(([, y]) => y > 0 && Number.isFinite(y)) : s.data.filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y)),
      showSymbol: s.kind === 'scatter' || s.numbered === true || s.symbols === true,
      symbolSize: s.symbolSize ?? (s.kind === 'scatter' ? 9 : 7),
      color: s.color,
      lineStyle: s.kind === 'scatter' ? undefined : { width: s.width ?? 2, type: s.dashed ? 'dashed' : 'solid', color: s.color },
      label: s.numbered ? { show: true, position: 'top', color: s.color, fontSize: 11, formatter: (d: { dataIndex: number }) => String(d.dataIndex) } : undefined,
      z: s.kind === 'scatter' || s.numbered ? 5 : 2,
    })),
  };
}
