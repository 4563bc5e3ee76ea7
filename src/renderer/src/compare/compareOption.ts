/**
 * The compare chart's ECharts option, from the curves buildCompareChart made (smoothed, on the
 * chosen x axis, grouped): one line per run or group, and for groups a shaded band between
 * lower and upper (a transparent base line with the band's height stacked on it).
 */
import type { EChartsCoreOption } from 'echarts/core';
import type { CompareChart } from '../../../shared/tracking/compare';
import type { XAxis } from '../../../shared/tracking/curves';
import { formatNumber, formatPercent } from '../lib/format';
import { CHART_COLORS, CHART_FONT, CLASS_COLORS } from '../ui/chartTheme';
import { escapeHtml } from '../lib/escapeHtml';

export interface CompareChartView {
  metric: string;
  xAxis: XAxis;
  logX: boolean;
  logY: boolean;
}

export const X_AXIS_LABELS: Record<XAxis, string> = {
  step: 'step',
  epoch: 'epoch',
  wall: 'wall-clock time',
  relative: 'seconds since the run started',
};

export const runColor = (index: number): string => CLASS_COLORS[index % CLASS_COLORS.length];

const zip = (x: readonly number[], y: readonly number[]): [number, number][] => x.map((v, k) => [v, y[k]]);

const BAND_PREFIX = 'band:';
/** Pixels of the legend column. */
const LEGEND_WIDTH = 190;

export function compareChartOption(chart: CompareChart, view: CompareChartView): EChartsCoreOption {
  const accuracy = /acc/i.test(view.metric);
  const format = (v: number) => (accuracy ? formatPercent(v) : formatNumber(v));
  const series = chart.curves.flatMap((c, i) => {
    const color = runColor(i);
    const line = {
      id: `curve:${i}`,
      name: c.label,
      type: 'line',
      data: zip(c.x, c.y),
      showSymbol: false,
      sampling: 'lttb',
      lineStyle: { width: 2, color },
      itemStyle: { color },
      emphasis: { disabled: true },
      z: 3,
    };
    if (!c.lower || !c.upper) return [line];
    const upper = c.upper;
    const lower = c.lower;
    const band = {
      name: c.label,
      type: 'line',
      stack: `${BAND_PREFIX}${i}`,
      showSymbol: false,
      silent: true,
      lineStyle: { opacity: 0 },
      emphasis: { disabled: true },
      z: 1,
    };
    return [
      { ...band, id: `${BAND_PREFIX}${i}:lower`, data: zip(c.x, lower), itemStyle: { color } },
      { ...band, id: `${BAND_PREFIX}${i}:height`, data: c.x.map((x, k) => [x, upper[k] - lower[k]]), areaStyle: { color, opacity: 0.16 }, itemStyle: { color } },
      line,
    ];
  });
  const xType = view.logX ? 'log' : view.xAxis === 'wall' ? 'time' : 'value';
  return {
    animation: false,
    textStyle: { fontFamily: CHART_FONT, color: CHART_COLORS.text },
    color: chart.curves.map((_, i) => runColor(i)),
    // the legend is a column on the right: every run on its own line, long (sweep) names cut
    // with an ellipsis and shown whole on hover, instead of a row that pages ("1/8") and clips
    grid: { left: 68, right: LEGEND_WIDTH + 24, top: 16, bottom: 56 },
    legend: {
      type: 'scroll', orient: 'vertical', right: 8, top: 8, bottom: 8, itemWidth: 18, itemHeight: 3, itemGap: 8,
      textStyle: { fontSize: 12, width: LEGEND_WIDTH - 30, overflow: 'truncate' },
      tooltip: { show: true },
    },
    tooltip: {
      trigger: 'axis',
      formatter: (params: unknown) => {
        const items = (params as { seriesId: string; seriesName: string; value: [number, number]; color: string }[])
          .filter((p) => !p.seriesId.startsWith(BAND_PREFIX));
        if (items.length === 0) return '';
        const x = items[0].value[0];
        const head = view.xAxis === 'wall' ? new Date(x).toLocaleString() : `${X_AXIS_LABELS[view.xAxis]} ${formatNumber(x)}`;
        const rows = items.map((p) => `<span style="color:${p.color}">●</span> ${escapeHtml(p.seriesName)}: <b>${format(p.value[1])}</b>`);
        return [escapeHtml(head), ...rows].join('<br>');
      },
    },
    xAxis: {
      type: xType,
      name: X_AXIS_LABELS[view.xAxis],
      nameLocation: 'middle',
      nameGap: 30,
      ...(xType === 'value' ? { min: 'dataMin', max: 'dataMax' } : {}),
      axisLine: { lineStyle: { color: CHART_COLORS.axis } },
      splitLine: { show: false },
      axisLabel: { color: CHART_COLORS.muted, hideOverlap: true, ...(xType === 'time' ? {} : { formatter: (v: number) => formatNumber(v) }) },
    },
    yAxis: {
      type: view.logY ? 'log' : 'value',
      ...(chart.yRange ? { min: chart.yRange.min, max: chart.yRange.max } : { scale: !view.logY }),
      splitLine: { lineStyle: { color: CHART_COLORS.grid } },
      axisLabel: { color: CHART_COLORS.muted, formatter: (v: number) => format(v) },
    },
    dataZoom: [{ type: 'inside', xAxisIndex: 0, filterMode: 'none' }],
    series,
  };
}
