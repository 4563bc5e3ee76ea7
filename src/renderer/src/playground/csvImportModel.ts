/**
 * The CSV import's state as a pure function of the text and the user's choices: the columns
 * to pick from, the dataset spec (or the parser's message naming row and column), and the
 * first rows raw and scaled as the network will see them.
 */
import { buildDataset } from '../../../shared/data/build';
import { importCsv } from '../../../shared/data/csv';
import { parseCsvText, sniffEncoding } from '../../../shared/data/csvText';
import type { InlineDatasetSpec, ScalingKind, Task } from '../../../shared/data/spec';

// Larger files are refused before reading: the import keeps every row in memory and in the run.
import { MAX_CSV_BYTES, MAX_CSV_ROWS } from '../../../shared/api/limits';
const PREVIEW_ROWS = 8;

export interface CsvChoices {
  /** Column indices; undefined: every column but the target. */
  inputs?: number[];
  /** Column index; undefined: the last column. */
  target?: number;
  task: Task | 'auto';
  scaling: ScalingKind;
  /** Undefined: none for a small table (every row counts), a fifth held out from 20 rows on. */
  testFraction?: number;
  name: string;
}

const SMALL_TABLE_ROWS = 20;

export interface PreviewRow { raw: number[]; scaled: number[] }

export type CsvImportState =
  | { state: 'empty' }
  | { state: 'error'; message: string; columns: string[] }
  | {
    state: 'ready'; columns: string[]; spec: InlineDatasetSpec; inputs: number[]; target: number;
    /** Header of the preview: the input names then the output names. */
    headers: string[]; rows: PreviewRow[]; totalRows: number;
  };

export function tooLarge(name: string, bytes: number): string | null {
  if (bytes <= MAX_CSV_BYTES) return null;
  const mb = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;
  return `${name} is ${mb(bytes)}; the import takes files up to ${mb(MAX_CSV_BYTES)} (MAX_CSV_BYTES) and ${MAX_CSV_ROWS.toLocaleString('en')} rows: import a sample of it`;
}

/** `fromFile`: a file with nothing in it is an error to show, not a panel still waiting for input. */
export function describeCsv(text: string, choices: CsvChoices, fromFile = false): CsvImportState {
  if (!fromFile && text.trim() === '') return { state: 'empty' };
  let columns: string[] = [];
  try {
    columns = parseCsvText(text).names;
    const target = choices.target !== undefined && choices.target < columns.length ? choices.target : columns.length - 1;
    const inputs = (choices.inputs ?? columns.map((_, i) => i)).filter((i) => i !== target && i < columns.length);
    const testFraction = choices.testFraction ?? (text.trim().split('\n').length - 1 < SMALL_TABLE_ROWS ? 0 : 0.2);
    const spec = importCsv(text, {
      inputs, targets: [target], task: choices.task, scaling: choices.scaling, testFraction, name: choices.name || 'imported',
    });
    const data = buildDataset(spec);
    const scaleX = data.scaling?.inputs;
    const scaleY = data.scaling?.outputs;
    const rows = spec.inputs.slice(0, PREVIEW_ROWS).map((x, r) => {
      const y = spec.targets[r];
      const raw = [...x, ...y];
      const scaled = [
        ...x.map((v, k) => (scaleX ? (v - scaleX[k].offset) / scaleX[k].scale : v)),
        ...y.map((v, k) => (scaleY ? (v - scaleY[k].offset) / scaleY[k].scale : v)),
      ];
      return { raw, scaled };
    });
    return { state: 'ready', columns, spec, inputs, target, headers: [...spec.inputNames, ...spec.outputNames], rows, totalRows: spec.inputs.length };
  } catch (err) {
    return { state: 'error', message: (err as Error).message, columns };
  }
}

/** Pasted text, or a file's bytes. */
export type CsvSource = { text: string } | { bytes: ArrayBuffer };

export interface CsvRequest { id: number; sourceId: number; source?: CsvSource; choices: CsvChoices }
export interface CsvAnswer { id: number; state: CsvImportState }

export const decodeCsvSource = (source: CsvSource): string =>
  'text' in source ? source.text : new TextDecoder(sniffEncoding(new Uint8Array(source.bytes))).decode(source.bytes);

/** The worker's side, also used inline: keeps the last source's text so choices alone can follow. */
export function createCsvDescriber(): (request: CsvRequest) => CsvAnswer {
  let current = { sourceId: -1, text: '', fromFile: false };
  return ({ id, sourceId, source, choices }) => {
    if (source) current = { sourceId, text: decodeCsvSource(source), fromFile: 'bytes' in source };
    const state = current.sourceId === sourceId ? describeCsv(current.text, choices, current.fromFile) : { state: 'empty' as const };
    return { id, state };
  };
}
