/**
 * Every entry point refuses an unknown flag or a bad value as a usage error (exit 2) naming the
 * flag, with the usage, before doing any work: each CLI command (serve included, which is also
 * `npm run serve`), `npm start` (scripts/start.mjs) and the Electron app's own argv check.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appArgsProblem, OTHER_ENTRY_FLAGS } from '../../src/main/services/args';
import { EXPORT_FLAGS } from '../../src/main/cli/commands/export';
import { GRADCHECK_FLAGS } from '../../src/main/cli/commands/gradcheck';
import { PREDICT_FLAGS } from '../../src/main/cli/commands/predict';
import { RUNS_FLAGS } from '../../src/main/cli/commands/runs';
import { SERVE_FLAGS } from '../../src/main/cli/commands/serve';
import { TRACE_FLAGS } from '../../src/main/cli/commands/trace';
import { TRAIN_FLAGS } from '../../src/main/cli/commands/train';
import { runCli, ROOT } from '../unit/cli/runCli';

const CASES: { args: string[]; flag: RegExp }[] = [
  { args: ['serve', '--max-jobs', 'abc'], flag: /--max-jobs/ },
  { args: ['serve', '--verbose'], flag: /unknown flag '--verbose'/ },
  { args: ['train', '--spec', 'x.json', '--epochs', '5'], flag: /unknown flag '--epochs'/ },
  { args: ['train', '--spec', 'x.json', '--seed', 'abc'], flag: /--seed/ },
  { args: ['trace', '--model', 'm.json', '--input', '1,x', '--target', '1', '--lr', '1'], flag: /--input/ },
  { args: ['predict', '--model', 'm.json', '--data', 'p.csv', '--batch', '4'], flag: /unknown flag '--batch'/ },
  { args: ['gradcheck', '--model', 'm.json', '--input', '1', '--target', '1', '--eps', '1'], flag: /unknown flag '--eps'/ },
  { args: ['export', '--run', 'one'], flag: /--run/ },
  { args: ['runs', 'list', '--experiment', '-1'], flag: /--experiment/ },
  { args: ['runs', 'list', '--all'], flag: /unknown flag '--all'/ },
  { args: ['help', 'train', 'serve'], flag: /help: takes one command name/ },
];

describe('CLI flags', () => {
  for (const { args, flag } of CASES) {
    it(`backprop-lab ${args.join(' ')} is a usage error`, () => {
      const result = runCli(args);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(flag);
      if (args[0] !== 'help') expect(result.stderr).toContain(`usage: backprop-lab ${args[0]}`);
      expect(result.stdout).toBe('');
    });
  }
});

describe('npm start flags', () => {
  for (const [args, flag] of [[['--max-jobs', 'abc'], /--max-jobs takes a whole number/], [['--bogus'], /unknown flag '--bogus'/], [['--port', '70000'], /--port/]] as const) {
    it(`npm start -- ${args.join(' ')} is a usage error before building`, () => {
      const result = spawnSync(process.execPath, [join(ROOT, 'scripts/start.mjs'), ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
      expect(result.status).toBe(2);
      expect(result.stderr).toMatch(flag);
      expect(result.stderr).toContain('usage: npm start');
    });
  }
});

describe("the Electron app's argv", () => {
  it("leaves Chromium's and Electron's own switches alone", () => {
    expect(appArgsProblem(['out/main/index.js', '--no-sandbox', '--inspect=0', '--remote-debugging-port=0', '--enable-logging'])).toBeUndefined();
    expect(appArgsProblem(['.', '--data-dir', '/tmp/lab'])).toBeUndefined();
    expect(appArgsProblem(['--data-dir=/tmp/lab'])).toBeUndefined();
  });

  it('refuses a --data-dir without a folder and the flags of the other entry points', () => {
    expect(appArgsProblem(['--data-dir'])).toMatch(/--data-dir needs a folder/);
    expect(appArgsProblem(['--data-dir='])).toMatch(/--data-dir needs a folder/);
    expect(appArgsProblem(['--data-dir', '--no-sandbox'])).toMatch(/--data-dir needs a folder/);
    expect(appArgsProblem(['--max-jobs', 'abc'])).toMatch(/unknown flag '--max-jobs'.*only --data-dir/);
    expect(appArgsProblem(['--port=8080'])).toMatch(/unknown flag '--port'/);
  });

  it('knows every flag of serve and the CLI as another entry point', () => {
    const all = [TRAIN_FLAGS, TRACE_FLAGS, PREDICT_FLAGS, GRADCHECK_FLAGS, EXPORT_FLAGS, RUNS_FLAGS, SERVE_FLAGS].flatMap((f) => Object.keys(f));
    const others = [...new Set(all)].filter((name) => name !== 'data-dir').sort();
    expect([...OTHER_ENTRY_FLAGS].sort()).toEqual(others);
  });
});
