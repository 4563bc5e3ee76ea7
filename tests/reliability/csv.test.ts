/**
 * The bad-CSV corpus (tests/fixtures/bad-csv/index.json: file → the message it must produce)
 * through every door: the shared parser, the import dialog's describer (what the worker runs),
 * the CLI's file reading (`predict`) and, for problems that survive into a dataset spec sent by
 * a client that skipped the parser, the API. Files too big to commit are generated here.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importCsv } from '../../src/shared/data/csv';
import { sniffEncoding } from '../../src/shared/data/csvText';
import { createCsvDescriber } from '../../src/renderer/src/playground/csvImportModel';
import { predictCommand } from '../../src/main/cli/commands/predict';
import { call, servicesPerTest, tempDir, xorSpec } from '../integration/helpers';
import type { RunSummary } from '../../src/shared/api/dto';

const FOLDER = fileURLToPath(new URL('../fixtures/bad-csv/', import.meta.url));
const INDEX = JSON.parse(readFileSync(join(FOLDER, 'index.json'), 'utf8')) as { files: Record<string, string | null> };
const CORPUS = Object.entries(INDEX.files);

const decode = (bytes: Uint8Array): string => new TextDecoder(sniffEncoding(bytes)).decode(bytes);
const toArrayBuffer = (bytes: Uint8Array): ArrayBuffer => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;

function parserMessage(bytes: Uint8Array): string | null {
  try {
    importCsv(decode(bytes));
    return null;
  } catch (err) {
    return (err as Error).message;
  }
}

function dialogMessage(bytes: Uint8Array): string | null {
  const { state } = createCsvDescriber()({ id: 1, sourceId: 1, source: { bytes: toArrayBuffer(bytes) }, choices: { task: 'auto', scaling: 'min-max', name: 'f' } });
  if (state.state === 'ready') return null;
  return state.state === 'error' ? state.message : 'the dialog shows nothing';
}

/** A model taking `inputs` inputs, for `predict`. */
function modelFile(dir: string, inputs: number): string {
  const file = join(dir, `model-${inputs}.json`);
  writeFileSync(file, JSON.stringify({
    format: 'backprop-lab.model', version: 1, inputs,
    layers: [{ units: 1, activation: 'linear', weights: Array.from({ length: inputs }, () => [1]), bias: [0] }], loss: 'mse',
  }));
  return file;
}

function cliMessage(path: string, inputs: number, dir: string): string | null {
  try {
    predictCommand(['--model', modelFile(dir, inputs), '--data', path]);
    return null;
  } catch (err) {
    const message = (err as Error).message;
    return message.startsWith(`${path}: `) ? message.slice(path.length + 2) : message;
  }
}

const expectMessage = (actual: string | null, expected: string | null): void => {
  if (expected === null) expect(actual).toBeNull();
  else expect(actual).toMatch(new RegExp(expected));
};

describe('the bad-CSV corpus', () => {
  it('has an expected message for every file of the folder', () => {
    const files = readFileSync(join(FOLDER, 'index.json'), 'utf8');
    expect(CORPUS.length).toBeGreaterThan(5);
    expect(files).toBeTruthy();
  });

  describe.each(CORPUS)('%s', (file, expected) => {
    const path = join(FOLDER, file);
    const bytes = new Uint8Array(readFileSync(path));

    it('the shared parser names the problem', () => expectMessage(parserMessage(bytes), expected));
    it('the import dialog shows the same message', () => expectMessage(dialogMessage(bytes), expected));
    it('the CLI reads the file as the dialog does', () => {
      const dir = tempDir();
      try {
        // predict takes every column as an input
        const columns = expected === null ? decode(bytes).split('\n')[0].split(',').length : 3;
        expectMessage(cliMessage(path, columns, dir.dir), expected);
      } finally {
        dir.remove();
      }
    });
  });

  it('reads UTF-16 files with a byte-order mark alike in the dialog, the parser and the CLI', () => {
    for (const file of ['utf16le-bom.csv', 'utf16be-bom.csv']) {
      const spec = importCsv(decode(new Uint8Array(readFileSync(join(FOLDER, file)))));
      expect(spec.inputNames).toEqual(['temperature', 'people']);
      expect(spec.targets.map((t) => t[0])).toEqual([200, 127, 150, 100]);
    }
  });
});

describe('generated files over a limit', () => {
  const row = (width: number, r: number): string => Array.from({ length: width }, (_, c) => (r * width + c) % 7).join(',');
  const table = (width: number, rows: number): Uint8Array => {
    const header = Array.from({ length: width }, (_, c) => `c${c}`).join(',');
    return new TextEncoder().encode([header, ...Array.from({ length: rows }, (_, r) => row(width, r))].join('\n'));
  };
  const cases: [string, () => Uint8Array, string][] = [
    ['more input columns than a network takes', () => table(4_101, 3), '^4100 input columns: a network takes at most 4096 inputs \\(MAX_INPUTS\\)'],
    ['more columns than the import reads', () => table(5_001, 3), '^row 1 has 5001 columns; at most 5000 are allowed \\(MAX_CSV_COLUMNS\\)'],
    ['more rows than the import keeps', () => table(2, 100_001), '^the file has 100001 data rows; at most 100000 are allowed \\(MAX_CSV_ROWS\\)'],
  ];
  it.each(cases)('%s', (_, make, expected) => {
    const bytes = make();
    expectMessage(parserMessage(bytes), expected);
    expectMessage(dialogMessage(bytes), expected);
  });
});

describe('the API, sent what the parser would refuse', () => {
  const ctx = servicesPerTest();
  const inline = (inputs: number[][], targets: number[][], scaling: 'min-max' | 'standardize') => ({
    kind: 'inline', name: 'hostile', task: 'regression', inputNames: inputs[0].map((_, i) => `x${i + 1}`), outputNames: ['y'], inputs, targets, scaling,
  });
  const huge = (scaling: 'min-max' | 'standardize') => inline([[1], [1e308], [-1e308], [2]], [[0], [1], [0], [1]], scaling);

  it.each(['min-max', 'standardize'] as const)('answers values that overflow %s scaling with a message naming the column', async (scaling) => {
    const preview = await ctx.services.router.call('datasets.preview', { spec: huge(scaling) });
    expect(preview).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(!preview.ok && preview.error.message).toMatch(/inputs row 2, column 'x1': 1e\+308 is too large; values must lie within ±1e\+150 \(MAX_CSV_MAGNITUDE\)/);
    // refused before anything is stored, naming the column, instead of "diverging at step 1"
    const started = await ctx.services.router.call('runs.start', { spec: { ...xorSpec(), dataset: huge(scaling), layers: [{ units: 1, activation: 'linear' }], loss: 'mse' } });
    expect(started).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(!started.ok && started.error.message).toMatch(/column 'x1': 1e\+308 is too large/);
    expect(await call<RunSummary[]>(ctx.services, 'runs.list', {})).toEqual([]);
  });
});
