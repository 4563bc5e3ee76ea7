/**
 * Where a trained network comes from: a run's checkpoint (its latest by default) or an
 * imported model file. Either way the result is the engine's spec and flat parameter vector,
 * and, when asked, the names and scaling of the run's dataset for the model file.
 */
import type { ModelRef } from '../../shared/api/trackingContract';
import type { ComputeModel } from '../../shared/compute-protocol';
import { buildDataset } from '../../shared/data';
import { readModel, type ModelMeta } from '../../shared/model';
import { parameterCount, type NetworkSpec } from '../../shared/nn/spec';
import { networkSpecOf } from '../../shared/training/trainSpec';
import { ApiError, notFound } from './errors';
import { nodeDataSources } from '../data/mnist';
import type { Store } from './store';
import { IMPORTED_MODEL_KIND } from './store/artifacts';


export interface ResolvedModel { spec: NetworkSpec; params: Float64Array; meta: ModelMeta; label: string }

/**
 * A model for a compute worker, read without parsing on main: an imported model's stored text
 * (the worker reads and validates it) or a run checkpoint's spec and parameters.
 */
export function computeModelOf(store: Store, ref: ModelRef): ComputeModel {
  if (ref.modelId !== undefined) {
    const text = store.artifacts.jsonText(ref.modelId, IMPORTED_MODEL_KIND);
    if (text === undefined) throw notFound(`imported model ${ref.modelId}`);
    return { kind: 'file', text };
  }
  const { spec, params } = resolveModel(store, ref);
  return { kind: 'network', spec, params };
}

export function resolveModel(store: Store, ref: ModelRef, withMeta = false): ResolvedModel {
  if (ref.modelId !== undefined) {
    const stored = store.artifacts.get(ref.modelId, IMPORTED_MODEL_KIND);
    if (!stored) throw notFound(`imported model ${ref.modelId}`);
    const model = readModel(stored.json);
    return { ...model, label: model.meta.name ?? `model-${ref.modelId}` };
  }
  const run = store.runs.detail(ref.runId!);
  if (!run) throw notFound(`run ${ref.runId}`);
  const checkpoint = store.checkpoints.get(run.id, ref.checkpointId);
  if (!checkpoint) {
    throw notFound(ref.checkpointId === undefined ? `a checkpoint of run ${run.id} (it has not trained yet)` : `checkpoint ${ref.checkpointId} of run ${run.id}`);
  }
  const { layers, loss } = run.spec;
  const doesNotFit = () => new ApiError('conflict', `checkpoint ${checkpoint.id} of run ${run.id} has ${checkpoint.params.length} parameters, which does not fit its layers`);
  let spec: NetworkSpec;
  if (run.spec.imageLayers?.length) {
    // image layers fix the input size: the data set's image shape
    spec = networkSpecOf({ ...run.spec, layers: layers.map(({ units, activation }) => ({ units, activation })) });
    if (parameterCount(spec) !== checkpoint.params.length) throw doesNotFit();
  } else {
    // params = inputs * u1 + u1 + (the rest), so the input size follows from the vector's length
    const first = layers[0].units;
    let rest = 0;
    for (let l = 1; l < layers.length; l++) rest += layers[l - 1].units * layers[l].units + layers[l].units;
    const inputs = (checkpoint.params.length - rest - first) / first;
    if (!Number.isInteger(inputs) || inputs < 1) throw doesNotFit();
    spec = { inputs, layers: layers.map(({ units, activation }) => ({ units, activation })), loss };
  }
  const meta: ModelMeta = { name: run.name };
  if (withMeta) {
    const data = buildDataset(run.spec.dataset, nodeDataSources);
    meta.inputNames = data.inputNames;
    meta.outputNames = data.outputNames;
    if (data.scaling) meta.scaling = data.scaling;
  }
  return { spec, params: checkpoint.params, meta, label: `run-${run.id}${ref.checkpointId ? `-checkpoint-${ref.checkpointId}` : ''}` };
}
