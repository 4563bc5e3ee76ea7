/**
 * What the runs table shows: which metric columns by default, which hyperparameters get a
 * column of their own (the ones that differ between the listed runs, as in a sweep), and how a
 * metric's summary reads in a cell.
 */
import { CURVE_METRICS } from '../../../shared/api/dto';
import type { Hyperparams, MetricSummary } from '../../../shared/api/trackingDto';
import { formatNumber, formatPercent } from '../lib/format';

export const METRIC_STATS = ['last', 'best', 'min', 'max'] as const;
export type MetricStat = (typeof METRIC_STATS)[number];

/** The curves a person compares first; per-layer diagnostics (`grad_norm/1`) are a click away. */
export function defaultMetricColumns(metricNames: readonly string[]): string[] {
  const preferred = CURVE_METRICS.filter((m) => metricNames.includes(m));
  return preferred.length > 0 ? preferred : metricNames.filter((m) => !m.includes('/')).slice(0, 4);
}

/** The filter language's (and the sort's) field for a metric statistic: `test_acc` is the last value. */
export const metricField = (name: string, stat: MetricStat): string => (stat === 'last' ? name : `${name}.${stat}`);

export const isAccuracy = (metric: string): boolean => /acc/i.test(metric);

export function formatMetric(metric: string, summary: MetricSummary | undefined, stat: MetricStat): string {
  if (!summary) return '–';
  const value = summary[stat];
  return isAccuracy(metric) ? formatPercent(value) : formatNumber(value);
}

/** Columns the table always has for these settings, so a varying one is not shown twice. */
const FIXED_KEYS = new Set([
  'learningRate', 'batchSize', 'epochs', 'optimizer.kind', 'dataset.name', 'loss', 'seed', 'layers.count', 'name',
]);
/** Per-layer activations are summarized in the activation column; dataset seeds and sizes rarely matter. */
const isSummarized = (key: string): boolean => /^layers\.\d+\.activation$/.test(key) || FIXED_KEYS.has(key);

/**
 * Hyperparameter paths whose value is not the same in every row, at most `max` of them, in
 * path order: in a sweep of learning rate by layer width, `layers.0.units` gets a column.
 */
export function varyingHyperparams(rows: readonly { hyperparams: Hyperparams }[], max = 4): string[] {
  if (rows.length < 2) return [];
  const first = rows[0].hyperparams;
  const keys = new Set(rows.flatMap((r) => Object.keys(r.hyperparams)));
  const varying = [...keys].filter((key) => !isSummarized(key) && rows.some((r) => r.hyperparams[key] !== first[key]));
  return varying.sort().slice(0, max);
}

export function formatHyperparam(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '–';
  if (typeof value === 'number') return formatNumber(value);
  return String(value);
}

/** Short column titles for the dotted paths people sweep most. */
export function hyperparamLabel(key: string): string {
  const layer = /^layers\.(\d+)\.(\w+)$/.exec(key);
  if (layer) return `layer ${Number(layer[1]) + 1} ${layer[2]}`;
  return key;
}
