/**
 * The service behind `featureVis.*` and `representations.*`: describes a run's network for the
 * unit picker, gathers the checkpoints a job needs (the run itself is never touched), starts
 * the analysis job and stores its report with the run when it is done.
 */
import { firstLayerWeightImages } from '../../../shared/analysis/featurevis/representations';
import { inputLayout } from '../../../shared/analysis/featurevis/inputLayout';
import type { CheckpointParams, FeatureVisJobRequest } from '../../../shared/analysis/featurevis/featureVisReport';
import { settingsProblem } from '../../../shared/analysis/featurevis/featureVisReport';
import type { RepresentationJobRequest } from '../../../shared/analysis/featurevis/representationReport';
import { roundArray, roundNumber } from '../../../shared/analysis/featurevis/reportValues';
import { imageLayerInfos, layerInfos, objectiveLabel, objectiveProblem } from '../../../shared/analysis/featurevis/unitLabels';
import type { ChannelsReport } from '../../../shared/analysis/featurevis/channelsReport';
import type { AnalysisJobStatus } from '../../../shared/api/analysisDto';
import type { RunDetail } from '../../../shared/api/dto';
import { MAX_ANALYSIS_CHECKPOINTS, UMAP_MAX_FRAMES, type featureVisRequestSchemas } from '../../../shared/api/featureVisContract';
import { UMAP_MAX_POINTS } from '../../../shared/analysis/featurevis/umapDefaults';
import type {
  AnalysisArtifactSummary, CheckpointRef, FeatureVisArtifact, FeatureVisContext, FeatureVisReport, RepresentationArtifact, RepresentationReport,
} from '../../../shared/api/featureVisDto';
import { buildDataset } from '../../../shared/data/build';
import { Network } from '../../../shared/nn/network';
import type { NetworkSpec } from '../../../shared/nn/spec';
import { networkSpecOf } from '../../../shared/training/trainSpec';
import type { z } from 'zod';
import { ApiError, notFound } from '../errors';
import { nodeDataSources } from '../../data/mnist';
import type { Store } from '../store';
import type { Checkpoint } from '../store/checkpoints';
import type { ComputePool } from '../compute';
import type { AnalysisJobs } from './jobs';
import { createReportStore, FEATURE_VIS_ARTIFACT, REPRESENTATION_ARTIFACT } from './featureVisStore';
import { evenlySpaced } from './landscapes';

type FeatureVisStart = z.output<(typeof featureVisRequestSchemas)['featureVis.start']>;
type RepresentationStart = z.output<(typeof featureVisRequestSchemas)['representations.start']>;
type ChannelsRequest = z.output<(typeof featureVisRequestSchemas)['featureVis.channels']>;

/** Weight pictures sent to the unit picker at most (a first layer wider than this shows its first units). */
const MAX_WEIGHT_IMAGES = 256;

interface DatasetFacts {
  name: string;
  task: 'classification' | 'regression';
  inputNames: string[];
  outputNames: string[];
  classes: number | null;
  rows: { train: number; test: number };
}

const badRequest = (message: string): ApiError => new ApiError('bad-request', message);
const ref = (c: { id: number; step: number; epoch: number }): CheckpointRef => ({ id: c.id, step: c.step, epoch: c.epoch });

export function createFeatureVisService(store: Store, jobs: AnalysisJobs, compute: ComputePool) {
  const featureVis = createReportStore<FeatureVisReport>(store, FEATURE_VIS_ARTIFACT);
  const representations = createReportStore<RepresentationReport>(store, REPRESENTATION_ARTIFACT);
  // A run's dataset spec never changes, so its facts are built once (MNIST takes a moment)
  const facts = new Map<number, DatasetFacts>();

  const runDetail = (id: number): RunDetail => {
    const run = store.runs.detail(id);
    if (!run) throw notFound(`run ${id}`);
    return run;
  };
  const datasetFacts = (run: RunDetail): DatasetFacts => {
    let known = facts.get(run.id);
    if (!known) {
      const data = buildDataset(run.spec.dataset, nodeDataSources);
      known = {
        name: data.name, task: data.task, inputNames: data.inputNames, outputNames: data.outputNames,
        classes: data.task === 'classification' ? data.classes ?? null : null,
        rows: { train: data.train.n, test: data.test.n },
      };
      facts.set(run.id, known);
    }
    return known;
  };
  const networkSpec = (run: RunDetail, data: DatasetFacts): NetworkSpec => networkSpecOf({
    ...run.spec, layers: run.spec.layers.map(({ units, activation }) => ({ units, activation })),
  }, data.inputNames.length);
  const checkpoint = (run: RunDetail, checkpointId?: number): Checkpoint => {
    const found = store.checkpoints.get(run.id, checkpointId);
    if (!found) {
      throw checkpointId === undefined
        ? badRequest(`run ${run.id} (${run.name}) has no checkpoint yet: let it train, then visualize its units`)
        : notFound(`checkpoint ${checkpointId} of run ${run.id}`);
    }
    return found;
  };
  const withParams = (run: RunDetail, c: Checkpoint): CheckpointParams => ({ ...ref(c), params: c.params });
  /** Up to MAX_ANALYSIS_CHECKPOINTS checkpoints spread over the run, first and last included, in step order. */
  const spreadCheckpoints = (run: RunDetail, most = MAX_ANALYSIS_CHECKPOINTS): CheckpointParams[] => {
    const infos = store.checkpoints.list(run.id);
    return evenlySpaced(infos.length, most).map((i) => withParams(run, checkpoint(run, infos[i].id)));
  };

  return {
    context(runId: number, checkpointId?: number): FeatureVisContext {
      const run = runDetail(runId);
      const data = datasetFacts(run);
      const spec = networkSpec(run, data);
      const layout = inputLayout(data.name, data.inputNames);
      const checkpoints = store.checkpoints.list(run.id).map(ref);
      let weightImages: FeatureVisContext['weightImages'] = null;
      // a conv net's first dense layer reads feature maps, not pixels: its weights are no pictures
      if (layout.kind === 'image' && checkpoints.length > 0 && !spec.imageLayers?.length) {
        const at = checkpoint(run, checkpointId);
        const weights = firstLayerWeightImages(new Network(spec, at.params), { width: layout.width, height: layout.height });
        weightImages = { images: weights.images.slice(0, MAX_WEIGHT_IMAGES).map(roundArray), maxAbs: roundNumber(weights.maxAbs), checkpoint: ref(at) };
      }
      return {
        runId: run.id, runName: run.name, task: data.task, layout, inputDim: spec.inputs, layers: layerInfos(spec), imageLayers: imageLayerInfos(spec),
        outputNames: data.outputNames, classes: data.classes, checkpoints, rows: data.rows, weightImages,
      };
    },

    start(req: FeatureVisStart): AnalysisJobStatus {
      const run = runDetail(req.runId);
      const data = datasetFacts(run);
      const spec = networkSpec(run, data);
      const problem = objectiveProblem(req.objective, spec, data.classes) ?? settingsProblem(req.settings, inputLayout(data.name, data.inputNames));
      if (problem) throw badRequest(problem);
      if (data.rows[req.examples.split] === 0) throw badRequest(`examples.split: the ${req.examples.split} split of this run is empty; pick the other split`);
      const at = checkpoint(run, req.checkpointId);
      const request: FeatureVisJobRequest = {
        dataset: run.spec.dataset, spec, checkpoint: withParams(run, at), objective: req.objective, settings: req.settings,
        examples: req.examples, evolution: req.evolution ? spreadCheckpoints(run) : [],
      };
      const label = objectiveLabel(req.objective, spec, data.outputNames);
      return jobs.start('featureVis', request, { runId: run.id, save: (report) => featureVis.save(run.id, label, ref(at), report) });
    },
    /** One row through a conv net, in a compute worker: building the data set (MNIST) would hold main's event loop. */
    async channels(req: ChannelsRequest): Promise<ChannelsReport> {
      const run = runDetail(req.runId);
      const facts = datasetFacts(run);
      const spec = networkSpec(run, facts);
      if (!spec.imageLayers?.length) throw badRequest(`run ${run.id} (${run.name}) has no conv or pooling layers: its first-layer weights are in Feature visualization`);
      const rows = facts.rows[req.split];
      if (rows === 0) throw badRequest(`split: the ${req.split} split of this run is empty; pick the other split`);
      if (req.row >= rows) throw badRequest(`row: the ${req.split} split has rows 0..${rows - 1}, got ${req.row}`);
      const at = checkpoint(run, req.checkpointId);
      return compute.run('channels', { dataset: run.spec.dataset, spec, checkpoint: withParams(run, at), split: req.split, row: req.row });
    },
    list(runId: number): AnalysisArtifactSummary[] {
      runDetail(runId);
      return featureVis.list(runId);
    },
    get(id: number): FeatureVisArtifact {
      const found = featureVis.get(id);
      if (!found) throw notFound(`feature visualization ${id}`);
      return found;
    },
    delete(id: number): { deleted: true } {
      if (!featureVis.delete(id)) throw notFound(`feature visualization ${id}`);
      return { deleted: true };
    },

    startRepresentation(req: RepresentationStart): AnalysisJobStatus {
      const run = runDetail(req.runId);
      const data = datasetFacts(run);
      const spec = networkSpec(run, data);
      const layers = layerInfos(spec);
      const images = imageLayerInfos(spec);
      const image = req.imageLayer === undefined ? undefined : images[req.imageLayer];
      if (req.imageLayer !== undefined && !image) {
        throw badRequest(images.length === 0 ? 'imageLayer: this network has no conv or pooling layers' : `imageLayer: this network has image layers 0..${images.length - 1}, got ${req.imageLayer}`);
      }
      const layer = image ? { label: image.label, units: image.output[0] * image.output[1] * image.output[2] } : layers[req.layer];
      if (!layer) throw badRequest(`layer: this network has layers 0..${layers.length - 1} (0 = first hidden layer), got ${req.layer}`);
      if (data.rows[req.split] === 0) throw badRequest(`split: the ${req.split} split of this run is empty; pick the other split`);
      const umap = req.method === 'umap';
      const points = Math.min(req.maxPoints, data.rows[req.split]);
      if (umap && req.maxPoints > UMAP_MAX_POINTS) throw badRequest(`maxPoints: UMAP runs on at most ${UMAP_MAX_POINTS} points (each checkpoint is one fit of seconds); got ${req.maxPoints}`);
      if (umap && layer.units > 2 && points <= req.umap.neighbors) {
        throw badRequest(`umap.neighbors: UMAP needs more points than neighbours: ${points} points with ${req.umap.neighbors} neighbours; draw more points or choose fewer neighbours`);
      }
      // every checkpoint is a UMAP fit of its own: half as many frames as PCA's slider
      const checkpoints = spreadCheckpoints(run, umap ? UMAP_MAX_FRAMES : MAX_ANALYSIS_CHECKPOINTS);
      if (checkpoints.length === 0) throw badRequest(`run ${run.id} (${run.name}) has no checkpoint yet: let it train, then look at its representations`);
      const request: RepresentationJobRequest = {
        dataset: run.spec.dataset, spec, layer: req.layer, split: req.split, maxPoints: req.maxPoints, preActivation: req.preActivation, checkpoints,
        ...(umap ? { method: 'umap' as const, umap: req.umap } : {}),
        ...(image ? { imageLayer: req.imageLayer } : {}),
      };
      const label = `${layer.label} (${layer.units} ${image ? 'values' : 'units'}${req.preActivation && !image ? ', before activation' : ''}), ${req.split} data${umap && layer.units > 2 ? ', UMAP' : ''}`;
      const last = checkpoints[checkpoints.length - 1];
      return jobs.start('representation', request, { runId: run.id, save: (report) => representations.save(run.id, label, ref(last), report) });
    },
    listRepresentations(runId: number): AnalysisArtifactSummary[] {
      runDetail(runId);
      return representations.list(runId);
    },
    getRepresentation(id: number): RepresentationArtifact {
      const found = representations.get(id);
      if (!found) throw notFound(`representation ${id}`);
      return found;
    },
    deleteRepresentation(id: number): { deleted: true } {
      if (!representations.delete(id)) throw notFound(`representation ${id}`);
      return { deleted: true };
    },
  };
}
export type FeatureVisService = ReturnType<typeof createFeatureVisService>;
