/** Creating a run and queueing it: runs.start, runs.rerun and sweeps.start all go through here. */
import type { RunSummary } from '../../shared/api/dto';
import { listBuiltinDatasets } from '../../shared/data/build';
import type { TrainSpec } from '../../shared/nn/trainSpec';
import { ApiError, notFound } from './errors';
import type { ModelRef } from '../../shared/api/trackingContract';
import { resolveModel } from './modelSource';
import type { Store } from './store';
import type { TrainingHost } from './training/host';

export interface StartDeps { store: Store; host: TrainingHost }

/** "2-2-1" before the worker knows the dataset's real input size (it corrects this when ready). */
export function guessArchitecture(spec: TrainSpec): string {
  return [guessInputs(spec) ?? '?', ...spec.layers.map((l) => l.units)].join('-');
}

function guessInputs(spec: TrainSpec): number | undefined {
  const data = spec.dataset;
  return data.kind === 'inline'
    ? data.inputs[0]?.length
    : (data.features?.length ?? listBuiltinDatasets().find((d) => d.name === data.name)?.inputDim);
}

/**
 * The parameters of `from` for a run of `spec`, checked against the spec's layers so a mismatch
 * is refused now, with the layer that differs, instead of failing later in the worker.
 */
function startingParams(store: Store, spec: TrainSpec, from: ModelRef): Float64Array {
  const model = resolveModel(store, from);
  const layers = model.spec.layers;
  if (layers.length !== spec.layers.length) {
    throw new ApiError('bad-request', `fromModel: the model has ${layers.length} layers but the spec has ${spec.layers.length}`);
  }
  spec.layers.forEach((layer, l) => {
    if (layer.units !== layers[l].units || layer.activation !== layers[l].activation) {
      throw new ApiError('bad-request', `fromModel: layers[${l}] is ${layers[l].units} ${layers[l].activation} units in the model but ${layer.units} ${layer.activation} in the spec`);
    }
  });
  const inputs = guessInputs(spec);
  if (inputs !== undefined && inputs !== model.spec.inputs) {
    throw new ApiError('bad-request', `fromModel: the model takes ${model.spec.inputs} inputs but the dataset gives ${inputs}`);
  }
  return Float64Array.from(model.params);
}

export function startRun(deps: StartDeps, spec: TrainSpec, experimentId?: number, fromModel?: ModelRef): RunSummary {
  const { store, host } = deps;
  const experiment = experimentId ?? store.experiments.defaultId();
  if (!store.experiments.get(experiment)) throw notFound(`experiment ${experiment}`);
  const initial = fromModel ? startingParams(store, spec, fromModel) : undefined;
  const run = createRun(store, spec, experiment);
  if (initial) store.tracking.setInitialParams(run.id, initial);
  return host.enqueue(run.id);
}

/** A new queued run of `spec` with the name and guessed architecture every run gets (the CLI's `train` too). */
export function createRun(store: Store, spec: TrainSpec, experimentId: number = store.experiments.defaultId()): RunSummary {
  const dataset = spec.dataset.name;
  const architecture = guessArchitecture(spec);
  return store.runs.create({
    experimentId, name: spec.name ?? `${dataset} ${architecture}`, spec, dataset, architecture, status: 'queued',
  });
}
