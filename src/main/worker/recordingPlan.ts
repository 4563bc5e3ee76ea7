/**
 * How densely a run is recorded, so a 100,000-epoch XOR run and a 20-epoch MNIST run both
 * give charts of a few thousand points and a database that stays small.
 */
export interface RecordingPlan {
  /** Evaluate train/test loss and accuracy at the end of every this many epochs. */
  evalEveryEpochs: number;
  /** Also evaluate every this many steps inside long epochs (null: epoch ends only). */
  evalEverySteps: number | null;
  /** Record the mini-batch loss every this many steps. */
  batchLossEvery: number;
}

const MAX_EVALUATIONS = 1000;
const MAX_BATCH_LOSS_POINTS = 5000;
/** Epochs of more batches than this also get evaluated halfway, so a slow epoch still shows progress. */
const LONG_EPOCH_BATCHES = 200;

export function planRecording(epochs: number, batchesPerEpoch: number): RecordingPlan {
  return {
    evalEveryEpochs: Math.max(1, Math.ceil(epochs / MAX_EVALUATIONS)),
    evalEverySteps: batchesPerEpoch > LONG_EPOCH_BATCHES ? Math.ceil(batchesPerEpoch / 2) : null,
    batchLossEvery: Math.max(1, Math.ceil((epochs * batchesPerEpoch) / MAX_BATCH_LOSS_POINTS)),
  };
}
