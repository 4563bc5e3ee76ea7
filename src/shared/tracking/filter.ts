/**
 * The runs table's filter language: `lr < 0.1 and activation = relu`, `not (status = failed
 * or tag ~ old)`, `test_acc >= 0.9`. Comparisons are `field op value` with
 * =, != (also ==), <, <=, >, >= and ~ (contains, case-insensitive); `and` binds tighter than `or`;
 * `not` and parentheses as usual. Values are numbers, bare words (`leaky-relu`) or quoted strings.
 *
 * Fields: lr (matches the spec's rate and every rate set while it trained), batch, epochs,
 * optimizer, activation (matches any hidden layer's), loss, dataset, seed, status, name, tag
 * (matches any tag), notes, architecture, id, lineage (continued, rerun, imported-model, none),
 * parent (the run it continued from or reran), model (the imported model it started from); a metric's name is its last
 * value (`test_acc`), with `.min`, `.max`, `.best` or `.last` for the others; any other dotted
 * path is a hyperparameter of the spec (`optimizer.momentum`, `layers.0.units`).
 * Errors say what was expected and at which column (1-based).
 */
import type { RunRow } from './runs';

export type FilterOp = '=' | '!=' | '<' | '<=' | '>' | '>=' | '~';
export type FilterValue = number | string;

export type FilterNode =
  | { kind: 'and' | 'or'; left: FilterNode; right: FilterNode }
  | { kind: 'not'; operand: FilterNode }
  | { kind: 'compare'; field: string; op: FilterOp; value: FilterValue; column: number };

export class FilterError extends Error {
  override readonly name = 'FilterError';
  constructor(message: string, readonly column: number) {
    super(`${message} at column ${column}`);
  }
}

type Token =
  | { type: 'word'; text: string; column: number }
  | { type: 'number'; value: number; text: string; column: number }
  | { type: 'string'; text: string; column: number }
  | { type: 'op'; text: FilterOp; column: number }
  | { type: 'paren'; text: '(' | ')'; column: number }
  | { type: 'end'; text: ''; column: number };

const OPERATORS = ['!=', '==', '<=', '>=', '=', '<', '>', '~'] as const;
const NUMBER = /^-?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?(?![\w.-])/i;
const WORD = /^\w[\w./-]*/;

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let pos = 0;
  while (pos < source.length) {
    const ch = source[pos];
    const column = pos + 1;
    if (/\s/.test(ch)) { pos++; continue; }
    if (ch === '(' || ch === ')') { tokens.push({ type: 'paren', text: ch, column }); pos++; continue; }
    const op = OPERATORS.find((o) => source.startsWith(o, pos));
    if (op) {
      tokens.push({ type: 'op', text: op === '==' ? '=' : op, column });
      pos += op.length;
      continue;
    }
    if (ch === '"' || ch === "'") {
      let text = '';
      let end = pos + 1;
      while (end < source.length && source[end] !== ch) {
        if (source[end] === '\\' && end + 1 < source.length) end++;
        text += source[end++];
      }
      if (end >= source.length) throw new FilterError(`unterminated string starting with ${ch}`, column);
      tokens.push({ type: 'string', text, column });
      pos = end + 1;
      continue;
    }
    const rest = source.slice(pos);
    const number = NUMBER.exec(rest);
    if (number) {
      tokens.push({ type: 'number', value: Number(number[0]), text: number[0], column });
      pos += number[0].length;
      continue;
    }
    const word = WORD.exec(rest);
    if (word) {
      tokens.push({ type: 'word', text: word[0], column });
      pos += word[0].length;
      continue;
    }
    throw new FilterError(`unexpected '${ch}'`, column);
  }
  tokens.push({ type: 'end', text: '', column: source.length + 1 });
  return tokens;
}

const isKeyword = (t: Token, word: string): boolean => t.type === 'word' && t.text.toLowerCase() === word;
const describeToken = (t: Token): string => (t.type === 'end' ? 'the end' : `'${t.text}'`);

/** Parses a filter; an empty or blank one gives null (every run passes). */
export function parseFilter(source: string): FilterNode | null {
  const tokens = tokenize(source);
  if (tokens[0].type === 'end') return null;
  let pos = 0;
  const peek = (): Token => tokens[pos];
  const next = (): Token => tokens[pos++];

  const parseOr = (): FilterNode => {
    let left = parseAnd();
    while (isKeyword(peek(), 'or')) {
      next();
      left = { kind: 'or', left, right: parseAnd() };
    }
    return left;
  };
  const parseAnd = (): FilterNode => {
    let left = parseUnary();
    while (isKeyword(peek(), 'and')) {
      next();
      left = { kind: 'and', left, right: parseUnary() };
    }
    return left;
  };
  const parseUnary = (): FilterNode => {
    if (isKeyword(peek(), 'not')) {
      next();
      return { kind: 'not', operand: parseUnary() };
    }
    const t = peek();
    if (t.type === 'paren' && t.text === '(') {
      next();
      const inner = parseOr();
      const close = next();
      if (close.type !== 'paren' || close.text !== ')') throw new FilterError(`expected ')' to close the '(' at column ${t.column}, found ${describeToken(close)}`, close.column);
      return inner;
    }
    return parseComparison();
  };
  const parseComparison = (): FilterNode => {
    const field = next();
    if (field.type !== 'word' || ['and', 'or', 'not'].includes(field.text.toLowerCase())) {
      throw new FilterError(`expected a field name (like lr, activation or test_acc), found ${describeToken(field)}`, field.column);
    }
    const op = next();
    if (op.type !== 'op') {
      throw new FilterError(`expected an operator (=, !=, <, <=, >, >=, ~) after '${field.text}', found ${describeToken(op)}`, op.column);
    }
    const value = next();
    if (value.type !== 'number' && value.type !== 'word' && value.type !== 'string') {
      throw new FilterError(`expected a value after '${op.text}'`, value.column);
    }
    return { kind: 'compare', field: field.text, op: op.text, value: value.type === 'number' ? value.value : value.text, column: field.column };
  };

  const tree = parseOr();
  const rest = peek();
  if (rest.type !== 'end') {
    throw new FilterError(`expected 'and', 'or' or the end, found ${describeToken(rest)}`, rest.column);
  }
  return tree;
}

/** A field's value(s) on a row: undefined when the row does not have it; a list matches if any entry does. */
export type FieldValue = number | string | boolean | readonly (number | string)[] | undefined;

const METRIC_PART = /^(.*)\.(last|min|max|best)$/;

export function fieldOf(row: RunRow, field: string): FieldValue {
  switch (field.toLowerCase()) {
    case 'lr': case 'learningrate': return row.lrChanges.length ? [row.lr, ...row.lrChanges.map((c) => c.learningRate)] : row.lr;
    case 'lineage': return row.lineage?.kind ?? 'none';
    case 'parent': return row.lineage?.runId ?? undefined;
    case 'model': return row.lineage?.model ?? undefined;
    case 'batch': case 'batchsize': return row.batch;
    case 'epochs': return row.epochs;
    case 'optimizer': return row.optimizer;
    case 'activation': return row.activation ? row.activation.split(',') : [row.outputActivation];
    case 'loss': return row.loss;
    case 'dataset': return row.dataset;
    case 'seed': return row.seed;
    case 'status': return row.status;
    case 'name': return row.name;
    case 'tag': case 'tags': return row.tags;
    case 'notes': return row.notes;
    case 'architecture': return row.architecture;
    case 'id': return row.id;
    case 'step': return row.step;
    case 'epoch': return row.epoch;
    case 'archived': return row.archived;
    case 'experiment': return row.experimentName;
  }
  const metric = row.metrics[field];
  if (metric) return metric.last;
  const part = METRIC_PART.exec(field);
  if (part && row.metrics[part[1]]) return row.metrics[part[1]][part[2] as 'last' | 'min' | 'max' | 'best'];
  return row.hyperparams[field];
}

/** The names `fieldOf` understands besides metrics and hyperparameter paths. */
export const FILTER_FIELDS = [
  'lr', 'batch', 'epochs', 'optimizer', 'activation', 'loss', 'dataset', 'seed', 'status', 'name', 'tag',
  'notes', 'architecture', 'id', 'step', 'epoch', 'archived', 'experiment', 'lineage', 'parent', 'model',
] as const;

/** Throws a FilterError at the first field that no run has (a typo would otherwise silently match nothing). */
export function checkFields(tree: FilterNode | null, rows: readonly RunRow[]): void {
  if (!tree) return;
  const known = new Set<string>(FILTER_FIELDS.map((f) => f.toLowerCase()));
  for (const f of ['learningrate', 'batchsize', 'tags']) known.add(f);
  for (const row of rows) {
    for (const name of Object.keys(row.metrics)) {
      known.add(name);
      for (const p of ['last', 'min', 'max', 'best']) known.add(`${name}.${p}`);
    }
    for (const key of Object.keys(row.hyperparams)) known.add(key);
  }
  const visit = (node: FilterNode): void => {
    if (node.kind === 'compare') {
      if (!known.has(node.field) && !known.has(node.field.toLowerCase())) throw new FilterError(`unknown field '${node.field}'`, node.column);
    } else if (node.kind === 'not') visit(node.operand);
    else { visit(node.left); visit(node.right); }
  };
  visit(tree);
}

const asNumber = (v: number | string | boolean): number | undefined => {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  const n = Number(v);
  return v.trim() !== '' && Number.isFinite(n) ? n : undefined;
};

function compareOne(actual: number | string | boolean, op: FilterOp, expected: FilterValue): boolean {
  if (op === '~') return String(actual).toLowerCase().includes(String(expected).toLowerCase());
  const a = asNumber(actual);
  const e = asNumber(expected);
  if (op === '=' || op === '!=') {
    const equal = a !== undefined && e !== undefined ? a === e : String(actual).toLowerCase() === String(expected).toLowerCase();
    return op === '=' ? equal : !equal;
  }
  if (a === undefined || e === undefined) return false;
  switch (op) {
    case '<': return a < e;
    case '<=': return a <= e;
    case '>': return a > e;
    case '>=': return a >= e;
  }
}

export function matchesFilter(row: RunRow, tree: FilterNode | null): boolean {
  if (!tree) return true;
  switch (tree.kind) {
    case 'and': return matchesFilter(row, tree.left) && matchesFilter(row, tree.right);
    case 'or': return matchesFilter(row, tree.left) || matchesFilter(row, tree.right);
    case 'not': return !matchesFilter(row, tree.operand);
    case 'compare': {
      const actual = fieldOf(row, tree.field);
      // a run without the field matches only "!=": it is not equal to anything
      if (actual === undefined) return tree.op === '!=';
      if (Array.isArray(actual)) {
        return tree.op === '!=' ? actual.every((v) => compareOne(v, '!=', tree.value)) : actual.some((v) => compareOne(v, tree.op, tree.value));
      }
      return compareOne(actual as number | string | boolean, tree.op, tree.value);
    }
  }
}

/** Parses, checks the fields against the rows and keeps the rows that match. */
export function filterRows(rows: readonly RunRow[], source: string): RunRow[] {
  const tree = parseFilter(source);
  checkFields(tree, rows);
  return rows.filter((row) => matchesFilter(row, tree));
}

/** Plain-text search over name, dataset, architecture, status, tags and notes (every word must occur). */
export function searchRows(rows: readonly RunRow[], query: string): RunRow[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...rows];
  return rows.filter((row) => {
    const haystack = [row.name, row.dataset, row.architecture, row.status, row.notes, ...row.tags, String(row.id)].join(' ').toLowerCase();
    return words.every((w) => haystack.includes(w));
  });
}
