/**
 * When a training run keeps a checkpoint, besides its first and last step (which the loop
 * always keeps): every `checkpointEvery` epochs when the spec asks, and otherwise (0, the
 * default) about AUTO_CHECKPOINTS spread evenly over the run's steps, so every run has enough
 * points for the loss landscape's optimizer path (Li et al. 2018, PCA of the checkpoints).
 * Large networks keep fewer, so that one run's checkpoints stay within AUTO_CHECKPOINT_BYTES.
 * Before the first evenly spaced one, steps 16, 32, 64, ... are kept too: a run planned for a
 * million epochs and stopped early still has a path, and the first steps, where the parameters
 * move most, are not a straight line from the initialization.
 */
export const AUTO_CHECKPOINTS = 30;
export const AUTO_CHECKPOINT_BYTES = 16 * 1024 * 1024;

export class CheckpointPlan {
  /** Steps between automatic checkpoints; null when the spec gives checkpointEvery in epochs. */
  readonly autoEverySteps: number | null;

  constructor(private readonly checkpointEvery: number, totalSteps: number, paramCount: number) {
    if (checkpointEvery > 0) {
      this.autoEverySteps = null;
    } else {
      const affordable = Math.floor(AUTO_CHECKPOINT_BYTES / (paramCount * Float64Array.BYTES_PER_ELEMENT));
      const count = Math.max(1, Math.min(AUTO_CHECKPOINTS, affordable));
      this.autoEverySteps = Math.max(1, Math.ceil(totalSteps / count));
    }
  }

  /** After a training step: whether to keep a checkpoint now (the caller skips the run's last step, kept at the end anyway). */
  due(report: { step: number; epoch: number; epochDone: boolean }): boolean {
    if (this.autoEverySteps !== null) {
      return report.step % this.autoEverySteps === 0 || (report.step < this.autoEverySteps && isEarlyPowerOfTwo(report.step));
    }
    return report.epochDone && report.epoch % this.checkpointEvery === 0;
  }
}

const FIRST_EARLY_CHECKPOINT = 16;
const isEarlyPowerOfTwo = (step: number): boolean => step >= FIRST_EARLY_CHECKPOINT && Number.isInteger(Math.log2(step));
