/** The API's handlers: one plain function per method over the store and the training host. */
import { availableParallelism } from 'node:os';
import type { ApiHandlers } from '../../shared/api/contract';
import type { RunSummary } from '../../shared/api/dto';
import { listBuiltinDatasets, previewOf } from '../../shared/data/build';
import { notFound, conflict } from './errors';
import { ComputePool, rowsInSlices } from './compute';
import { startRun } from './runStart';
import { networkSpecOf } from '../../shared/training/trainSpec';
import type { Store } from './store';
import type { TrainingHost } from './training/host';
import { createTrackingHandlers } from './tracking';
import { createBundleHandlers } from './bundleHandlers';
import { createPlaygroundHandlers } from './playground';
import { createAnalysisHandlers } from './analysis/handlers';
import { AnalysisJobs } from './analysis/jobs';
import { EventBus } from './events';
import { createLandscapeService } from './analysis/landscapes';
import { createFeatureVisHandlers } from './analysis/featureVisHandlers';
import { version } from '../../../package.json';

export interface HandlerDeps {
  store: Store;
  host: TrainingHost;
  /** Analysis jobs; callers that never start one (benchmarks) may leave it out. */
  analysis?: AnalysisJobs;
  /** Workers for heavy request/response calls; callers that never make one may leave it out. */
  compute?: ComputePool;
  mode: 'electron' | 'browser';
  dataDir: string;
  /** Where handlers announce what changed for every window (runs imported); optional for callers with one window. */
  bus?: EventBus;
}

export function createHandlers({
  store, host, analysis = new AnalysisJobs({ bus: new EventBus() }), compute = new ComputePool(), mode, dataDir, bus,
}: HandlerDeps): ApiHandlers {
  const existingRun = (id: number): RunSummary => {
    const run = store.runs.get(id);
    if (!run) throw notFound(`run ${id}`);
    return run;
  };

  return {
    ...createTrackingHandlers({ store, host, compute }),
    ...createBundleHandlers(store, bus),
    ...createAnalysisHandlers(analysis, createLandscapeService(store, analysis)),
    ...createFeatureVisHandlers(store, analysis, compute),
    ...createPlaygroundHandlers({ host }),
    'app.info': () => ({ version, mode, dataDir, cores: availableParallelism(), maxConcurrentJobs: host.maxJobs }),

    'experiments.list': () => store.experiments.list(),
    'experiments.create': ({ name }) => store.experiments.create(name),

    'datasets.list': () => listBuiltinDatasets(),
    // built in a compute worker (MNIST takes a second); its flat arrays become rows a slice at a time
    'datasets.preview': async ({ spec, maxPoints }) => previewOf(await compute.run('previewDataset', { spec, maxPoints }), rowsInSlices),

    'runs.list': ({ experimentId }) => store.runs.list(experimentId),
    'runs.get': ({ id }) => {
      const run = store.runs.detail(id);
      if (!run) throw notFound(`run ${id}`);
      return run;
    },
    'runs.start': ({ spec, experimentId, fromModel, initialParams, pace, rerunOf }) => startRun({ store, host }, spec, experimentId, { fromModel, initialParams, pace, rerunOf }),
    'runs.pause': ({ id }) => host.pause(id),
    'runs.resume': ({ id }) => host.resume(id),
    'runs.step': ({ id, unit }) => host.step(id, unit),
    'runs.stop': ({ id }) => host.stop(id),
    'runs.setLearningRate': ({ id, learningRate }) => {
      const run = host.setLearningRate(id, learningRate);
      // kept with the run: from the step after the last one reported, the worker trains at this rate
      store.runs.recordLearningRate(id, run.step, learningRate);
      return store.runs.get(id) ?? run;
    },
    'runs.delete': ({ id }) => {
      existingRun(id);
      if (host.isActive(id)) throw conflict(`run ${id} is still active; stop it before deleting it`);
      store.runs.delete(id);
      return { deleted: true as const };
    },
    'runs.metrics': ({ id, names }) => {
      existingRun(id);
      return store.metrics.series(id, names);
    },
    'runs.checkpoints': ({ id }) => {
      existingRun(id);
      return store.checkpoints.list(id);
    },
    'runs.histograms': ({ id }) => {
      existingRun(id);
      return { runId: id, checkpoints: store.checkpoints.histograms(id).map(({ id: checkpointId, step, epoch, layers }) => ({ id: checkpointId, step, epoch, layers })) };
    },
    'runs.confusion': async ({ id, checkpointId, split, maxExamples }) => {
      const run = store.runs.detail(id);
      if (!run) throw notFound(`run ${id}`);
      const checkpoint = store.checkpoints.get(id, checkpointId);
      if (!checkpoint) throw notFound(checkpointId === undefined ? `a checkpoint of run ${id}` : `checkpoint ${checkpointId} of run ${id}`);
      const model = { kind: 'network' as const, spec: networkSpecOf(run.spec), params: checkpoint.params };
      return compute.run('confusion', { model, dataset: run.spec.dataset, split, maxExamples });
    },
    'runs.checkpoint': ({ id, checkpointId }) => {
      existingRun(id);
      const checkpoint = store.checkpoints.get(id, checkpointId);
      if (!checkpoint) throw notFound(checkpointId === undefined ? `a checkpoint of run ${id}` : `checkpoint ${checkpointId} of run ${id}`);
      return { ...checkpoint, params: Array.from(checkpoint.params) };
    },
  };
}
