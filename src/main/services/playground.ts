/** The Playground's handlers: typed-in weights, live regularization, and runs started from edited weights. */
import type { ApiHandlers } from '../../shared/api/contract';
import type { PlaygroundResponses } from '../../shared/api/playgroundContract';
import { listBuiltinDatasets } from '../../shared/data/build';
import { parameterCount } from '../../shared/nn/network';
import type { TrainSpec } from '../../shared/training/trainSpec';
import { ApiError, notFound } from './errors';
import { guessArchitecture } from './runStart';
import type { Store } from './store';
import type { TrainingHost } from './training/host';

type PlaygroundHandlers = Pick<ApiHandlers, keyof PlaygroundResponses>;

/** The network's input size as the dataset spec gives it (features, inline columns or the built-in set). */
function inputsOf(spec: TrainSpec): number | undefined {
  const data = spec.dataset;
  if (data.kind === 'inline') return data.inputNames.length;
  return data.features?.length ?? listBuiltinDatasets().find((d) => d.name === data.name)?.inputDim;
}

export function createPlaygroundHandlers({ store, host }: { store: Store; host: TrainingHost }): PlaygroundHandlers {
  return {
    'runs.setParams': ({ id, params }) => host.setParams(id, params),
    'runs.setRegularization': ({ id, regularization }) => host.setRegularization(id, regularization),
    'runs.startWithParams': ({ spec, params, experimentId }) => {
      const inputs = inputsOf(spec);
      const expected = inputs === undefined ? undefined : parameterCount({ inputs, layers: spec.layers });
      if (expected !== undefined && params.length !== expected) {
        throw new ApiError('bad-request', `params: a ${guessArchitecture(spec)} network has ${expected} parameters, got ${params.length}`);
      }
      const experiment = experimentId ?? store.experiments.defaultId();
      if (!store.experiments.get(experiment)) throw notFound(`experiment ${experiment}`);
      const architecture = guessArchitecture(spec);
      const run = store.runs.create({
        experimentId: experiment, name: spec.name ?? `${spec.dataset.name} ${architecture}`, spec,
        dataset: spec.dataset.name, architecture, status: 'queued',
      });
      // before enqueue: the host reads a run's starting parameters when it starts the worker
      store.tracking.setInitialParams(run.id, Float64Array.from(params));
      return host.enqueue(run.id);
    },
  };
}
