/**
 * The sweep dialog's form as plain data, and its translation into a SweepSpec: value lists
 * typed as "0.1, 0.03, 0.01" (numbers, true/false and words), or ranges for random search.
 * Mistakes come back as messages naming the parameter, before anything is sent.
 */
import type { SweepSpecInput } from '../../../shared/tracking/sweep';
import type { TrainSpecInput } from '../../../shared/training/trainSpec';

export interface SweepParamRow {
  path: string;
  mode: 'values' | 'range';
  /** Comma-separated values. */
  values: string;
  min: string;
  max: string;
  log: boolean;
  integer: boolean;
}

export interface SweepForm {
  name: string;
  method: 'grid' | 'random';
  samples: number;
  seed: number;
  parameters: SweepParamRow[];
}

/** Paths people sweep most, offered as suggestions (any dotted path of the spec works). */
export const COMMON_SWEEP_PATHS = [
  'learningRate', 'batchSize', 'epochs', 'seed', 'optimizer.kind', 'layers.0.units', 'layers.0.activation',
  'layers.1.units', 'regularization.lambda', 'regularization.kind', 'init.kind', 'dataset.noise', 'dataset.seed',
];

export const emptyParam = (path = ''): SweepParamRow => ({ path, mode: 'values', values: '', min: '', max: '', log: false, integer: false });

export function parseScalar(text: string): string | number | boolean {
  const t = text.trim();
  if (t === 'true' || t === 'false') return t === 'true';
  const n = Number(t);
  return t !== '' && Number.isFinite(n) ? n : t;
}

export function parseValueList(text: string): (string | number | boolean)[] {
  return text.split(/[,;\s]+/).map((v) => v.trim()).filter((v) => v !== '').map(parseScalar);
}

export function buildSweep(form: SweepForm, base: TrainSpecInput): { sweep: SweepSpecInput | null; errors: string[] } {
  const errors: string[] = [];
  if (form.parameters.length === 0) errors.push('Add at least one parameter to vary.');
  const parameters = form.parameters.map((p, i) => {
    const where = `Parameter ${i + 1}${p.path.trim() ? ` (${p.path.trim()})` : ''}`;
    if (!/^[A-Za-z_]\w*(\.\w+)*$/.test(p.path.trim())) errors.push(`${where}: give a setting path like learningRate or layers.0.units.`);
    if (p.mode === 'values' || form.method === 'grid') {
      if (p.mode === 'range') errors.push(`${where}: grid search needs a list of values; ranges are for random search.`);
      const values = parseValueList(p.values);
      if (values.length === 0) errors.push(`${where}: type the values to try, separated by commas.`);
      return { path: p.path.trim(), values };
    }
    const min = Number(p.min);
    const max = Number(p.max);
    if (p.min.trim() === '' || p.max.trim() === '' || !Number.isFinite(min) || !Number.isFinite(max)) errors.push(`${where}: give a number for both min and max.`);
    else if (min > max) errors.push(`${where}: min must not be above max.`);
    else if (p.log && min <= 0) errors.push(`${where}: a log scale needs min above 0.`);
    return { path: p.path.trim(), min, max, scale: p.log ? 'log' as const : 'linear' as const, ...(p.integer ? { integer: true } : {}) };
  });
  if (form.method === 'random' && !(Number.isInteger(form.samples) && form.samples >= 1)) errors.push('Random search: how many runs? Give a whole number of at least 1.');
  if (errors.length) return { sweep: null, errors };
  return {
    sweep: {
      ...(form.name.trim() ? { name: form.name.trim() } : {}),
      method: form.method,
      base,
      parameters,
      ...(form.method === 'random' ? { samples: form.samples } : {}),
      seed: form.seed,
    },
    errors,
  };
}
