/**
 * `npm run bench:tracking`: fills a temporary database (1,000 runs, 10 million metric points,
 * 20 of the runs with 100,000-step series), then times what the runs and compare views ask:
 * runs.table with and without filters, and 20 runs x 100k steps downsampled for the chart.
 * Prints one JSON line per figure on stdout; progress on stderr.
 *
 *   --runs N --points N --long-runs N --long-steps N   a smaller or larger database
 *   --keep                                             leave the database in place (its path is printed)
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRouter } from '../src/main/services/router';
import { createHandlers } from '../src/main/services/handlers';
import { EventBus } from '../src/main/services/events';
import { TrainingHost } from '../src/main/services/training/host';
import { METRIC } from '../src/shared/api/dto';
import type { CompareSeries, RunsTable } from '../src/shared/api/trackingDto';
import { fillDatabase, type FillOptions } from './fill-db';
import { printFigure, wholeNumberOption } from './cliOptions';

const option = wholeNumberOption;
const print = printFigure;

/** The median of `repeat` timings of `work`, in milliseconds, and the last result. */
async function timed<T>(repeat: number, work: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const times: number[] = [];
  let result!: T;
  for (let k = 0; k < repeat; k++) {
    const t = performance.now();
    result = await work();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { ms: Number(times[Math.floor(times.length / 2)].toFixed(1)), result };
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const options: FillOptions = {
    runs: option(argv, 'runs', 1000), points: option(argv, 'points', 10_000_000),
    longRuns: option(argv, 'long-runs', 20), longSteps: option(argv, 'long-steps', 100_000),
  };
  const dir = mkdtempSync(join(tmpdir(), 'backprop-lab-bench-'));
  const file = join(dir, 'bench.sqlite');
  const fill = fillDatabase(file, options, (line) => process.stderr.write(`${line}\n`));
  const { store } = fill;
  store.checkpointWal();
  print({ figure: 'fill', runs: options.runs, points: fill.points, seconds: Number(fill.seconds.toFixed(1)), pointsPerSecond: Math.round(fill.points / fill.seconds), megabytes: Math.round(statSync(file).size / 1e6) });

  // the router over the real handlers, as the renderer calls it (no workers are started)
  const host = new TrainingHost({ store, bus: new EventBus(), maxJobs: 1 });
  const router = createRouter(createHandlers({ store, host, mode: 'browser', dataDir: dir }));
  const call = async <T>(method: string, request: unknown): Promise<T> => {
    const r = await router.call(method, request);
    if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
    return r.value as T;
  };

  const first = await timed(1, () => call<RunsTable>('runs.table', {}));
  print({ figure: 'runs.table first open', ms: first.ms, rows: first.result.rows.length });
  const queries: [string, Record<string, unknown>][] = [
    ['all runs', {}],
    ['filter lr < 0.1 and activation = relu', { filter: 'lr < 0.1 and activation = relu' }],
    ['filter test_acc > 0.9 or status = diverged', { filter: 'test_acc > 0.9 or status = diverged' }],
    ['search + sort by best test_acc', { search: 'bench 1', sort: { key: 'test_acc.best', direction: 'desc' } }],
    ['one experiment, filter optimizer = adam', { experimentId: 2, filter: 'optimizer = adam' }],
  ];
  for (const [label, request] of queries) {
    const { ms, result } = await timed(5, () => call<RunsTable>('runs.table', request));
    print({ figure: `runs.table ${label}`, ms, rows: result.rows.length, bytes: JSON.stringify(result).length });
  }

  for (const maxPoints of [1000, 2000]) {
    const { ms, result } = await timed(3, () => call<CompareSeries[]>('runs.series', { ids: fill.longRunIds, names: [METRIC.batchLoss], maxPoints }));
    const shown = result.reduce((n, s) => n + s.step.length, 0);
    const stored = result.reduce((n, s) => n + s.total, 0);
    print({ figure: `runs.series ${fill.longRunIds.length} runs downsampled to ${maxPoints}`, ms, storedPoints: stored, pointsReturned: shown, bytes: JSON.stringify(result).length });
  }
  const zoom = await timed(3, () => call<CompareSeries[]>('runs.series', { ids: fill.longRunIds, names: [METRIC.batchLoss], maxPoints: 1000, range: { from: 40_000, to: 50_000 } }));
  print({ figure: `runs.series ${fill.longRunIds.length} runs zoomed to 10k steps`, ms: zoom.ms, pointsReturned: zoom.result.reduce((n, s) => n + s.step.length, 0) });

  await host.close();
  store.close();
  if (argv.includes('--keep')) process.stderr.write(`database kept at ${file}\n`);
  else rmSync(dir, { recursive: true, force: true });
}

await main();
