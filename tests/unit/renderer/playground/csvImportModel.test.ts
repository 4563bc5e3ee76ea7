import { describe, expect, it } from 'vitest';
import { describeCsv, tooLarge, type CsvChoices } from '../../../../src/renderer/src/playground/csvImportModel';

const choices = (c: Partial<CsvChoices> = {}): CsvChoices => ({ task: 'auto', scaling: 'min-max', testFraction: 0, name: 'energy', ...c });
const ENERGY = 'temperature,people,energy\n-5,20,200\n5,30,127\n10,50,150\n20,10,100\n15,40,110\n';

describe('the CSV import', () => {
  it('waits for text before showing anything', () => {
    expect(describeCsv('  ', choices())).toEqual({ state: 'empty' });
  });

  it('offers the columns, takes the last as target and shows raw and min-max scaled rows', () => {
    const state = describeCsv(ENERGY, choices());
    if (state.state !== 'ready') throw new Error(JSON.stringify(state));
    expect(state.columns).toEqual(['temperature', 'people', 'energy']);
    expect(state.inputs).toEqual([0, 1]);
    expect(state.target).toBe(2);
    expect(state.spec.task).toBe('regression');
    expect(state.headers).toEqual(['temperature', 'people', 'energy']);
    // the lecture's row: 5 °C, 30 people, 127 kWh -> 0.4, 0.5, 0.27
    expect(state.rows[1].raw).toEqual([5, 30, 127]);
    expect(state.rows[1].scaled.map((v) => Number(v.toFixed(2)))).toEqual([0.4, 0.5, 0.27]);
  });

  it('keeps raw values when scaling is none and follows a chosen target and inputs', () => {
    const state = describeCsv(ENERGY, choices({ scaling: 'none', target: 0, inputs: [1] }));
    if (state.state !== 'ready') throw new Error(JSON.stringify(state));
    expect(state.spec.inputNames).toEqual(['people']);
    expect(state.spec.outputNames).toEqual(['temperature']);
    expect(state.rows[0].scaled).toEqual(state.rows[0].raw);
  });

  it('holds out a fifth of a larger table for testing unless told otherwise', () => {
    const rows = Array.from({ length: 30 }, (_, i) => `${i},${i % 2}`).join('\n');
    const state = describeCsv(`x,y\n${rows}\n`, choices({ testFraction: undefined }));
    expect(state.state === 'ready' && state.spec.testFraction).toBe(0.2);
    const small = describeCsv(ENERGY, choices({ testFraction: undefined }));
    expect(small.state === 'ready' && small.spec.testFraction).toBe(0);
  });

  it('turns text labels into classes', () => {
    const state = describeCsv('a,b,label\n0,0,no\n1,1,yes\n0,1,no\n', choices());
    expect(state.state === 'ready' && state.spec.task).toBe('classification');
  });

  it('names the row and column of a missing or non-numeric cell, and the row of a ragged one', () => {
    const missing = describeCsv('x,y,t\n1,2,3\n4,,6\n', choices());
    expect(missing).toMatchObject({ state: 'error', message: "row 3, column 'y': empty cell", columns: ['x', 'y', 't'] });
    const text = describeCsv('x,y,t\n1,2,3\n4,abc,6\n', choices());
    expect(text).toMatchObject({ state: 'error', message: "row 3, column 'y': 'abc' is not a number" });
    const ragged = describeCsv('x,y,t\n1,2,3\n4,5\n', choices());
    expect(ragged).toMatchObject({ state: 'error', message: 'row 3 has 2 cells, the header has 3' });
  });

  it('says why a file with only a header or no input columns cannot train', () => {
    expect(describeCsv('x,y\n', choices())).toMatchObject({ state: 'error', message: 'the file has a header but no data rows' });
    expect(describeCsv(ENERGY, choices({ inputs: [] }))).toMatchObject({ state: 'error', message: expect.stringContaining('no input columns') });
  });

  it('refuses a huge file before reading it', () => {
    expect(tooLarge('big.csv', 10)).toBeNull();
    expect(tooLarge('big.csv', 120 * 1024 * 1024)).toBe('big.csv is 120 MB; the import takes files up to 50 MB (MAX_CSV_BYTES) and 100,000 rows: import a sample of it');
  });
});
