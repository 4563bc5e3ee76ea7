/** How many points an option's series draw, whatever the chart (LiveChart reports it on its element). */
import type { EChartsCoreOption } from 'echarts/core';

export function countPoints(option: EChartsCoreOption): number {
  const series = (option.series ?? []) as { data?: unknown[] }[];
  return series.reduce((n, s) => n + (s.data?.length ?? 0), 0);
}
