/**
 * ECharts options for metric curves (loss, accuracy) over training steps. Pure: given the
 * series data, returns the option object, so tests can check it without a canvas.
 */
import type { EChartsCoreOption } from 'echarts/core';
import { METRIC } from '../../../shared/api/dto';
import type { SeriesBuffer } from './runMetrics';
import { formatNumber, formatPercent } from '../lib/format';
import { CHART_COLORS, CHART_FONT } from '../ui/chartTheme';

export interface CurveInput {
  /** Legend label, e.g. "train loss". */
  label: string;
  color: string;
  data: SeriesBuffer | undefined;
}

export interface MetricChartSpec {
  kind: 'loss' | 'accuracy';
  curves: CurveInput[];
  logScale?: boolean;
}

/** [step, value] pairs; a log axis cannot place values <= 0 (or NaN), so those are left out there. */
export function toPoints(data: SeriesBuffer | undefined, logScale: boolean): [number, number][] {
  if (!data) return [];
  const points: [number, number][] = [];
  for (let i = 0; i < data.step.length; i++) {
    const v = data.value[i];
    if (!Number.isFinite(v) || (logScale && v <= 0)) continue;
    points.push([data.step[i], v]);
  }
  return points;
}

export function buildMetricOption({ kind, curves, logScale = false }: MetricChartSpec): EChartsCoreOption {
  const isAccuracy = kind === 'accuracy';
  const useLog = !isAccuracy && logScale;
  const format = isAccuracy ? formatPercent : (v: number) => formatNumber(v);
  return {
    animation: false,
    textStyle: { fontFamily: CHART_FONT, color: CHART_COLORS.text },
    // No y-axis name: the card's title says what is plotted, and a name would collide with the legend.
    grid: { left: 64, right: 20, top: 32, bottom: 52 },
    // on the left, clear of the export menu over the top-right corner (MetricCharts' LiveChart toolsOver)
    legend: { top: 4, left: 56, itemWidth: 18, itemHeight: 3, textStyle: { fontSize: 12 } },
    tooltip: {
      trigger: 'axis',
      valueFormatter: (v: unknown) => (typeof v === 'number' ? format(v) : String(v)),
    },
    xAxis: {
      type: 'value',
      name: 'step',
      nameLocation: 'middle',
      nameGap: 28,
      min: 'dataMin',
      axisLine: { lineStyle: { color: CHART_COLORS.axis } },
      splitLine: { show: false },
      axisLabel: { color: CHART_COLORS.muted, hideOverlap: true },
    },
    yAxis: {
      type: useLog ? 'log' : 'value',
      ...(isAccuracy ? { min: 0, max: 1 } : { scale: !useLog }),
      splitLine: { lineStyle: { color: CHART_COLORS.grid } },
      axisLabel: { color: CHART_COLORS.muted, formatter: (v: number) => format(v) },
    },
    dataZoom: [{ type: 'inside', xAxisIndex: 0, filterMode: 'none' }],
    series: curves.map((c) => ({
      name: c.label,
      type: 'line',
      data: toPoints(c.data, useLog),
      showSymbol: false,
      sampling: 'lttb',
      lineStyle: { width: 2, color: c.color },
      itemStyle: { color: c.color },
      emphasis: { disabled: true },
    })),
  };
}

/** The curves the Playground and the Runs view draw for a kind of chart. */
export function curvesFor(kind: 'loss' | 'accuracy', get: (name: string) => SeriesBuffer | undefined): CurveInput[] {
  const names = kind === 'loss' ? { train: METRIC.trainLoss, test: METRIC.testLoss } : { train: METRIC.trainAcc, test: METRIC.testAcc };
  const test = get(names.test);
  // A run without a test split records no test curve; an empty legend entry would suggest one is coming.
  return [
    { label: `train ${kind}`, color: CHART_COLORS.train, data: get(names.train) },
    ...(test ? [{ label: `test ${kind}`, color: CHART_COLORS.test, data: test }] : []),
  ];
}
