/**
 * The compare chart's pipeline in one pure function, so the chart and "export what the chart
 * shows" cannot disagree: x axis -> smoothing -> log-axis filtering -> optional grouping by a
 * hyperparameter (mean with a band). The renderer draws the result; seriesToCsv/Json export it.
 */
import type { CompareSeries, Hyperparams } from './runs';
import { dropUnplottable, emaSmooth, robustRange, xValues, type XAxis, type XY } from './curves';
import { groupCurves, type Band, type GroupCurve } from './grouping';
import type { ExportSeries } from './seriesExport';

export interface CompareOptions {
  xAxis: XAxis;
  /** EMA weight beta in [0, 1); 0 is off. */
  smoothing: number;
  logX: boolean;
  logY: boolean;
  ignoreOutliers: boolean;
  /** A hyperparameter path (or `dataset`, `status`...) to group runs by; undefined: one curve per run. */
  groupBy?: string;
  band: Band;
}

export interface CompareRunInfo { id: number; name: string; hyperparams: Hyperparams; startedAt?: number | null }

export interface ChartCurve { label: string; metric: string; runIds: number[]; x: number[]; y: number[]; lower?: number[]; upper?: number[] }

export interface CompareChart { curves: ChartCurve[]; yRange: { min: number; max: number } | null }

export function buildCompareChart(series: readonly CompareSeries[], runs: readonly CompareRunInfo[], options: CompareOptions): CompareChart {
  const byId = new Map(runs.map((r) => [r.id, r]));
  const curves: { runId: number; metric: string; xy: XY }[] = series.map((s) => {
    const run = byId.get(s.runId);
    const x = xValues(s, options.xAxis, run?.startedAt ?? undefined);
    const y = emaSmooth(s.value, options.smoothing);
    return { runId: s.runId, metric: s.name, xy: dropUnplottable({ x, y }, options.logX, options.logY) };
  });
  let out: ChartCurve[];
  if (options.groupBy) {
    const key = options.groupBy;
    const metrics = [...new Set(curves.map((c) => c.metric))];
    out = metrics.flatMap((metric) => groupCurves(
      curves.filter((c) => c.metric === metric).map((c) => ({ runId: c.runId, key: byId.get(c.runId)?.hyperparams[key], curve: c.xy })),
      options.band,
    ).map((g: GroupCurve) => ({
      label: `${key}=${g.key}`, metric, runIds: g.runIds, x: g.x, y: g.mean, lower: g.lower, upper: g.upper,
    })));
  } else {
    // the run number first: two runs may share a name, and a legend must still tell them apart
    out = curves.map((c) => ({ label: `#${c.runId} ${byId.get(c.runId)?.name ?? 'run'}`, metric: c.metric, runIds: [c.runId], x: c.xy.x, y: c.xy.y }));
  }
  const yRange = options.ignoreOutliers ? robustRange(out.flatMap((c) => [c.y, ...(c.lower ? [c.lower, c.upper!] : [])])) : null;
  return { curves: out, yRange };
}

/** The chart's curves as export series (bands become `<metric> lower` / `<metric> upper` series). */
export function chartToExport(chart: CompareChart): ExportSeries[] {
  return chart.curves.flatMap((c) => [
    { run: c.label, series: c.metric, x: c.x, y: c.y },
    ...(c.lower && c.upper ? [
      { run: c.label, series: `${c.metric} lower`, x: c.x, y: c.lower },
      { run: c.label, series: `${c.metric} upper`, x: c.x, y: c.upper },
    ] : []),
  ]);
}
