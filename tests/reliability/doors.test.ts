/**
 * Every door refuses the same bad input with the same words, and stores nothing: each spec of
 * tests/fixtures/bad-specs goes through the API (runs.start, and as a sweep's base through
 * sweeps.start) and the CLI (`train --spec`); each model file of tests/fixtures/bad-models goes
 * through the API (models.import) and the CLI (`trace --model`). Each folder's index.json maps a
 * file to the message (a regular expression) it must produce.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/main/services/store';
import { runCli, ROOT, tempDir as cliTempDir } from '../unit/cli/runCli';
import { servicesPerFile } from '../integration/helpers';

interface Expected { message: string }

function corpus(folder: string): { file: string; text: string; expected: RegExp }[] {
  const dir = join(ROOT, 'tests/fixtures', folder);
  const index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')) as Record<string, Expected>;
  const files = readdirSync(dir).filter((f) => f !== 'index.json').sort();
  // every file has its expected message and every entry its file
  expect(files).toEqual(Object.keys(index).sort());
  return files.map((file) => ({ file: join(dir, file), text: readFileSync(join(dir, file), 'utf8'), expected: new RegExp(index[file].message) }));
}

const badSpecs = corpus('bad-specs');
const badModels = corpus('bad-models');

describe('bad specs and model files through the API', () => {
  const lab = servicesPerFile();

  const nothingStored = async (): Promise<void> => {
    const runs = await lab.services.router.call('runs.list', {});
    expect(runs).toEqual({ ok: true, value: [] });
    const models = await lab.services.router.call('models.list', {});
    expect(models).toEqual({ ok: true, value: [] });
    const experiments = await lab.services.router.call('experiments.list', {});
    expect(experiments.ok && (experiments.value as unknown[]).length).toBe(1); // the default experiment only
  };

  for (const { file, text, expected } of badSpecs) {
    const name = file.split('/').pop()!;
    it(`runs.start refuses ${name}`, async () => {
      const result = await lab.services.router.call('runs.start', { spec: JSON.parse(text) });
      if (result.ok) throw new Error('expected a bad request');
      expect(result.error.code).toBe('bad-request');
      expect(result.error.message).toMatch(expected);
      await nothingStored();
    });

    it(`sweeps.start refuses ${name} as its base`, async () => {
      const sweep = { method: 'grid', base: JSON.parse(text), parameters: [{ path: 'seed', values: [1, 2] }] };
      const result = await lab.services.router.call('sweeps.start', { sweep });
      if (result.ok) throw new Error('expected a bad request');
      expect(result.error.code).toBe('bad-request');
      expect(result.error.message).toMatch(expected);
      await nothingStored();
    });
  }

  it('sweeps.start checks every trial before storing any', async () => {
    const base = JSON.parse(readFileSync(join(ROOT, 'resources/examples/xor.spec.json'), 'utf8'));
    const outputs = await lab.services.router.call('sweeps.start', { sweep: { method: 'grid', base, parameters: [{ path: `layers.${base.layers.length - 1}.units`, values: [1, 3] }] } });
    expect(outputs.ok || outputs.error.message).toMatch(/the output layer has 3 units/);
    const wide = { ...base, layers: [{ units: 2, activation: 'tanh' }, { units: 2000, activation: 'tanh' }, base.layers[base.layers.length - 1]] };
    const budget = await lab.services.router.call('sweeps.start', { sweep: { method: 'grid', base: wide, parameters: [{ path: 'layers.0.units', values: [2, 4000] }] } });
    expect(budget.ok || budget.error.message).toMatch(/layers\.0\.units=4000: layers: a 2-4000-2000-1 network has 8,\d{3},\d{3} parameters; the limit is 4,000,000/);
    await nothingStored();
  });

  for (const { file, text, expected } of badModels) {
    it(`models.import refuses ${file.split('/').pop()}`, async () => {
      const result = await lab.services.router.call('models.import', { text });
      if (result.ok) throw new Error('expected a bad request');
      expect(result.error.code).toBe('bad-request');
      expect(result.error.message).toMatch(expected);
      await nothingStored();
    });
  }
});

describe('bad specs and model files through the CLI', () => {
  const dataDir = cliTempDir();
  const database = join(dataDir, 'backprop-lab.sqlite');

  const nothingStored = (): void => {
    if (!existsSync(database)) return;
    const store = openStore(database);
    try {
      expect(store.runs.list()).toEqual([]);
    } finally {
      store.close();
    }
  };

  for (const { file, expected } of badSpecs) {
    it(`train --spec refuses ${file.split('/').pop()}`, () => {
      const result = runCli(['train', '--spec', file, '--data-dir', dataDir]);
      expect(result.stderr).toMatch(expected);
      expect(result.stderr).not.toMatch(/internal error/);
      expect(result.code).toBe(1);
      expect(result.stdout).toBe('');
      nothingStored();
    });
  }

  for (const { file, expected } of badModels) {
    it(`trace --model refuses ${file.split('/').pop()}`, () => {
      const result = runCli(['trace', '--model', file, '--input', '0.1,0.2', '--target', '0.5', '--lr', '0.5']);
      expect(result.stderr).toMatch(expected);
      expect(result.stderr).not.toMatch(/internal error/);
      expect(result.code).toBe(1);
      expect(result.stdout).toBe('');
    });
  }
});
