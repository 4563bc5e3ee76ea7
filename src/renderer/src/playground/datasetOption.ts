/**
 * ECharts options for a dataset preview: 2-D classification as points colored by class
 * (test points hollow), 1-D regression as y against x. Other shapes have no plot here.
 */
import type { EChartsCoreOption } from 'echarts/core';
import type { DatasetPreview } from '../../../shared/api/dto';
import { CHART_COLORS, CHART_FONT, CLASS_COLORS } from '../ui/chartTheme';

/** The class of a target row: a single 0/1 column thresholds at 0.5, one-hot rows take the argmax. */
export function classOf(y: readonly number[]): number {
  if (y.length === 1) return y[0] >= 0.5 ? 1 : 0;
  let best = 0;
  for (let i = 1; i < y.length; i++) if (y[i] > y[best]) best = i;
  return best;
}

export function canPreview(p: Pick<DatasetPreview, 'task' | 'inputNames' | 'outputNames'>): boolean {
  if (p.task === 'classification') return p.inputNames.length === 2;
  return p.inputNames.length === 1 && p.outputNames.length === 1;
}

const axis = (name: string) => ({
  type: 'value',
  name,
  nameLocation: 'middle',
  nameGap: 26,
  scale: true,
  // Points on the data's edge (the gates' corners) would be cut in half by the plot's border.
  boundaryGap: ['6%', '6%'],
  axisLine: { lineStyle: { color: CHART_COLORS.axis } },
  splitLine: { lineStyle: { color: CHART_COLORS.grid } },
  axisLabel: { color: CHART_COLORS.muted },
});

export function buildDatasetOption(p: DatasetPreview): EChartsCoreOption | null {
  if (!canPreview(p)) return null;
  // Four gate corners should be seen from across the room; a thousand points should not merge into a blot.
  const n = p.train.x.length + p.test.x.length;
  const symbolSize = n <= 16 ? 16 : n <= 200 ? 9 : 6;
  const base = {
    animation: false,
    textStyle: { fontFamily: CHART_FONT, color: CHART_COLORS.text },
    grid: { left: 48, right: 16, top: 32, bottom: 44 },
    legend: { top: 2, right: 8, textStyle: { fontSize: 12 } },
    xAxis: axis(p.inputNames[0]),
    yAxis: axis(p.task === 'classification' ? p.inputNames[1] : p.outputNames[0]),
  };
  if (p.task === 'regression') {
    const pairs = (split: DatasetPreview['train']) => split.x.map((x, i) => [x[0], split.y[i][0]]);
    return {
      ...base,
      series: [
        { name: 'train', type: 'scatter', symbolSize, data: pairs(p.train), itemStyle: { color: CHART_COLORS.train } },
        ...(p.test.x.length ? [{ name: 'test', type: 'scatter', symbolSize, data: pairs(p.test), itemStyle: { color: CHART_COLORS.test } }] : []),
      ],
    };
  }
  const classes = Math.max(2, p.classes ?? 2);
  const names = p.outputNames.length === classes ? p.outputNames : Array.from({ length: classes }, (_, k) => `class ${k}`);
  const series = [];
  for (let k = 0; k < classes; k++) {
    const color = CLASS_COLORS[k % CLASS_COLORS.length];
    const pick = (split: DatasetPreview['train']) => split.x.filter((_, i) => classOf(split.y[i]) === k).map((x) => [x[0], x[1]]);
    // Same name for train and test of a class: one legend entry per class toggles both.
    series.push({ name: names[k], type: 'scatter', symbolSize, data: pick(p.train), itemStyle: { color, opacity: 0.85 } });
    const test = pick(p.test);
    if (test.length) {
      series.push({ name: names[k], type: 'scatter', symbolSize, data: test, itemStyle: { color: 'transparent', borderColor: color, borderWidth: 1.5 } });
    }
  }
  return { ...base, series };
}

/**
 * "1,600 train · 400 test", and "(1,500 shown)" when the preview draws fewer rows than the set
 * trains on: the sizes are the whole set's, so they agree with what Train uses.
 */
export function previewCounts(preview: DatasetPreview): string {
  const shown = preview.train.x.length + preview.test.x.length;
  const total = preview.totals.train + preview.totals.test;
  const n = (v: number) => v.toLocaleString('en-US');
  return `${n(preview.totals.train)} train · ${n(preview.totals.test)} test${shown < total ? ` (${n(shown)} shown)` : ''}`;
}
