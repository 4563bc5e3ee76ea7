/**
 * Fills a run database for the tracking benchmark: `runs` runs with varied hyperparameters, of
 * which `longRuns` have one `longSteps`-point batch_loss series (for the compare chart), and
 * the rest share the remaining points over train_loss, test_loss, train_acc and test_acc.
 * Points go through the store's own write path (metrics.insertBatch: one transaction per
 * batch, summaries maintained), so the figures include what the app pays on every write.
 */
import { openStore, type Store } from '../src/main/services/store';
import { CURVE_METRICS, METRIC } from '../src/shared/api/dto';
import { TrainSpecSchema, type TrainSpec } from '../src/shared/training/trainSpec';
import { mulberry32 } from '../src/shared/nn/rng';

export interface FillOptions { runs: number; points: number; longRuns: number; longSteps: number }
export interface FillResult { store: Store; longRunIds: number[]; seconds: number; points: number }

const ACTIVATIONS = ['relu', 'tanh', 'sigmoid', 'leaky-relu'] as const;
const OPTIMIZERS = ['sgd', 'momentum', 'adam'] as const;
const RATES = [0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1];
/** Points per insertBatch call: what about a second of a fast run's progress would carry. */
const BATCH_POINTS = 20_000;

function specFor(k: number, rng: () => number): TrainSpec {
  const activation = ACTIVATIONS[k % ACTIVATIONS.length];
  return TrainSpecSchema.parse({
    name: `bench ${k}`,
    dataset: { kind: 'builtin', name: k % 3 === 0 ? 'spiral' : 'circle', samples: 500, testFraction: 0.2 },
    layers: [{ units: 4 + (k % 5) * 4, activation }, { units: 8, activation }, { units: 1, activation: 'sigmoid' }],
    loss: 'bce',
    optimizer: { kind: OPTIMIZERS[k % OPTIMIZERS.length] },
    learningRate: RATES[Math.floor(rng() * RATES.length)],
    batchSize: [16, 32, 64, 0][k % 4],
    epochs: 100,
    seed: k,
  });
}

function insertSeries(store: Store, runId: number, names: readonly string[], steps: number, rng: () => number, startTime: number): void {
  for (let from = 0; from < steps; from += Math.floor(BATCH_POINTS / names.length)) {
    const n = Math.min(Math.floor(BATCH_POINTS / names.length), steps - from);
    store.metrics.insertBatch(runId, names.map((name) => {
      const step = new Float64Array(n);
      const epoch = new Float64Array(n);
      const value = new Float64Array(n);
      const time = new Float64Array(n);
      const acc = name.includes('acc');
      for (let i = 0; i < n; i++) {
        const s = from + i;
        step[i] = s;
        epoch[i] = s / 50;
        const trend = Math.exp(-s / (steps / 4));
        value[i] = acc ? 1 - 0.5 * trend + 0.02 * rng() : 0.7 * trend + 0.05 * rng();
        time[i] = startTime + s * 2;
      }
      return { name, step, epoch, value, time };
    }));
  }
}

export function fillDatabase(file: string, options: FillOptions, log: (line: string) => void = () => {}): FillResult {
  const store = openStore(file);
  const rng = mulberry32(7);
  const started = performance.now();
  const experiments = Array.from({ length: 5 }, (_, e) => store.experiments.create(`bench experiment ${e + 1}`).id);
  const shortNames = CURVE_METRICS;
  const longPoints = options.longRuns * options.longSteps;
  const perShortRun = Math.floor((options.points - longPoints) / Math.max(1, options.runs - options.longRuns) / shortNames.length);
  const longRunIds: number[] = [];
  let points = 0;
  for (let k = 0; k < options.runs; k++) {
    const spec = specFor(k, rng);
    const run = store.runs.create({
      experimentId: experiments[k % experiments.length], name: spec.name!, spec, dataset: spec.dataset.name,
      architecture: `2-${spec.layers.map((l) => l.units).join('-')}`, status: 'queued',
    });
    store.runs.markStarted(run.id);
    const long = k < options.longRuns;
    const steps = long ? options.longSteps : perShortRun;
    const names = long ? [METRIC.batchLoss] : shortNames;
    insertSeries(store, run.id, names, steps, rng, Date.now());
    points += steps * names.length;
    store.runs.setPosition(run.id, steps, steps / 50, {});
    store.runs.markFinished(run.id, k % 17 === 0 ? 'diverged' : 'completed', null);
    if (long) longRunIds.push(run.id);
    if ((k + 1) % 100 === 0) log(`filled ${k + 1}/${options.runs} runs, ${points} points, ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  return { store, longRunIds, seconds: (performance.now() - started) / 1000, points };
}
