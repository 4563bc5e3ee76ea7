/** Creating a run and queueing it: runs.start, runs.rerun and sweeps.start all go through here. */
import type { RunPace } from '../../shared/training/pace';
import type { RunSummary } from '../../shared/api/dto';
import { DataError } from '../../shared/data/errors';
import { inputSize } from '../../shared/data/inputSize';
import { buildFittingDataset } from '../../shared/training/dataFit';
import { nodeDataSources } from '../data/mnist';
import { parameterCount } from '../../shared/nn/network';
import { architectureString } from '../../shared/nn/imageShapes';
import { networkSpecOf, type TrainSpec } from '../../shared/training/trainSpec';
import { ApiError, notFound } from './errors';
import type { ModelRef } from '../../shared/api/trackingContract';
import { resolveModel } from './modelSource';
import type { Store } from './store';
import type { NewRun } from './store/runs';
import type { TrainingHost } from './training/host';

export interface StartDeps { store: Store; host: TrainingHost }

/**
 * Where a new run starts instead of the spec's initialization: a trained network (a run's
 * checkpoint or an imported model), or a flat parameter vector (weights typed in before training).
 */
export interface StartingPoint { fromModel?: ModelRef; initialParams?: readonly number[] }
/**
 * Where a run starts and how it is driven (paused at its initialization, steps per second).
 * `rerunOf`: the run this one repeats with changes (its lineage; continuing from a run's
 * network is already said by `fromModel`).
 */
export interface StartOptions extends StartingPoint { pace?: RunPace; rerunOf?: number }

/** "2-2-1": the input size from the dataset spec, then the layers' units ("784-conv8@5×5-maxpool2-10" with image layers). */
export function architectureOf(spec: TrainSpec): string {
  return architectureString(inputSize(spec.dataset), spec.imageLayers, spec.layers);
}

/**
 * The parameters of `from` for a run of `spec`, checked against the spec's layers so a mismatch
 * is refused now, with the layer that differs, instead of failing later in the worker.
 */
function startingParams(store: Store, spec: TrainSpec, from: ModelRef, label = 'fromModel'): Float64Array {
  const model = resolveModel(store, from);
  const layers = model.spec.layers;
  if (layers.length !== spec.layers.length) {
    throw new ApiError('bad-request', `${label}: the model has ${layers.length} layers but the spec has ${spec.layers.length}`);
  }
  spec.layers.forEach((layer, l) => {
    if (layer.units !== layers[l].units || layer.activation !== layers[l].activation) {
      throw new ApiError('bad-request', `${label}: layers[${l}] is ${layers[l].units} ${layers[l].activation} units in the model but ${layer.units} ${layer.activation} in the spec`);
    }
  });
  if (JSON.stringify(model.spec.imageLayers ?? []) !== JSON.stringify(spec.imageLayers ?? [])) {
    throw new ApiError('bad-request', `${label}: the model's image layers (${architectureString(model.spec.inputs, model.spec.imageLayers, [])}) differ from the spec's (${architectureString(model.spec.inputs, spec.imageLayers, [])})`);
  }
  const inputs = inputSize(spec.dataset);
  if (inputs !== model.spec.inputs) {
    throw new ApiError('bad-request', `${label}: the model takes ${model.spec.inputs} inputs but the dataset gives ${inputs}`);
  }
  return Float64Array.from(model.params);
}

/** Typed-in parameters, checked against the number the spec's network has. */
function givenParams(spec: TrainSpec, params: readonly number[]): Float64Array {
  const expected = parameterCount(networkSpecOf(spec));
  if (params.length !== expected) {
    throw new ApiError('bad-request', `initialParams: a ${architectureOf(spec)} network has ${expected} parameters, got ${params.length}`);
  }
  return Float64Array.from(params);
}

/**
 * Refuses, as a bad request naming the problem, a spec whose network cannot train on its data
 * (the data set does not build, an empty training split, an output layer of the wrong size):
 * the same check the CLI's `train` makes, before anything is stored. `label` prefixes the
 * message (a sweep's trial).
 */
export function checkDataFit(spec: TrainSpec, label = 'spec'): void {
  try {
    buildFittingDataset(spec, nodeDataSources);
  } catch (error) {
    if (error instanceof DataError) throw new ApiError('bad-request', `${label}: ${error.message}`);
    throw error;
  }
}

/** `checked`: the caller already ran checkDataFit on this spec (sweeps check every trial first). */
export function startRun(deps: StartDeps, spec: TrainSpec, experimentId?: number, from: StartOptions = {}, checked = false): RunSummary {
  const { store, host } = deps;
  if (from.fromModel && from.initialParams) throw new ApiError('bad-request', 'give either fromModel or initialParams, not both');
  if (!checked) checkDataFit(spec);
  const initial = from.initialParams ? givenParams(spec, from.initialParams) : undefined;
  const experiment = experimentId ?? store.experiments.defaultId();
  if (!store.experiments.get(experiment)) throw notFound(`experiment ${experiment}`);
  const starting = initial ?? (from.fromModel ? startingParams(store, spec, from.fromModel) : undefined);
  const run = createRun(store, spec, experiment, lineageFor(store, from));
  // before enqueue: the host reads a run's starting parameters when it starts the worker
  if (starting) store.runs.setInitialParams(run.id, starting);
  return host.enqueue(run.id, from.pace);
}

/**
 * What a new run came from, as stored with it: continued from a run's network or an imported
 * model (`fromModel`), or a rerun of a run with changes. Only what really happens is said: a
 * run that starts from fresh weights is no continuation, whatever its name.
 */
function lineageFor(store: Store, from: StartOptions): NewRun['lineage'] {
  if (from.fromModel?.runId !== undefined) return { kind: 'continued', runId: from.fromModel.runId };
  if (from.fromModel?.modelId !== undefined) return { kind: 'imported-model', model: resolveModel(store, from.fromModel).label };
  if (from.rerunOf !== undefined) {
    if (!store.runs.get(from.rerunOf)) throw notFound(`run ${from.rerunOf} (rerunOf)`);
    return { kind: 'rerun', runId: from.rerunOf };
  }
  return undefined;
}

/** A new queued run of `spec` with the name and guessed architecture every run gets (the CLI's `train` too). */
export function createRun(store: Store, spec: TrainSpec, experimentId: number = store.experiments.defaultId(), lineage?: NewRun['lineage']): RunSummary {
  const dataset = spec.dataset.name;
  const architecture = architectureOf(spec);
  return store.runs.create({
    experimentId, name: spec.name ?? `${dataset} ${architecture}`, spec, dataset, architecture, status: 'queued', lineage,
  });
}

/**
 * A run that holds an imported model as it is, on a data set the user picks, without training:
 * its one checkpoint (step 0) is the model, so the analysis views (loss landscape, feature
 * visualization, representations), which read runs, open it. The spec and the model are checked
 * like a new run's (the data set builds and fits the output layer; same layers, same input
 * size) before anything is stored.
 */
export function openModelAsRun(store: Store, spec: TrainSpec, modelId: number, experimentId?: number): RunSummary {
  const params = startingParams(store, spec, { modelId }, `imported model ${modelId}`);
  checkDataFit(spec);
  const experiment = experimentId ?? store.experiments.defaultId();
  if (!store.experiments.get(experiment)) throw notFound(`experiment ${experiment}`);
  // one transaction: a full disk between the run and its checkpoint must not leave a run with no model
  const runId = store.atomically(() => {
    const run = store.runs.create({
      experimentId: experiment, name: spec.name ?? `imported model ${modelId} on ${spec.dataset.name}`, spec,
      dataset: spec.dataset.name, architecture: architectureOf(spec), status: 'completed',
      lineage: { kind: 'imported-model', model: resolveModel(store, { modelId }).label },
    });
    store.runs.setInitialParams(run.id, params);
    store.checkpoints.add(run.id, 0, 0, params);
    store.runs.markFinished(run.id, 'completed', null);
    return run.id;
  });
  return store.runs.get(runId)!;
}
