/** The compare view's hyperparameter table: one row per path, one column per run, optionally only the paths that differ. */
import type { Hyperparams } from './runs';

export interface HyperRow {
  key: string;
  /** One value per run, in the order given; null where the run lacks the path. */
  values: (string | number | boolean | null)[];
  differs: boolean;
}

export function hyperparamTable(runs: readonly { hyperparams: Hyperparams }[], differencesOnly: boolean): HyperRow[] {
  const keys = [...new Set(runs.flatMap((r) => Object.keys(r.hyperparams)))].sort();
  const rows = keys.map((key) => {
    const values = runs.map((r) => (Object.hasOwn(r.hyperparams, key) ? r.hyperparams[key] : null));
    return { key, values, differs: values.some((v) => v !== values[0]) };
  });
  return differencesOnly ? rows.filter((r) => r.differs) : rows;
}
