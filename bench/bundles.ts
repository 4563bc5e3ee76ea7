/**
 * `npm run bench:bundles`: the run-bundle figures of issue #18. Fills a store with 1,000 runs of
 * 10,000 metric points each (bench/fill-db.ts, the store's own write path) and two checkpoints
 * per run, writes them all to one bundle, then merges the bundle into an empty store, and again
 * (every run already there). The goal: the merge of 1,000 runs x 10,000 points under 20 s.
 * Prints one JSON line per figure on stdout; progress on stderr. A benchmark, not a test: it
 * asserts nothing.
 *
 *   --runs N --points-per-run N   a smaller or larger store
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../src/main/services/store';
import { fillDatabase } from './fill-db';
import { printFigure, wholeNumberOption } from './cliOptions';

const option = wholeNumberOption;
const print = printFigure;
const log = (line: string): void => { process.stderr.write(`${line}\n`); };
const seconds = (since: number): number => Number(((performance.now() - since) / 1000).toFixed(2));

const argv = process.argv.slice(2);
const runs = option(argv, 'runs', 1000);
const perRun = option(argv, 'points-per-run', 10_000);
const dir = mkdtempSync(join(tmpdir(), 'backprop-lab-bench-bundles-'));
try {
  log(`filling ${runs} runs x ${perRun} points in ${dir} ...`);
  const { store, points, seconds: fillSeconds } = fillDatabase(join(dir, 'source.sqlite'), { runs, points: runs * perRun, longRuns: 0, longSteps: 1 }, log);
  for (const run of store.runs.list()) {
    // a small net's first and last checkpoint (2-16-8-1 has 193 parameters)
    store.checkpoints.add(run.id, 0, 0, new Float64Array(193).fill(0.5));
    store.checkpoints.add(run.id, run.step, run.epoch, new Float64Array(193).fill(0.25));
  }
  print({ figure: 'fill', runs, points, seconds: Number(fillSeconds.toFixed(1)) });

  const bundle = join(dir, 'all.bplab');
  let t = performance.now();
  const written = store.bundles.export(bundle, undefined, 'bench');
  print({ figure: 'export', runs: written.runs, seconds: seconds(t), bundleBytes: written.bytes, bundleMiB: Number((written.bytes / 2 ** 20).toFixed(1)) });
  store.close();

  const target = openStore(join(dir, 'target.sqlite'));
  t = performance.now();
  const first = target.bundles.import([bundle]);
  print({ figure: 'import into an empty store', runsAdded: first.added.length, points, seconds: seconds(t), goalSeconds: 20 });
  t = performance.now();
  const again = target.bundles.import([bundle]);
  print({ figure: 'import again (every run already there)', runsAdded: again.added.length, alreadyPresent: again.alreadyPresent, seconds: seconds(t) });
  target.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
