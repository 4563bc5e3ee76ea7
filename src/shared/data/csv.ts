/**
 * CSV import: text -> an InlineDatasetSpec holding the raw numbers, so the data is stored
 * with the run and the scaling is refitted whenever the set is built. Every failure is a
 * DataError naming the row and column to fix.
 */
import { type CsvText, type CsvTextOptions, parseCsvText, parseNumber } from './csvText';
import { DataError } from './errors';
import { MAX_CSV_MAGNITUDE, type InlineDatasetSpec, type ScalingKind, type Task } from './spec';
import { MAX_INPUTS } from '../nn/spec';

/** A column by its header name, or by 0-based index. */
export type ColumnRef = string | number;

export interface CsvImportOptions extends CsvTextOptions {
  name?: string;
  /** Default: every column that is not a target. */
  inputs?: ColumnRef[];
  /** Default: the last column. Classification takes exactly one target column of class labels. */
  targets?: ColumnRef[];
  /** 'auto' (default): classification if any target cell is not a number, else regression. */
  task?: Task | 'auto';
  /** Default 'min-max', as in the lecture. */
  scaling?: ScalingKind;
  testFraction?: number;
  seed?: number;
}

export function importCsv(text: string, options: CsvImportOptions = {}): InlineDatasetSpec {
  const csv = parseCsvText(text, options);
  const width = csv.names.length;
  const targetCols = (options.targets ?? [width - 1]).map((ref) => resolveColumn(csv, ref));
  const inputCols = options.inputs
    ? options.inputs.map((ref) => resolveColumn(csv, ref))
    : csv.names.map((_, i) => i).filter((i) => !targetCols.includes(i));
  const shared = inputCols.find((c) => targetCols.includes(c));
  if (shared !== undefined) throw new DataError(`${columnLabel(csv, shared)} is both an input and a target: choose one`);
  if (inputCols.length === 0) throw new DataError('no input columns: the file needs at least one column besides the target');
  if (targetCols.length === 0) throw new DataError('no target column: name one with targets');
  if (inputCols.length > MAX_INPUTS) {
    throw new DataError(`${inputCols.length} input columns: a network takes at most ${MAX_INPUTS} inputs (MAX_INPUTS): leave some columns out`);
  }

  const task = options.task && options.task !== 'auto' ? options.task : guessTask(csv, targetCols);
  const inputs = csv.rows.map((row) => inputCols.map((c) => numericCell(csv, row, c)));
  const base = {
    kind: 'inline' as const,
    name: options.name ?? 'imported',
    task,
    inputNames: inputCols.map((c) => csv.names[c]),
    inputs,
    scaling: options.scaling ?? 'min-max',
    testFraction: options.testFraction ?? 0,
    seed: options.seed ?? 1,
  };
  if (task === 'regression') {
    return { ...base, outputNames: targetCols.map((c) => csv.names[c]), targets: csv.rows.map((row) => targetCols.map((c) => numericCell(csv, row, c))) };
  }
  if (targetCols.length !== 1) throw new DataError(`classification takes one target column of class labels; got ${targetCols.length}`);
  return { ...base, ...classTargets(csv, targetCols[0]) };
}

/**
 * Class labels to targets: two classes give one 0/1 column (the second label in sorted
 * order is 1, so "0"/"1" and "no"/"yes" come out as expected), more give one-hot rows.
 * Output names read `column=label` so the labels travel with the spec.
 */
function classTargets(csv: CsvText, col: number): { outputNames: string[]; targets: number[][] } {
  const labels = csv.rows.map((row) => {
    const cell = row.cells[col].trim();
    if (cell === '') throw new DataError(`row ${row.line}, ${columnLabel(csv, col)}: empty cell`, { row: row.line, column: csv.names[col] });
    return cell;
  });
  const classes = sortLabels([...new Set(labels)], csv);
  if (classes.length < 2) throw new DataError(`${columnLabel(csv, col)} has a single class ('${classes[0]}'): classification needs at least two`);
  const name = csv.names[col];
  if (classes.length === 2) {
    return { outputNames: [`${name}=${classes[1]}`], targets: labels.map((l) => [l === classes[1] ? 1 : 0]) };
  }
  const index = new Map(classes.map((c, i) => [c, i]));
  return {
    outputNames: classes.map((c) => `${name}=${c}`),
    targets: labels.map((l) => classes.map((_, i) => (i === index.get(l) ? 1 : 0))),
  };
}

/** Numeric labels sort by value (2 before 10), others as text. */
function sortLabels(labels: string[], csv: CsvText): string[] {
  const numeric = labels.every((l) => parseNumber(l, csv.delimiter) !== undefined);
  return numeric
    ? labels.sort((a, b) => parseNumber(a, csv.delimiter)! - parseNumber(b, csv.delimiter)!)
    : labels.sort((a, b) => a.localeCompare(b));
}

function guessTask(csv: CsvText, targetCols: number[]): Task {
  const textual = csv.rows.some((row) => targetCols.some((c) => row.cells[c].trim() !== '' && parseNumber(row.cells[c], csv.delimiter) === undefined));
  return textual ? 'classification' : 'regression';
}

export function numericCell(csv: CsvText, row: CsvText['rows'][number], col: number): number {
  const cell = row.cells[col];
  const where = { row: row.line, column: csv.names[col] };
  if (cell.trim() === '') throw new DataError(`row ${row.line}, ${columnLabel(csv, col)}: empty cell`, where);
  const value = parseNumber(cell, csv.delimiter);
  if (value === undefined || !Number.isFinite(value)) throw new DataError(`row ${row.line}, ${columnLabel(csv, col)}: '${cell.trim()}' is not a number`, where);
  if (Math.abs(value) > MAX_CSV_MAGNITUDE) {
    throw new DataError(`row ${row.line}, ${columnLabel(csv, col)}: ${cell.trim()} is too large; values must lie within ±${MAX_CSV_MAGNITUDE} (MAX_CSV_MAGNITUDE), or scaling overflows: rescale the column`, where);
  }
  return value;
}

function resolveColumn(csv: CsvText, ref: ColumnRef): number {
  if (typeof ref === 'number') {
    if (Number.isInteger(ref) && ref >= 0 && ref < csv.names.length) return ref;
    throw new DataError(`column index ${ref} does not exist: the file has ${csv.names.length} columns, numbered from 0 (${csv.names.join(', ')})`);
  }
  const i = csv.names.indexOf(ref.trim());
  if (i < 0) throw new DataError(`no column named '${ref}': the columns are ${csv.names.map((n) => `'${n}'`).join(', ')}`);
  return i;
}

/** "column 'people'" with a header, "column 3" (1-based, as a spreadsheet counts) without. */
export const columnLabel = (csv: CsvText, col: number): string => (csv.hasHeader ? `column '${csv.names[col]}'` : `column ${col + 1}`);
