#!/usr/bin/env node
// Runs the test suites again and again, in shuffled order with a new seed each time, optionally
// while another process keeps one core busy, and counts the failures: the check that the suite
// does not flake (issue 17). Not part of `npm test` or .ci/run: it takes tens of minutes.
//
//   npm run test:repeat -- [--unit N] [--e2e N] [--busy] [--seed S]
//
// --unit N   vitest runs (default 20), each with --sequence.shuffle and seed S, S+1, ...
// --e2e N    Playwright runs (default 5) against one browser-mode build made first
// --busy     a child process spins on one core for the whole time
// --seed S   the first shuffle seed (default: the current time), printed so a failure can be replayed
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const USAGE = 'usage: npm run test:repeat -- [--unit N] [--e2e N] [--busy] [--seed S]';

function parseArgs(argv) {
  const options = { unit: 20, e2e: 5, busy: false, seed: Date.now() % 1_000_000 };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (flag === '--busy') {
      options.busy = true;
      continue;
    }
    const key = { '--unit': 'unit', '--e2e': 'e2e', '--seed': 'seed' }[flag];
    const value = Number(argv[i + 1]);
    if (!key || !Number.isInteger(value) || value < 0) {
      console.error(`${flag === undefined ? 'missing flag' : `bad flag or value: ${flag} ${argv[i + 1] ?? ''}`}\n${USAGE}`);
      process.exit(2);
    }
    options[key] = value;
    i += 1;
  }
  return options;
}

/** Runs a command with its output sent to a log file; resolves with its exit code. */
function run(command, args, logFile) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env: process.env });
    const chunks = [];
    child.stdout.on('data', (c) => chunks.push(c));
    child.stderr.on('data', (c) => chunks.push(c));
    child.on('close', (code) => {
      writeFileSync(logFile, Buffer.concat(chunks));
      resolve(code ?? 1);
    });
  });
}

const options = parseArgs(process.argv.slice(2));
// outside test-results/, which Playwright empties at the start of every run
const logDir = join(tmpdir(), `backprop-lab-repeat-${options.seed}`);
mkdirSync(logDir, { recursive: true });

const busy = options.busy ? spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }) : null;
const stopBusy = () => busy?.kill('SIGKILL');
process.on('exit', stopBusy);
process.on('SIGINT', () => process.exit(130));

const tally = { unit: { runs: 0, failed: [] }, e2e: { runs: 0, failed: [] } };
console.log(`repeat: ${options.unit} vitest runs (shuffled, seeds from ${options.seed}), ${options.e2e} Playwright runs${options.busy ? ', one core kept busy' : ''}; logs in ${logDir}/`);

for (let k = 0; k < options.unit; k++) {
  const seed = options.seed + k;
  const log = join(logDir, `unit-${seed}.log`);
  const began = Date.now();
  const code = await run('npx', ['vitest', 'run', '--sequence.shuffle', `--sequence.seed=${seed}`], log);
  tally.unit.runs += 1;
  if (code !== 0) tally.unit.failed.push(seed);
  console.log(`unit run ${k + 1}/${options.unit} seed ${seed}: ${code === 0 ? 'passed' : `FAILED (see ${log})`} in ${((Date.now() - began) / 1000).toFixed(0)} s`);
}

if (options.e2e > 0) {
  const build = spawnSync('npx', ['electron-vite', 'build'], { stdio: 'inherit' });
  if (build.status !== 0) {
    console.error('repeat: the build for the Playwright runs failed');
    process.exit(1);
  }
}
for (let k = 0; k < options.e2e; k++) {
  const log = join(logDir, `e2e-${k + 1}.log`);
  const began = Date.now();
  const code = await run('npx', ['playwright', 'test'], log);
  tally.e2e.runs += 1;
  if (code !== 0) tally.e2e.failed.push(k + 1);
  console.log(`e2e run ${k + 1}/${options.e2e}: ${code === 0 ? 'passed' : `FAILED (see ${log})`} in ${((Date.now() - began) / 1000).toFixed(0)} s`);
}

stopBusy();
const failures = tally.unit.failed.length + tally.e2e.failed.length;
console.log(`repeat: vitest ${tally.unit.runs - tally.unit.failed.length}/${tally.unit.runs} passed${tally.unit.failed.length ? ` (failed seeds: ${tally.unit.failed.join(', ')})` : ''}; `
  + `Playwright ${tally.e2e.runs - tally.e2e.failed.length}/${tally.e2e.runs} passed${tally.e2e.failed.length ? ` (failed runs: ${tally.e2e.failed.join(', ')})` : ''}`);
process.exit(failures === 0 ? 0 : 1);
