/**
 * Series as files. CSV comes in two shapes:
 * - long (the default): header `run,series,x,y`, one line per point; every series keeps its own x.
 * - wide: header `x,<run>/<series>,...`, one line per distinct x (sorted), an empty cell where a
 *   series has no point at that x; handy for spreadsheets when the series share x values.
 * JSON is `{ "series": [{ "run", "series", "x": [...], "y": [...] }] }`. Numbers are written
 * in full (shortest round-trip form); non-finite values as empty cells in CSV and null in JSON.
 * A run's raw metrics (runs.exportMetrics) use `run,series,step,epoch,time,value`.
 */
import type { MetricSeries } from '../training/metrics';

export interface ExportSeries { run: string | number; series: string; x: readonly number[]; y: readonly number[] }

/** RFC 4180 quoting: cells with a comma, quote or line break are quoted, quotes doubled. */
export function csvCell(value: string | number): string {
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

const line = (cells: (string | number)[]): string => cells.map(csvCell).join(',');

export function seriesToCsv(series: readonly ExportSeries[], shape: 'long' | 'wide' = 'long'): string {
  if (shape === 'long') {
    const lines = ['run,series,x,y'];
    for (const s of series) for (let k = 0; k < s.x.length; k++) lines.push(line([String(s.run), s.series, s.x[k], s.y[k]]));
    return `${lines.join('\n')}\n`;
  }
  const xs = [...new Set(series.flatMap((s) => s.x))].sort((a, b) => a - b);
  const columns = series.map((s) => {
    const byX = new Map<number, number>();
    s.x.forEach((x, k) => byX.set(x, s.y[k]));
    return byX;
  });
  const lines = [line(['x', ...series.map((s) => `${s.run}/${s.series}`)])];
  for (const x of xs) lines.push(line([x, ...columns.map((c) => (c.has(x) ? c.get(x)! : ''))]));
  return `${lines.join('\n')}\n`;
}

const finiteOrNull = (v: number): number | null => (Number.isFinite(v) ? v : null);

export function seriesToJson(series: readonly ExportSeries[]): string {
  return JSON.stringify({
    series: series.map((s) => ({ run: s.run, series: s.series, x: s.x.map(finiteOrNull), y: s.y.map(finiteOrNull) })),
  });
}

export interface RawMetricSeries extends MetricSeries<readonly number[]> { run: number | string }

export function metricsToCsv(series: readonly RawMetricSeries[]): string {
  const lines = ['run,series,step,epoch,time,value'];
  for (const s of series) {
    for (let k = 0; k < s.value.length; k++) lines.push(line([String(s.run), s.name, s.step[k], s.epoch[k], s.time[k], s.value[k]]));
  }
  return `${lines.join('\n')}\n`;
}

export function metricsToJson(series: readonly RawMetricSeries[]): string {
  return JSON.stringify({
    series: series.map((s) => ({ run: s.run, series: s.name, step: s.step, epoch: s.epoch, time: s.time, value: s.value.map(finiteOrNull) })),
  });
}
