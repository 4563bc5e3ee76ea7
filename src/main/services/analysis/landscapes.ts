/**
 * The landscape service behind `landscape.*`: gathers the parameter vectors a landscape needs
 * from the run's checkpoints (the run itself is never touched), starts the analysis job, and
 * stores the result with the run when it is done.
 */
import type { LandscapeJobRequest } from '../../../shared/analysis/landscape/landscapeJob';
import type { LandscapeSettings } from '../../../shared/analysis/landscape/landscapeSettings';
import type { AnalysisJobStatus } from '../../../shared/api/analysisDto';
import type { LandscapeData, LandscapeSummary } from '../../../shared/api/landscapeDto';
import type { RunDetail } from '../../../shared/api/dto';
import { ApiError, notFound } from '../errors';
import type { Store } from '../store';
import type { Checkpoint } from '../store/checkpoints';
import type { AnalysisJobs } from './jobs';
import { createLandscapeStore } from './landscapeStore';

/** PCA of more checkpoints than this adds time, not insight: a longer path is thinned evenly. */
export const MAX_PATH_CHECKPOINTS = 200;

const badRequest = (message: string): ApiError => new ApiError('bad-request', message);

/** `count` indices spread evenly over 0..length-1, always with the first and the last. */
export function evenlySpaced(length: number, count: number): number[] {
  if (length <= count) return Array.from({ length }, (_, i) => i);
  return Array.from({ length: count }, (_, k) => Math.round((k * (length - 1)) / (count - 1)));
}

export function createLandscapeService(store: Store, jobs: AnalysisJobs) {
  const landscapes = createLandscapeStore(store);

  const runDetail = (id: number): RunDetail => {
    const run = store.runs.detail(id);
    if (!run) throw notFound(`run ${id}`);
    return run;
  };
  const latestCheckpoint = (run: RunDetail): Checkpoint => {
    const checkpoint = store.checkpoints.get(run.id);
    if (!checkpoint) throw badRequest(`run ${run.id} (${run.name}) has no checkpoint yet: let it train, then compute its landscape`);
    return checkpoint;
  };
  const checkpointParams = (runId: number, id: number): Float64Array => {
    const checkpoint = store.checkpoints.get(runId, id);
    if (!checkpoint) throw notFound(`checkpoint ${id} of run ${runId}`);
    return checkpoint.params;
  };

  function buildRequest(run: RunDetail, final: Checkpoint, settings: LandscapeSettings): { request: LandscapeJobRequest; otherRunName: string | null } {
    const request: LandscapeJobRequest = { spec: run.spec, settings, final: final.params };
    if (settings.mode === 'pathPlane') {
      const infos = store.checkpoints.list(run.id).filter((c) => c.step <= final.step);
      if (infos.length < 3) {
        throw badRequest(`run ${run.id} (${run.name}) has ${infos.length} checkpoint${infos.length === 1 ? '' : 's'}; a path plane needs at least 3. `
          + 'Runs started now keep about 30; for an older run, train it again or choose random directions');
      }
      const chosen = evenlySpaced(infos.length, MAX_PATH_CHECKPOINTS).map((i) => infos[i]);
      request.path = {
        params: chosen.map((c) => checkpointParams(run.id, c.id)),
        steps: chosen.map((c) => c.step),
        epochs: chosen.map((c) => c.epoch),
      };
    }
    if (settings.mode === 'interpolation' && settings.endpoints === 'initToFinal') {
      const first = store.checkpoints.list(run.id)[0];
      request.initial = checkpointParams(run.id, first.id);
    }
    let otherRunName: string | null = null;
    if (settings.mode === 'interpolation' && settings.endpoints === 'runToRun') {
      const other = runDetail(settings.otherRunId!);
      if (other.id === run.id) throw badRequest('choose a different second run: a run interpolated to itself is a single point');
      // the architecture string leaves out activations, strides and padding: compare the layers themselves
      const sameNetwork = JSON.stringify(other.spec.layers) === JSON.stringify(run.spec.layers)
        && JSON.stringify(other.spec.imageLayers ?? []) === JSON.stringify(run.spec.imageLayers ?? [])
        && other.architecture === run.architecture;
      if (!sameNetwork) {
        throw badRequest(`run ${other.id} (${other.architecture}) has a different network from run ${run.id} (${run.architecture}): interpolation needs the same architecture`);
      }
      request.other = latestCheckpoint(other).params;
      otherRunName = other.name;
    }
    return { request, otherRunName };
  }

  return {
    compute(runId: number, settings: LandscapeSettings): AnalysisJobStatus {
      const run = runDetail(runId);
      const final = latestCheckpoint(run);
      const { request, otherRunName } = buildRequest(run, final, settings);
      return jobs.start('landscape', request, {
        runId,
        save: (result) => landscapes.save({
          runId, settings, checkpointStep: final.step, checkpointEpoch: final.epoch, otherRunName,
        }, result),
      });
    },
    list(runId: number): LandscapeSummary[] {
      runDetail(runId);
      return landscapes.list(runId);
    },
    get(id: number): LandscapeData {
      const landscape = landscapes.get(id);
      if (!landscape) throw notFound(`landscape ${id}`);
      return landscape;
    },
    delete(id: number): { deleted: true } {
      if (!landscapes.delete(id)) throw notFound(`landscape ${id}`);
      return { deleted: true };
    },
  };
}
export type LandscapeService = ReturnType<typeof createLandscapeService>;
