/**
 * Charts of many runs' settings against their results: parallel coordinates (one line per run
 * through every varying hyperparameter and final metric) and a scatter of one metric against
 * one parameter. Text-valued settings get category axes; numbers spanning more than two
 * decades (learning rates) a log axis.
 */
import type { EChartsCoreOption } from 'echarts/core';
import type { Hyperparams } from '../../../shared/api/trackingDto';
import { formatNumber } from '../lib/format';
import { escapeHtml } from '../lib/escapeHtml';
import { runColor } from './compareOption';
import { CHART_COLORS, CHART_FONT } from '../ui/chartTheme';

export interface RunPoint { id: number; name: string; values: Record<string, string | number | boolean | null | undefined> }

type AxisKind = { type: 'category'; data: string[] } | { type: 'value' | 'log' };

/** The axis a column of values needs: categories for text, log for positive numbers over two decades, else linear. */
export function axisFor(values: readonly (string | number | boolean | null | undefined)[]): AxisKind {
  const present = values.filter((v) => v !== null && v !== undefined);
  if (present.some((v) => typeof v !== 'number')) {
    return { type: 'category', data: [...new Set(present.map(String))].sort((a, b) => a.localeCompare(b, undefined, { numeric: true })) };
  }
  const numbers = present as number[];
  const positive = numbers.length > 0 && numbers.every((v) => v > 0);
  return positive && Math.max(...numbers) / Math.min(...numbers) >= 100 ? { type: 'log' } : { type: 'value' };
}

const cell = (v: string | number | boolean | null | undefined, axis: AxisKind): string | number | null => {
  if (v === null || v === undefined) return null;
  return axis.type === 'category' ? String(v) : (v as number);
};

export function parallelOption(runs: readonly RunPoint[], dimensions: readonly string[]): EChartsCoreOption {
  const axes = dimensions.map((d) => axisFor(runs.map((r) => r.values[d])));
  return {
    animation: false,
    textStyle: { fontFamily: CHART_FONT, color: CHART_COLORS.text },
    legend: { type: 'scroll', top: 4, left: 12, right: 12, textStyle: { fontSize: 12 } },
    tooltip: { trigger: 'item', formatter: (p: { seriesIndex: number }) => escapeHtml(`#${runs[p.seriesIndex]?.id} ${runs[p.seriesIndex]?.name}`) },
    parallel: { left: 60, right: 90, top: 64, bottom: 36, parallelAxisDefault: { nameLocation: 'start', nameGap: 18, nameTextStyle: { fontSize: 12 } } },
    parallelAxis: dimensions.map((d, dim) => ({
      dim,
      name: d,
      ...axes[dim],
      nameTextStyle: { color: CHART_COLORS.text, fontSize: 12 },
      axisLabel: { color: CHART_COLORS.muted, ...(axes[dim].type === 'category' ? {} : { formatter: (v: number) => formatNumber(v) }) },
      axisLine: { lineStyle: { color: CHART_COLORS.axis } },
    })),
    // Legend entries by id only: sweep run names are long, and the hyperparameter table says which is which.
    series: runs.map((r, i) => ({
      name: `#${r.id}`,
      type: 'parallel',
      data: [dimensions.map((d, dim) => cell(r.values[d], axes[dim]))],
      lineStyle: { width: 2, opacity: 0.85, color: runColor(i) },
      itemStyle: { color: runColor(i) },
      emphasis: { lineStyle: { width: 4 } },
    })),
  };
}

export function scatterOption(runs: readonly RunPoint[], xKey: string, yKey: string): EChartsCoreOption {
  const xAxis = axisFor(runs.map((r) => r.values[xKey]));
  const yAxis = axisFor(runs.map((r) => r.values[yKey]));
  return {
    animation: false,
    textStyle: { fontFamily: CHART_FONT, color: CHART_COLORS.text },
    grid: { left: 72, right: 28, top: 24, bottom: 56 },
    tooltip: {
      trigger: 'item',
      formatter: (p: { seriesName: string; value: [unknown, unknown] }) =>
        `${escapeHtml(p.seriesName)}<br>${escapeHtml(xKey)}: <b>${escapeHtml(String(p.value[0]))}</b><br>${escapeHtml(yKey)}: <b>${formatNumber(Number(p.value[1]))}</b>`,
    },
    xAxis: {
      ...xAxis,
      name: xKey,
      nameLocation: 'middle',
      nameGap: 32,
      scale: true,
      axisLine: { lineStyle: { color: CHART_COLORS.axis } },
      axisLabel: { color: CHART_COLORS.muted, hideOverlap: true, ...(xAxis.type === 'category' ? {} : { formatter: (v: number) => formatNumber(v) }) },
      splitLine: { show: false },
    },
    yAxis: {
      ...yAxis,
      name: yKey,
      nameLocation: 'middle',
      nameGap: 52,
      scale: true,
      splitLine: { lineStyle: { color: CHART_COLORS.grid } },
      axisLabel: { color: CHART_COLORS.muted, ...(yAxis.type === 'category' ? {} : { formatter: (v: number) => formatNumber(v) }) },
    },
    series: runs.map((r, i) => ({
      name: `#${r.id} ${r.name}`,
      type: 'scatter',
      symbolSize: 12,
      data: r.values[xKey] === undefined || r.values[yKey] === undefined || r.values[yKey] === null ? [] : [[cell(r.values[xKey], xAxis), cell(r.values[yKey], yAxis)]],
      itemStyle: { color: runColor(i), opacity: 0.85 },
    })),
  };
}

/** Hyperparameters whose value differs between the runs: the axes worth drawing. */
export function differingKeys(runs: readonly { hyperparams: Hyperparams }[]): string[] {
  if (runs.length === 0) return [];
  const keys = [...new Set(runs.flatMap((r) => Object.keys(r.hyperparams)))].sort();
  return keys.filter((k) => runs.some((r) => r.hyperparams[k] !== runs[0].hyperparams[k]) && k !== 'name');
}
