/**
 * What a training run starts from: its Trainer over the data set (from the spec's
 * initialization, or from given parameters) and the 'ready' message that announces the
 * network's sizes. The training worker and the CLI's `train` both build a run this way and
 * then drive the same TrainLoop; only where the loop's messages go differs.
 */
import type { Dataset } from '../../shared/data';
import { architectureString } from '../../shared/nn/imageShapes';
import { Trainer } from '../../shared/training/trainer';
import type { TrainSpec } from '../../shared/training/trainSpec';
import type { TrainWorkerMessage } from '../../shared/worker-protocol';

export type ReadyMessage = Extract<TrainWorkerMessage, { type: 'ready' }>;

export interface PreparedTraining { trainer: Trainer; ready: ReadyMessage }

/** Throws, with what to change, when the spec, data and starting parameters do not fit together. */
export function prepareTraining(spec: TrainSpec, data: Dataset, initialParams?: Float64Array): PreparedTraining {
  const trainer = new Trainer(spec, data);
  if (initialParams) {
    if (initialParams.length !== trainer.net.params.length) {
      throw new Error(`the starting model has ${initialParams.length} parameters but this network (${data.inputDim} inputs) has ${trainer.net.params.length}`);
    }
    trainer.setParams(initialParams);
  }
  const architecture = architectureString(data.inputDim, spec.imageLayers, spec.layers);
  return {
    trainer,
    ready: {
      type: 'ready', inputDim: data.inputDim, outputDim: data.outputDim, paramCount: trainer.net.params.length,
      batchesPerEpoch: trainer.batchesPerEpoch, architecture,
    },
  };
}
