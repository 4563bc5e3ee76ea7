/**
 * A run's hyperparameters as flat dotted paths (`optimizer.kind`, `layers.0.units`), for the
 * runs table, the filter language, the hyperparameter table and grouping. Inline data rows
 * are left out: they are data, not settings, and may be 100,000 rows long.
 */
import type { Hyperparams } from './runs';
import type { TrainSpec } from '../training/trainSpec';

/** Paths whose value is the data itself, never a hyperparameter. */
const SKIPPED = new Set(['dataset.inputs', 'dataset.targets', 'dataset.extraPoints', 'dataset.removedPoints', 'dataset.inputNames', 'dataset.outputNames', 'name']);

export function flattenSpec(spec: TrainSpec): Hyperparams {
  const flat: Hyperparams = {};
  const visit = (value: unknown, path: string): void => {
    if (SKIPPED.has(path)) return;
    if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') {
      flat[path] = value;
    } else if (Array.isArray(value)) {
      if (value.every((v) => typeof v !== 'object' || v === null)) flat[path] = value.join(',');
      else value.forEach((v, i) => visit(v, `${path}.${i}`));
    } else if (value !== null && typeof value === 'object') {
      for (const [key, v] of Object.entries(value)) visit(v, path ? `${path}.${key}` : key);
    }
  };
  visit(spec, '');
  flat['layers.count'] = spec.layers.length;
  return flat;
}

/** Whether a larger value of the metric is better (accuracies), so "best" is its max; otherwise its min. */
export function higherIsBetter(metric: string): boolean {
  return /acc/i.test(metric);
}
