/**
 * A zod issue as a sentence that names the field the way the form labels it ("Learning rate
 * must be greater than 0"), never zod's own wording or its JSON. The schemas stay the one
 * source of the rules; this only words what they report.
 */

/** The parts of a zod (v4) issue the sentence needs; any issue object fits. */
export interface SchemaIssue {
  code: string;
  message: string;
  path: readonly PropertyKey[];
  origin?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  inclusive?: boolean;
  expected?: string;
  values?: readonly unknown[];
  options?: readonly unknown[];
  divisor?: number | bigint;
}

const number = (n: number | bigint | undefined): string => (n === undefined ? '?' : Number(n).toLocaleString('en-US', { maximumFractionDigits: 12 }));
const count = (n: number | bigint | undefined, one: string, many: string): string => `${number(n)} ${Number(n) === 1 ? one : many}`;
const choices = (values: readonly unknown[]): string => values.map(String).join(', ');
const isMissing = (value: unknown): boolean => value === undefined || value === null || value === '';

/** `value`: what the field holds now, so a missing entry reads as missing rather than as the wrong type. */
export function issueSentence(issue: SchemaIssue, label: string, value?: unknown): string {
  switch (issue.code) {
    case 'too_small':
      if (issue.origin === 'array' || issue.origin === 'set') return `${label} needs at least ${count(issue.minimum, 'entry', 'entries')}`;
      if (issue.origin === 'string') return `${label} needs at least ${count(issue.minimum, 'character', 'characters')}`;
      return issue.inclusive === false ? `${label} must be greater than ${number(issue.minimum)}` : `${label} must be at least ${number(issue.minimum)}`;
    case 'too_big':
      if (issue.origin === 'array' || issue.origin === 'set') return `${label} allows at most ${count(issue.maximum, 'entry', 'entries')}`;
      if (issue.origin === 'string') return `${label} allows at most ${count(issue.maximum, 'character', 'characters')}`;
      return issue.inclusive === false ? `${label} must be less than ${number(issue.maximum)}` : `${label} must be at most ${number(issue.maximum)}`;
    case 'invalid_type':
      if (isMissing(value)) return `${label} is missing: enter a value`;
      if (issue.expected === 'int') return `${label} must be a whole number`;
      if (issue.expected === 'number') return `${label} must be a number`;
      return `${label} must be a ${issue.expected ?? 'different kind of value'}`;
    case 'invalid_value':
      return `${label} must be one of ${choices(issue.values ?? [])}`;
    case 'invalid_union':
      return issue.options?.length ? `${label} must be one of ${choices(issue.options)}` : `${label} is not valid`;
    case 'not_multiple_of':
      return `${label} must be a multiple of ${number(issue.divisor)}`;
    case 'custom':
      // our own refinements already speak in words (layerLossIssues, the parameter budget)
      return issue.message;
    default:
      return `${label} is not valid`;
  }
}
