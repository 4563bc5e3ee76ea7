/**
 * When a training run keeps a checkpoint. The loop always keeps the first step and the last;
 * in between, every `checkpointEvery` epochs when the spec asks, and otherwise (0, the default)
 * about AUTO_CHECKPOINTS spread evenly over the run's steps, so every run has enough points for
 * the loss landscape's optimizer path (Li et al. 2018, PCA of the checkpoints). Before the first
 * evenly spaced one, steps 16, 32, 64, ... are kept too: a run planned for a million epochs and
 * stopped early still has a path, and the first steps, where the parameters move most, are not a
 * straight line from the initialization.
 *
 * The byte budget: one checkpoint is 8 bytes per parameter, and a run keeps at most
 * `maxCheckpoints(paramCount)` = max(2, floor(CHECKPOINT_BUDGET_BYTES / (8 × parameters)))
 * of them, first and last included. The checkpoints in between share what is left: evenly spaced
 * ones first (a wider spacing, or a wider `checkpointEvery` stride, for a large network), early
 * ones only from what the evenly spaced leave over, and never more than that many in all, however
 * the run goes. So a run's checkpoints stay within the budget, except that first and last are
 * always kept: from 1,048,576 parameters up (8 MB a checkpoint) a run keeps just those two, and
 * above that size the two together exceed the budget (2 × 8 bytes × parameters).
 */
export const AUTO_CHECKPOINTS = 30;
export const CHECKPOINT_BUDGET_BYTES = 16 * 1024 * 1024;
/** The former name of the budget. */
export const AUTO_CHECKPOINT_BYTES = CHECKPOINT_BUDGET_BYTES;

export const checkpointBytes = (paramCount: number): number => Math.max(1, paramCount) * Float64Array.BYTES_PER_ELEMENT;

/** How many checkpoints a run of a network this size keeps at most, first and last included. */
export const maxCheckpoints = (paramCount: number): number =>
  Math.max(2, Math.floor(CHECKPOINT_BUDGET_BYTES / checkpointBytes(paramCount)));

export class CheckpointPlan {
  /** Steps between automatic checkpoints; null when the spec gives checkpointEvery in epochs. */
  readonly autoEverySteps: number | null;
  /** Epochs between checkpoints when the spec gives checkpointEvery (widened to fit the budget). */
  readonly everyEpochs: number | null;
  /** Checkpoints allowed between the first and the last. */
  readonly between: number;
  private readonly earlyAllowed: number;
  private kept = 0;
  private earlyKept = 0;

  constructor(checkpointEvery: number, totalSteps: number, paramCount: number, batchesPerEpoch = 1) {
    this.between = maxCheckpoints(paramCount) - 2;
    if (checkpointEvery > 0) {
      this.autoEverySteps = null;
      const planned = Math.floor(totalSteps / Math.max(1, batchesPerEpoch) / checkpointEvery);
      const stride = this.between > 0 && planned > this.between ? Math.ceil(planned / this.between) : 1;
      this.everyEpochs = checkpointEvery * stride;
      this.earlyAllowed = 0;
    } else {
      this.everyEpochs = null;
      const even = Math.min(AUTO_CHECKPOINTS - 1, this.between);
      this.autoEverySteps = Math.max(1, Math.ceil(totalSteps / (even + 1)));
      this.earlyAllowed = this.between - even;
    }
  }

  /** After a training step: whether to keep a checkpoint now (the caller skips the run's last step, kept at the end anyway). */
  due(report: { step: number; epoch: number; epochDone: boolean }): boolean {
    if (this.kept >= this.between) return false;
    let keep: boolean;
    if (this.autoEverySteps !== null) {
      const early = report.step < this.autoEverySteps && isEarlyPowerOfTwo(report.step) && this.earlyKept < this.earlyAllowed;
      if (early) this.earlyKept++;
      keep = early || report.step % this.autoEverySteps === 0;
    } else {
      keep = report.epochDone && report.epoch % this.everyEpochs! === 0;
    }
    if (keep) this.kept++;
    return keep;
  }
}

const FIRST_EARLY_CHECKPOINT = 16;
const isEarlyPowerOfTwo = (step: number): boolean => step >= FIRST_EARLY_CHECKPOINT && Number.isInteger(Math.log2(step));
