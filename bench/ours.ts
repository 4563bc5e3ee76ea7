/** The tasks on our engine: the Trainer for T1-T3, a forward-only grid on the Network for T4. */
import type { Dataset } from '../src/shared/data';
import { Trainer, type TrainSpec } from '../src/shared/training';
import { gridLosses } from './landscape';
import { initialNetwork } from '../src/shared/training/initialNetwork';
import { landscapeDirections, T4_GRID } from './tasks';

export interface TaskResult {
  /** Work units per second of the timed loop. */
  throughput: number;
  seconds: number;
  loss: number;
  acc: number | null;
  /** Task-specific numbers for the check: initial loss, landscape sum and minimum, ... */
  extra: Record<string, number>;
}

/** Trains one spec from scratch; only the loop over epochs is timed. `work` is samples or steps per run. */
export function trainOurs(spec: TrainSpec, data: Dataset, work: number): TaskResult {
  const trainer = new Trainer(spec, data);
  const initialLoss = trainer.evaluate('train').loss;
  const start = performance.now();
  while (!trainer.done) trainer.trainEpoch();
  const seconds = (performance.now() - start) / 1000;
  const final = trainer.evaluate('train');
  return { throughput: work / seconds, seconds, loss: final.loss, acc: final.accuracy, extra: { initialLoss } };
}

/** T4: the full-data loss at each of the 41 x 41 points around T1's initial parameters; nothing is trained, so `loss` is the centre value (= T1's initial loss). */
export function landscapeOurs(t1: TrainSpec, data: Dataset): TaskResult {
  const net = initialNetwork(t1, data.inputDim);
  const theta = net.params.slice();
  const [d1, d2] = landscapeDirections(theta.length);
  const start = performance.now();
  const losses = gridLosses(net, data.train, theta, d1, d2, T4_GRID.steps);
  const seconds = (performance.now() - start) / 1000;
  let sum = 0;
  let argmin = 0;
  for (let k = 0; k < losses.length; k++) {
    sum += losses[k];
    if (losses[k] < losses[argmin]) argmin = k;
  }
  const centre = losses[(losses.length - 1) / 2];
  return {
    throughput: losses.length / seconds, seconds, loss: centre, acc: null,
    extra: { sum, min: losses[argmin], argmin, centre },
  };
}
