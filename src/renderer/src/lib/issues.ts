/**
 * Field-level messages from the API's bad-request issues. The router reports paths of the
 * whole request ("spec.layers.0.units"); the editor knows fields by their path inside the
 * spec ("layers.0.units"). A message stays visible until its field's value changes.
 */
import type { ApiIssue } from '../api/ApiError';

export interface FieldIssue {
  /** Path inside the spec, dot-separated, "" for the spec as a whole. */
  field: string;
  message: string;
  /** The field's value when the API refused it, as JSON, to hide the message once edited. */
  valueAtError: string;
}

/** "spec.layers[0].units", "spec/layers/0/units" and "layers.0.units" all become "layers.0.units". */
export function fieldOf(path: string): string {
  const parts = path.replace(/\[(\d+)\]/g, '.$1').split(/[./]/).filter(Boolean);
  if (parts[0] === 'spec') parts.shift();
  return parts.join('.');
}

export function valueAt(root: unknown, field: string): unknown {
  let v: unknown = root;
  for (const key of field ? field.split('.') : []) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[key];
  }
  return v;
}

export function toFieldIssues(issues: readonly ApiIssue[], spec: unknown): FieldIssue[] {
  return issues.map((i) => {
    const field = fieldOf(i.path);
    return { field, message: i.message, valueAtError: JSON.stringify(valueAt(spec, field)) ?? 'undefined' };
  });
}

/** Issues whose field still holds the refused value. */
export function currentIssues(issues: readonly FieldIssue[], spec: unknown): FieldIssue[] {
  return issues.filter((i) => (JSON.stringify(valueAt(spec, i.field)) ?? 'undefined') === i.valueAtError);
}

/** Readable name of a field for the summary list ("layers.0.units" → "layer 1 units"). */
export function fieldLabel(field: string): string {
  if (!field) return 'spec';
  const parts = field.split('.');
  if (parts[0] === 'layers' && parts[1] !== undefined) return `layer ${Number(parts[1]) + 1} ${parts.slice(2).join(' ')}`.trim();
  return parts.join(' ').replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}
