/**
 * CSV text to cells: RFC 4180 quoting (quoted fields may hold delimiters, newlines and ""),
 * comma, semicolon or tab detected from the first line, an optional header detected from
 * its cells. Rows are numbered as a spreadsheet shows them: the file's first line is row 1.
 */
import { DataError } from './errors';
import { MAX_CSV_COLUMNS, MAX_CSV_ROWS } from './spec';

export type Delimiter = ',' | ';' | '\t';
const DELIMITERS: readonly Delimiter[] = [',', ';', '\t'];

export interface CsvTextOptions {
  delimiter?: Delimiter | 'auto';
  /** true: the first row names the columns; false: it is data; 'auto' (default): a header if any of its cells is not a number. */
  header?: boolean | 'auto';
}

export interface CsvText {
  delimiter: Delimiter;
  hasHeader: boolean;
  /** Column names: the header's cells, or 'column 1', 'column 2', ... */
  names: string[];
  /** Data rows (blank lines dropped), each with its row number in the file. */
  rows: { line: number; cells: string[] }[];
}

/**
 * The encoding of a file's bytes by its byte-order mark (UTF-8 when there is none), for
 * `new TextDecoder(encoding)`, which drops the mark. The CLI and the import dialog both use it.
 */
export function sniffEncoding(bytes: Uint8Array): 'utf-8' | 'utf-16le' | 'utf-16be' {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return 'utf-8';
}

/** How much of a file is looked at for signs of binary data. */
const BINARY_SNIFF_CHARS = 64 * 1024;

export function parseCsvText(text: string, options: CsvTextOptions = {}): CsvText {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') throw new DataError('the file is empty: expected one example per row, e.g. "0.4,0.5,0.27"');
  // NUL never occurs in text; U+FFFD is what a decoder puts for bytes that are not UTF-8 or UTF-16
  const head = body.slice(0, BINARY_SNIFF_CHARS);
  if (head.includes('\0') || head.includes('\uFFFD')) {
    throw new DataError('this is not a CSV text file (it holds binary data, or text in an encoding other than UTF-8 or UTF-16 with a byte-order mark): save the table as CSV');
  }
  const delimiter = !options.delimiter || options.delimiter === 'auto' ? detectDelimiter(body) : options.delimiter;
  const records = splitRecords(body, delimiter);
  const first = records[0];
  const hasHeader = options.header === undefined || options.header === 'auto'
    ? first.cells.some((c) => c.trim() !== '' && parseNumber(c, delimiter) === undefined)
    : options.header;
  const width = first.cells.length;
  if (width > MAX_CSV_COLUMNS) throw new DataError(`row ${first.line} has ${width} columns; at most ${MAX_CSV_COLUMNS} are allowed (MAX_CSV_COLUMNS)`);
  const names = hasHeader ? first.cells.map((c, i) => c.trim() || `column ${i + 1}`) : first.cells.map((_, i) => `column ${i + 1}`);
  const seen = new Map<string, number>();
  names.forEach((name, i) => {
    const before = seen.get(name);
    if (before !== undefined) {
      throw new DataError(`the header names column '${name}' twice (columns ${before + 1} and ${i + 1}): give each column its own name`, { row: first.line, column: name });
    }
    seen.set(name, i);
  });
  const rows = hasHeader ? records.slice(1) : records;
  if (rows.length === 0) throw new DataError('the file has a header but no data rows');
  if (rows.length > MAX_CSV_ROWS) throw new DataError(`the file has ${rows.length} data rows; at most ${MAX_CSV_ROWS} are allowed (MAX_CSV_ROWS): import a sample`);
  for (const row of rows) {
    if (row.cells.length !== width) {
      const reference = hasHeader ? 'the header has' : `row ${first.line} has`;
      throw new DataError(`row ${row.line} has ${row.cells.length} cells, ${reference} ${width}`, { row: row.line });
    }
  }
  return { delimiter, hasHeader, names, rows };
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const DECIMAL_COMMA = /^[+-]?\d*,\d+$/;

/**
 * A cell as a number, or undefined. Semicolon files often come from locales that write
 * decimal commas ("0,27"), so there a single comma is read as the decimal point.
 */
export function parseNumber(cell: string, delimiter: Delimiter): number | undefined {
  const s = cell.trim();
  if (NUMBER.test(s)) return Number(s);
  if (delimiter === ';' && DECIMAL_COMMA.test(s)) return Number(s.replace(',', '.'));
  return undefined;
}

/** The candidate that occurs most often outside quotes on the first line; comma on a tie or none. */
function detectDelimiter(text: string): Delimiter {
  const counts = new Map<Delimiter, number>(DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && counts.has(ch as Delimiter)) counts.set(ch as Delimiter, counts.get(ch as Delimiter)! + 1);
  }
  let best: Delimiter = ',';
  for (const d of DELIMITERS) if (counts.get(d)! > counts.get(best)!) best = d;
  return best;
}

/** Splits text into records of cells, honouring quotes; drops blank lines but keeps their numbers. */
function splitRecords(text: string, delimiter: Delimiter): { line: number; cells: string[] }[] {
  const records: { line: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  let cellWasQuoted = false;
  const endRecord = (): void => {
    cells.push(cell);
    const blank = cells.length === 1 && cells[0].trim() === '' && !cellWasQuoted;
    if (!blank) records.push({ line: recordLine, cells });
    cells = [];
    cell = '';
    cellWasQuoted = false;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { cell += '"'; i++; }
      else if (ch === '"') quoted = false;
      else { if (ch === '\n') line++; cell += ch; }
    } else if (ch === '"' && cell.trim() === '') {
      quoted = true;
      cellWasQuoted = true;
      cell = '';
    } else if (ch === delimiter) {
      cells.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      line++;
      recordLine = line;
    } else {
      cell += ch;
    }
  }
  if (quoted) throw new DataError(`row ${recordLine}: a quoted cell is never closed: add the missing '"'`, { row: recordLine });
  if (cell !== '' || cells.length > 0 || cellWasQuoted) endRecord();
  return records;
}
