/**
 * Validates a training spec file with NewTrainSpecSchema (the schema, the layer/loss rules and
 * the parameter budget) and explains each problem as the
 * field to change and what to put there ("learningRate: must be > 0, got -1"), including
 * misspelt field names, which the schema alone would silently drop.
 */
import type { z } from 'zod';
import { BuiltinDatasetSpecSchema, InlineDatasetSpecSchema } from '../../shared/data/spec';
import { NewTrainSpecSchema, TrainSpecSchema, type TrainSpec } from '../../shared/training/trainSpec';
import { tooDeepField } from '../../shared/nn/jsonDepth';
import { CliFailure } from './errors';

const MAX_LISTED = 8;
/** A spec nests at most 4 deep (dataset.extraPoints[i].x[j]); deeper is refused before the schema recurses. */
const MAX_SPEC_DEPTH = 8;

export function checkTrainSpec(json: unknown, file: string): TrainSpec {
  const deep = tooDeepField(json, MAX_SPEC_DEPTH);
  if (deep !== undefined) throw new CliFailure(`spec '${file}' has a problem:\n  - ${deep.length > 80 ? `${deep.slice(0, 80)}...` : deep}: nested more than ${MAX_SPEC_DEPTH} levels deep\nFix it in ${file}; docs/cli.md describes every field.`);
  const parsed = NewTrainSpecSchema.safeParse(json);
  const problems = [...unknownFields(json), ...(parsed.success ? [] : parsed.error.issues.map((issue) => explain(issue, json)))];
  if (problems.length === 0 && parsed.success) return parsed.data;
  const listed = problems.slice(0, MAX_LISTED).map((p) => `  - ${p}`);
  if (problems.length > MAX_LISTED) listed.push(`  - ... and ${problems.length - MAX_LISTED} more`);
  throw new CliFailure(`spec '${file}' has ${problems.length === 1 ? 'a problem' : `${problems.length} problems`}:\n${listed.join('\n')}\nFix ${problems.length === 1 ? 'it' : 'them'} in ${file}; docs/cli.md describes every field.`);
}

function explain(issue: z.core.$ZodIssue, json: unknown): string {
  const field = fieldName(issue.path);
  const value = valueAt(json, issue.path);
  switch (issue.code) {
    case 'invalid_type':
      return value === undefined ? `${field}: missing; add it (a ${issue.expected})` : `${field}: expected a ${issue.expected}, got ${show(value)}`;
    case 'invalid_value': {
      const options = issue.values.map(String);
      const guess = typeof value === 'string' ? closest(value, options) : undefined;
      return `${field}: ${show(value)} is not allowed${guess ? ` (did you mean '${guess}'?)` : ''}; use one of ${options.join(', ')}`;
    }
    case 'invalid_union': {
      const options = 'options' in issue && Array.isArray(issue.options) ? issue.options.map(String) : [];
      return options.length > 0 ? `${field}: ${show(value)} is not allowed; use one of ${options.join(', ')}` : `${field}: ${issue.message}`;
    }
    case 'too_small': case 'too_big': {
      const bound = issue.message.replace(/^Too (small|big): expected \w+ to (be|have) /, '');
      return `${field}: must be ${bound}${typeof value === 'number' ? `, got ${value}` : Array.isArray(value) ? `, got ${value.length}` : ''}`;
    }
    default:
      return `${field}: ${issue.message}`;
  }
}

/** Field names the schema does not know, at the top level and in the dataset, with the likely intended one. */
function unknownFields(json: unknown): string[] {
  if (!isRecord(json)) return [];
  const report = (object: Record<string, unknown>, known: string[], prefix: string) =>
    Object.keys(object).filter((key) => !known.includes(key)).map((key) => {
      const guess = closest(key, known);
      return `${prefix}${key}: unknown field${guess ? `; did you mean '${guess}'?` : `; known fields are ${known.join(', ')}`}`;
    });
  const problems = report(json, Object.keys(TrainSpecSchema.shape), '');
  const dataset = json.dataset;
  if (isRecord(dataset) && (dataset.kind === 'builtin' || dataset.kind === 'inline')) {
    const shape = dataset.kind === 'builtin' ? BuiltinDatasetSpecSchema.shape : InlineDatasetSpecSchema.shape;
    problems.push(...report(dataset, Object.keys(shape), 'dataset.'));
  }
  return problems;
}

/** ['layers', 1, 'units'] -> "layers[1].units" */
function fieldName(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : acc ? `${acc}.${String(key)}` : String(key)), '') || '(the spec)';
}

function valueAt(json: unknown, path: readonly PropertyKey[]): unknown {
  let value: unknown = json;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

const show = (value: unknown): string => {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
};

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The option within edit distance 2 (or a case-insensitive match), if any. */
function closest(word: string, options: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const option of options) {
    const d = option.toLowerCase() === word.toLowerCase() ? 0 : editDistance(word, option);
    if (d < bestDistance) { best = option; bestDistance = d; }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}
