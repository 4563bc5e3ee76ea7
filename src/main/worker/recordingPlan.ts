/**
 * How densely a run is recorded. Two rules together:
 *  - by epochs: a short run is evaluated at the end of every epoch (or every k-th, so at most
 *    about a thousand times), as before, so a 2,000-epoch XOR run has a point per epoch or two;
 *  - by time: at most every ~100 ms of training, so the live chart of a run planned for a million
 *    epochs (or of slow, long epochs) gets about ten points a second from its first second on.
 * The time gap widens as evaluations pile up (the n-th waits n/1000 times longer), so an hour
 * of training adds some thousands of points, not 36,000, and it never lets evaluating take
 * more than about a fifth of the training time.
 */
export interface RecordingPlan {
  /** Evaluate train/test loss and accuracy at the end of every this many epochs. */
  evalEveryEpochs: number;
  /** Record the mini-batch loss every this many steps. */
  batchLossEvery: number;
}

const MAX_EPOCH_EVALUATIONS = 1000;
const MAX_BATCH_LOSS_POINTS = 5000;

export function planRecording(epochs: number, batchesPerEpoch: number): RecordingPlan {
  return {
    evalEveryEpochs: Math.max(1, Math.ceil(epochs / MAX_EPOCH_EVALUATIONS)),
    batchLossEvery: Math.max(1, Math.ceil((epochs * batchesPerEpoch) / MAX_BATCH_LOSS_POINTS)),
  };
}

/** The shortest wait between two timed evaluations: ten a second, what a live chart wants. */
export const EVAL_INTERVAL_MS = 100;
/** Timed evaluations before the gap starts to widen. */
const EVALUATIONS_AT_FULL_RATE = 1000;
/** Evaluating may take at most 1 / (this + 1) of the time. */
const TRAIN_TO_EVAL_RATIO = 4;

/** Decides when the time rule calls for an evaluation; `now` is injected so tests need no clock. */
export class EvaluationClock {
  private last: number;
  private count = 0;
  private lastCostMs = 0;

  constructor(start: number) {
    this.last = start;
  }

  /** The wait after the latest evaluation before the next timed one. */
  get gapMs(): number {
    const thinning = Math.max(1, this.count / EVALUATIONS_AT_FULL_RATE);
    return Math.max(EVAL_INTERVAL_MS * thinning, TRAIN_TO_EVAL_RATIO * this.lastCostMs);
  }

  due(now: number): boolean {
    return now - this.last >= this.gapMs;
  }

  /** Every evaluation, by either rule, restarts the wait; `costMs` is how long it took. */
  evaluated(now: number, costMs: number): void {
    this.last = now;
    this.count++;
    this.lastCostMs = costMs;
  }
}

/** After a batch: whether either rule calls for an evaluation (the run's last epoch is evaluated by the loop anyway). */
export function evaluationDue(plan: RecordingPlan, clock: EvaluationClock, report: { epochDone: boolean; epoch: number }, now: number): boolean {
  return (report.epochDone && report.epoch % plan.evalEveryEpochs === 0) || clock.due(now);
}
