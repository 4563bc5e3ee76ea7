/**
 * "The data it shows" of any line or scatter chart, from its ECharts option: one row per point,
 * `series, x, y`. Points are `[x, y]` pairs, or plain values against the x axis's categories (or
 * their index); a heatmap's `[x, y, value]` cells add a `value` column. Series without a name are
 * numbered; non-numeric cells stay as written. `silent` series only shade (a band drawn as a
 * difference stacked on an invisible floor) and are left out: their numbers are not the data.
 */
import type { EChartsCoreOption } from 'echarts/core';
import { saveText } from '../lib/download';

export interface ChartDataRow { series: string; x: number | string; y: number | string | null; value?: number | string | null }

type Cell = number | string | null | undefined;

export function chartDataRows(option: EChartsCoreOption): ChartDataRow[] {
  const o = option as { series?: unknown; xAxis?: unknown };
  const series = ((Array.isArray(o.series) ? o.series : o.series ? [o.series] : []) as { name?: string; data?: unknown[]; type?: string; silent?: boolean }[])
    .filter((s) => !s.silent);
  const xAxis = (Array.isArray(o.xAxis) ? o.xAxis[0] : o.xAxis) as { data?: Cell[] } | undefined;
  const categories = xAxis?.data;
  const rows: ChartDataRow[] = [];
  series.forEach((s, k) => {
    const name = s.name ?? `series ${k + 1}`;
    (s.data ?? []).forEach((point, i) => {
      const value = point !== null && typeof point === 'object' && !Array.isArray(point) ? (point as { value?: unknown }).value : point;
      if (Array.isArray(value) && value.length > 2) rows.push({ series: name, x: value[0] as number | string, y: (value[1] ?? null) as number | string | null, value: (value[2] ?? null) as number | string | null });
      else if (Array.isArray(value)) rows.push({ series: name, x: value[0] as number | string, y: (value[1] ?? null) as number | string | null });
      else rows.push({ series: name, x: categories?.[i] ?? i, y: (value ?? null) as number | string | null });
    });
  });
  return rows;
}

const csvCell = (v: number | string | null): string => {
  if (v === null) return '';
  const text = String(v);
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

export function chartDataCsv(rows: readonly ChartDataRow[]): string {
  if (rows.some((r) => r.value !== undefined)) {
    return ['series,x,y,value', ...rows.map((r) => [r.series, r.x, r.y, r.value ?? null].map(csvCell).join(','))].join('\n') + '\n';
  }
  return ['series,x,y', ...rows.map((r) => [r.series, r.x, r.y].map(csvCell).join(','))].join('\n') + '\n';
}

/** The export menu's "Data shown" entries for a chart whose current option `option()` gives; files `base`.csv / .json. */
export function chartDataExports(option: () => EChartsCoreOption, base: () => string): { label: string; run: () => void }[] {
  return [
    { label: 'Data shown (CSV)', run: () => saveText(chartDataCsv(chartDataRows(option())), `${base()}.csv`, 'text/csv') },
    { label: 'Data shown (JSON)', run: () => saveText(`${JSON.stringify(chartDataRows(option()), null, 1)}\n`, `${base()}.json`, 'application/json') },
  ];
}
