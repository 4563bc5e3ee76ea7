/**
 * The confusion matrix as an ECharts heatmap: true class down, the network's class across, each
 * cell coloured by its share of the true class's rows (so a rare class's mistakes show as well
 * as a common one's) and labelled with its count. Cells are `[predicted, true, count]` with the
 * class names as categories, so "Data shown" exports `x = predicted, y = true, value = count`.
 */
import { use } from 'echarts/core';
import { HeatmapChart } from 'echarts/charts';
import { GridComponent, TooltipComponent, VisualMapContinuousComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { EChartsCoreOption } from 'echarts/core';
import type { ConfusionReport } from '../../../shared/model/confusion';

use([HeatmapChart, GridComponent, TooltipComponent, VisualMapContinuousComponent, CanvasRenderer]);

/** Each cell's share of its row (the true class), 0 for a class with no rows. */
export function rowShares(counts: readonly (readonly number[])[]): number[][] {
  return counts.map((row) => {
    const total = row.reduce((a, b) => a + b, 0);
    return row.map((c) => (total > 0 ? c / total : 0));
  });
}

export function confusionOption(report: ConfusionReport): EChartsCoreOption {
  const names = report.classNames;
  const shares = rowShares(report.counts);
  const data: [string, string, number, number][] = [];
  report.counts.forEach((row, t) => row.forEach((count, p) => data.push([names[p], names[t], count, shares[t][p]])));
  return {
    animation: false,
    tooltip: {
      formatter: (params: { value: [string, string, number, number] }) => {
        const [p, t, count, share] = params.value;
        return `true ${t} → given ${p}: ${count} (${(share * 100).toFixed(1)}% of the ${t}s)`;
      },
    },
    grid: { left: 56, right: 24, top: 16, bottom: 48 },
    xAxis: { type: 'category', data: names, name: 'class the network gives', nameLocation: 'middle', nameGap: 30, splitArea: { show: true } },
    yAxis: { type: 'category', data: names, name: 'true class', nameLocation: 'middle', nameGap: 40, inverse: true, splitArea: { show: true } },
    visualMap: { show: false, min: 0, max: 1, dimension: 3, inRange: { color: ['#f8fafc', '#c7d2fe', '#4f46e5'] } },
    series: [{
      name: 'counts',
      type: 'heatmap',
      // the colour reads the share (dimension 3), the label the count
      data,
      label: { show: names.length <= 12, formatter: (params: { value: [string, string, number] }) => (params.value[2] === 0 ? '' : String(params.value[2])) },
      emphasis: { itemStyle: { borderColor: '#1e293b', borderWidth: 1 } },
    }],
  };
}
