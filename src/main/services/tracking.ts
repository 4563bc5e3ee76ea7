/**
 * The handlers of experiment tracking (see src/shared/api/trackingContract.ts): small functions
 * over the store's repositories, the shared tracking logic and the training host.
 */
import type { ApiHandlers } from '../../shared/api/contract';
import { FINAL_STATUSES, type RunSummary } from '../../shared/api/dto';
import type { trackingRequestSchemas } from '../../shared/api/trackingContract';
import type { ImportedModel, RunRow, SweepProgress } from '../../shared/api/trackingDto';
import { encodeOnnx, writeModel, ModelFileError, type ModelFile } from '../../shared/model';
import { applyAssignment, describeAssignment, expandSweep, fieldOf, FilterError, filterRows, metricsToCsv, metricsToJson, searchRows, SweepError, sweepExperimentName } from '../../shared/tracking';
import { ApiError, conflict, notFound } from './errors';
import type { ComputePool } from './compute';
import { computeModelOf, resolveModel } from './modelSource';
import { IMPORTED_MODEL_KIND } from './store/artifacts';
import { checkDataFit, openModelAsRun, startRun, type StartDeps } from './runStart';
import { version } from '../../../package.json';

type TrackingMethod = keyof typeof trackingRequestSchemas;
export type TrackingHandlers = Pick<ApiHandlers, TrackingMethod>;

const badRequest = (message: string): ApiError => new ApiError('bad-request', message);

/** Filter, sweep and model-file mistakes are the caller's: a bad request with the parser's message. */
function asBadRequest<T>(work: () => T): T {
  try {
    return work();
  } catch (err) {
    if (err instanceof FilterError || err instanceof SweepError) throw badRequest(err.message);
    if (err instanceof ModelFileError) throw badRequest(`model file: ${err.message}`);
    throw err;
  }
}

function sortRows(rows: RunRow[], key: string, direction: 'asc' | 'desc'): RunRow[] {
  const sign = direction === 'asc' ? 1 : -1;
  const value = (row: RunRow): number | string | undefined => {
    const v = key === 'durationMs' || key === 'createdAt' ? row[key] ?? undefined : fieldOf(row, key);
    if (v === undefined || v === null) return undefined;
    if (Array.isArray(v)) return v.join(',');
    return typeof v === 'boolean' ? Number(v) : (v as number | string);
  };
  return rows
    .map((row) => ({ row, v: value(row) }))
    .sort((a, b) => {
      // runs without the value go last whichever the direction
      if (a.v === undefined || b.v === undefined) return a.v === b.v ? 0 : a.v === undefined ? 1 : -1;
      if (typeof a.v === 'number' && typeof b.v === 'number') return sign * (a.v - b.v);
      return sign * String(a.v).localeCompare(String(b.v));
    })
    .map((e) => e.row);
}

const summarizeImported = (id: number, model: ModelFile, createdAt: number): ImportedModel => ({
  id, name: model.name ?? `model ${id}`, createdAt, inputs: model.inputs,
  architecture: [model.inputs, ...model.layers.map((l) => l.units)].join('-'), loss: model.loss,
});

const fileName = (label: string): string => label.replace(/[^\w.-]+/g, '-').slice(0, 100);

export interface TrackingDeps extends StartDeps {
  /** Where model files are read and models evaluated, off main's event loop. */
  compute: ComputePool;
}

export function createTrackingHandlers(deps: TrackingDeps): TrackingHandlers {
  const { store, host } = deps;

  const existingRun = (id: number): RunSummary => {
    const run = store.runs.get(id);
    if (!run) throw notFound(`run ${id}`);
    return run;
  };
  const existingRuns = (ids: readonly number[]): void => {
    const missing = ids.filter((id) => !store.runs.get(id));
    if (missing.length > 0) throw notFound(`run${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`);
  };

  return {
    'runs.table': ({ experimentId, includeArchived, filter, search, sort }) => {
      const all = store.runs.tableRows(experimentId, includeArchived);
      let rows = asBadRequest(() => filterRows(all, filter));
      rows = searchRows(rows, search);
      if (sort) rows = sortRows(rows, sort.key, sort.direction);
      return {
        rows, total: all.length,
        metricNames: [...new Set(all.flatMap((r) => Object.keys(r.metrics)))].sort(),
        hyperparamKeys: [...new Set(all.flatMap((r) => Object.keys(r.hyperparams)))].sort(),
      };
    },
    'runs.rename': ({ id, name }) => {
      existingRun(id);
      store.runs.rename(id, name);
      return existingRun(id);
    },
    'runs.setTags': ({ ids, tags, mode }) => {
      existingRuns(ids);
      store.runs.editTags(ids, tags, mode);
      return { updated: ids.length };
    },
    'runs.setNotes': ({ id, notes }) => {
      existingRun(id);
      store.runs.setNotes(id, notes);
      return existingRun(id);
    },
    'runs.archive': ({ ids, archived }) => {
      existingRuns(ids);
      store.runs.setArchived(ids, archived);
      return { updated: ids.length };
    },
    'runs.deleteMany': ({ ids }) => {
      existingRuns(ids);
      // a run with a final status may still have a worker exiting; only unfinished ones block deletion
      const active = ids.filter((id) => host.isActive(id) && !FINAL_STATUSES.includes(existingRun(id).status));
      if (active.length > 0) throw conflict(`run${active.length > 1 ? 's' : ''} ${active.join(', ')} still active; stop them before deleting (nothing was deleted)`);
      return { deleted: store.runs.deleteMany(ids) };
    },
    'runs.rerun': ({ id, changes, name, experimentId, continueTraining }) => {
      const run = store.runs.detail(id);
      if (!run) throw notFound(`run ${id}`);
      const spec = asBadRequest(() => applyAssignment(run.spec, changes));
      const changed = describeAssignment(changes);
      spec.name = name ?? (changed ? `${run.name} ${changed}` : run.name).slice(0, 200);
      return startRun(deps, spec, experimentId ?? run.experimentId, continueTraining ? { fromModel: { runId: id } } : undefined);
    },
    'runs.series': ({ ids, names, maxPoints, range }) => {
      existingRuns(ids);
      return ids.flatMap((runId) => names.map((name) => ({ runId, name, ...store.metrics.downsampled(runId, name, maxPoints, range) })))
        .filter((s) => s.total > 0);
    },
    'runs.exportMetrics': ({ ids, names, format }) => {
      existingRuns(ids);
      const series = ids.flatMap((run) => store.metrics.series(run, names).map((s) => ({ run, ...s })));
      const base = ids.length === 1 ? `run-${ids[0]}-metrics` : `runs-${ids.length}-metrics`;
      return format === 'csv'
        ? { filename: `${base}.csv`, mimeType: 'text/csv', encoding: 'utf8' as const, data: metricsToCsv(series) }
        : { filename: `${base}.json`, mimeType: 'application/json', encoding: 'utf8' as const, data: metricsToJson(series) };
    },

    'sweeps.preview': ({ sweep }) => asBadRequest(() => expandSweep(sweep)).map(({ name, assignment }) => ({ name, assignment })),
    'sweeps.start': ({ sweep, experimentId }) => {
      const runs = asBadRequest(() => expandSweep(sweep));
      if (experimentId !== undefined && !store.experiments.get(experimentId)) throw notFound(`experiment ${experimentId}`);
      // every trial fits its data before any is stored (trials mostly share one data set: build it once)
      const fits = new Set<string>();
      for (const r of runs) {
        const key = JSON.stringify([r.spec.dataset, r.spec.layers[r.spec.layers.length - 1].units]);
        if (fits.has(key)) continue;
        checkDataFit(r.spec, `sweep run ${describeAssignment(r.assignment)}`);
        fits.add(key);
      }
      const experiment = experimentId ?? store.experiments.create(sweepExperimentName(sweep)).id;
      const started = runs.map((r) => startRun(deps, r.spec, experiment, {}, true));
      return { experiment: store.experiments.get(experiment)!, runs: started };
    },
    'sweeps.progress': ({ experimentId }) => {
      if (!store.experiments.get(experimentId)) throw notFound(`experiment ${experimentId}`);
      const rows = store.runs.tableRows(experimentId, true);
      const progress: SweepProgress = { experimentId, total: rows.length, byStatus: {}, finished: 0, fraction: 0 };
      let done = 0;
      for (const row of rows) {
        progress.byStatus[row.status] = (progress.byStatus[row.status] ?? 0) + 1;
        if (FINAL_STATUSES.includes(row.status)) {
          progress.finished++;
          done += 1;
        } else {
          done += Math.min(1, row.epoch / Math.max(1, row.epochs));
        }
      }
      progress.fraction = rows.length === 0 ? 0 : done / rows.length;
      return progress;
    },

    'models.export': ({ model: ref, format }) => {
      const model = resolveModel(store, ref, true);
      const name = fileName(model.label);
      if (format === 'json') {
        const file = writeModel(model, model.meta);
        return { filename: `${name}.model.json`, mimeType: 'application/json', encoding: 'utf8' as const, data: `${JSON.stringify(file, null, 2)}\n` };
      }
      let bytes: Uint8Array;
      try {
        bytes = encodeOnnx(model, model.meta, { producerVersion: version });
      } catch (err) {
        throw badRequest(`cannot export as ONNX: ${(err as Error).message}`);
      }
      return { filename: `${name}.onnx`, mimeType: 'application/octet-stream', encoding: 'base64' as const, data: Buffer.from(bytes).toString('base64') };
    },
    'models.import': async ({ text, onnx, name }) => {
      // parsed, validated and serialized again in a worker; main only stores the text
      const source = onnx !== undefined ? { onnx: new Uint8Array(Buffer.from(onnx, 'base64')) } : { text: text! };
      const file = await deps.compute.run('importModel', { ...source, name });
      const { id, createdAt } = store.artifacts.addText(null, IMPORTED_MODEL_KIND, file.text);
      return { id, name: file.name ?? `model ${id}`, createdAt, inputs: file.inputs, architecture: file.architecture, loss: file.loss };
    },
    'models.list': () => store.artifacts.list(null, IMPORTED_MODEL_KIND).map((m) => summarizeImported(m.id, m.json as ModelFile, m.createdAt)),
    'models.get': ({ id }) => {
      const stored = store.artifacts.get(id, IMPORTED_MODEL_KIND);
      if (!stored) throw notFound(`imported model ${id}`);
      const model = stored.json as ModelFile;
      return { ...summarizeImported(id, model, stored.createdAt), model };
    },
    'models.delete': ({ id }) => {
      if (!store.artifacts.delete(id, IMPORTED_MODEL_KIND)) throw notFound(`imported model ${id}`);
      return { deleted: true as const };
    },
    'models.evaluate': ({ model: ref, dataset, split, maxPredictions }) =>
      deps.compute.run('evaluateModel', { model: computeModelOf(store, ref), dataset, split, maxPredictions }),
    'models.open': ({ modelId, spec, experimentId }) => openModelAsRun(store, spec, modelId, experimentId),
  };
}
