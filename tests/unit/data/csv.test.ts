import { describe, expect, it } from 'vitest';
import { buildDataset, DataError, importCsv, parseCsvText } from '../../../src/shared/data';

// The raw columns of resources/examples/energy.csv under short names.
const ENERGY = 'temp,people,energy\n-5,20,200\n5,30,127\n10,50,150\n20,10,100\n15,40,110\n';

function errorOf(fn: () => unknown): DataError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(DataError);
    return e as DataError;
  }
  throw new Error('expected a DataError');
}

describe('CSV import', () => {
  it('reads a headed file: inputs default to all columns but the last, the target', () => {
    const spec = importCsv(ENERGY);
    expect(spec.inputNames).toEqual(['temp', 'people']);
    expect(spec.outputNames).toEqual(['energy']);
    expect(spec.task).toBe('regression');
    expect(spec.scaling).toBe('min-max');
    expect(spec.inputs[1]).toEqual([5, 30]);
    expect(spec.targets[1]).toEqual([127]);
  });

  it('gives the lecture scaling when the imported spec is built', () => {
    const data = buildDataset(importCsv(ENERGY));
    expect([data.train.x[2], data.train.x[3], data.train.y[1]]).toEqual([0.4, 0.5, 0.27]);
  });

  it('detects semicolons with decimal commas, tabs, and a missing header', () => {
    expect(importCsv('a;b;c\n0,5;1;2\n1;2;3').inputs[0]).toEqual([0.5, 1]);
    expect(importCsv('a\tb\n1\t2\n3\t4').inputs).toEqual([[1], [3]]);
    const headless = parseCsvText('1,2,3\n4,5,6\n');
    expect(headless.hasHeader).toBe(false);
    expect(headless.names).toEqual(['column 1', 'column 2', 'column 3']);
    expect(headless.rows).toHaveLength(2);
  });

  it('reads quoted cells holding delimiters, quotes and newlines', () => {
    const csv = parseCsvText('"name, full","say ""hi""",v\n"a\nb",x,1\r\n');
    expect(csv.names).toEqual(['name, full', 'say "hi"', 'v']);
    expect(csv.rows[0].cells).toEqual(['a\nb', 'x', '1']);
  });

  it('chooses inputs and targets by name or 0-based index', () => {
    const spec = importCsv(ENERGY, { inputs: ['people', 0], targets: [2] });
    expect(spec.inputNames).toEqual(['people', 'temp']);
    expect(spec.inputs[0]).toEqual([20, -5]);
  });

  it('turns two class labels into one 0/1 column and more into one-hot rows', () => {
    const binary = importCsv('x,ok\n1,no\n2,yes\n3,no\n');
    expect(binary.task).toBe('classification');
    expect(binary.outputNames).toEqual(['ok=yes']);
    expect(binary.targets).toEqual([[0], [1], [0]]);
    const multi = importCsv('x,digit\n1,10\n2,2\n3,7\n', { task: 'classification' });
    expect(multi.outputNames).toEqual(['digit=2', 'digit=7', 'digit=10']);
    expect(multi.targets).toEqual([[0, 0, 1], [1, 0, 0], [0, 1, 0]]);
  });

  it('names row and column of an empty cell', () => {
    const e = errorOf(() => importCsv('temp,people,energy\n1,2,3\n4,5,6\n7,,9\n'));
    expect(e.message).toBe("row 4, column 'people': empty cell");
    expect([e.row, e.column]).toEqual([4, 'people']);
  });

  it('names row and column of a cell that is not a number', () => {
    const text = 'temp,people,energy\n1,2,3\n1,2,3\n1,2,3\n1,2,3\n1,2,3\nabc,2,3\n';
    expect(errorOf(() => importCsv(text)).message).toBe("row 7, column 'temp': 'abc' is not a number");
  });

  it('counts cells of a ragged row against the header', () => {
    expect(errorOf(() => importCsv('a,b,c\n1,2,3\n4,5\n')).message).toBe('row 3 has 2 cells, the header has 3');
    expect(errorOf(() => importCsv('1,2,3\n4,5\n')).message).toBe('row 2 has 2 cells, row 1 has 3');
  });

  it('refuses an empty file and a header without data', () => {
    expect(errorOf(() => importCsv('  \n\n')).message).toMatch(/^the file is empty/);
    expect(errorOf(() => importCsv('a,b\n')).message).toBe('the file has a header but no data rows');
  });

  it('refuses more rows or columns than the limits allow', () => {
    const tall = 'a,b\n' + '1,2\n'.repeat(100_001);
    expect(errorOf(() => importCsv(tall)).message).toMatch(/100001 data rows; at most 100000/);
    const wide = Array.from({ length: 5001 }, (_, i) => `c${i}`).join(',') + '\n';
    expect(errorOf(() => importCsv(wide)).message).toMatch(/5001 columns; at most 5000/);
  });

  it('names unknown columns, overlapping choices and unclosed quotes', () => {
    expect(errorOf(() => importCsv(ENERGY, { targets: ['kwh'] })).message).toBe("no column named 'kwh': the columns are 'temp', 'people', 'energy'");
    expect(errorOf(() => importCsv(ENERGY, { inputs: ['temp'], targets: ['temp'] })).message).toMatch(/column 'temp' is both an input and a target/);
    expect(errorOf(() => importCsv('a,b\n"1,2\n')).message).toMatch(/row 2: a quoted cell is never closed/);
    expect(errorOf(() => importCsv(ENERGY, { targets: [7] })).message).toMatch(/column index 7 does not exist/);
  });

  it('uses 1-based column numbers in messages for a file without header', () => {
    expect(errorOf(() => importCsv('1,2\n3,x\n', { task: 'regression' })).message).toBe("row 2, column 2: 'x' is not a number");
  });
});
