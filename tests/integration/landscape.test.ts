import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnalysisJobStatus, JobProgressEvent } from '../../src/shared/api/analysisDto';
import type { CheckpointInfo, MetricSeries, RunSummary } from '../../src/shared/api/dto';
import type { LandscapeData, LandscapeSummary } from '../../src/shared/api/landscapeDto';
import { createAppServices, type AppServices } from '../../src/main/services/app';
import type { TrainSpecInput } from '../../src/shared/training/trainSpec';
import { call, FINAL, tempDir, waitForStatus } from './helpers';

/** Bench T4's two-spiral 2-8-8-1 network, trained briefly. */
const spiralSpec = (overrides: Partial<TrainSpecInput> = {}): TrainSpecInput => ({
  dataset: { kind: 'builtin', name: 'spiral', samples: 500, noise: 0.1, testFraction: 0.2, seed: 1 },
  layers: [{ units: 8, activation: 'tanh' }, { units: 8, activation: 'tanh' }, { units: 1, activation: 'sigmoid' }],
  loss: 'bce',
  optimizer: { kind: 'adam' },
  learningRate: 0.01,
  batchSize: 20,
  epochs: 40,
  seed: 2,
  ...overrides,
});

describe('loss landscapes through the API', () => {
  let temp: ReturnType<typeof tempDir>;
  let services: AppServices;
  let run: RunSummary;
  const events: JobProgressEvent[] = [];

  const compute = async (settings: Record<string, unknown>, runId = run.id): Promise<AnalysisJobStatus> => {
    const job = await call<AnalysisJobStatus>(services, 'landscape.compute', { runId, settings });
    return services.analysis.whenSettled(job.jobId);
  };

  // Every services instance (the reopen test makes a second one) records its job events here.
  const openServices = (): AppServices => {
    const opened = createAppServices({ dataDir: temp.dir, mode: 'browser', maxJobs: 2 });
    opened.bus.subscribe((event, payload) => { if (event === 'job.progress') events.push(payload as JobProgressEvent); });
    return opened;
  };

  beforeAll(async () => {
    temp = tempDir();
    services = openServices();
    run = await call<RunSummary>(services, 'runs.start', { spec: spiralSpec() });
    await waitForStatus(services, run.id, FINAL);
  });
  afterAll(async () => {
    await services.close();
    temp.remove();
  });

  it('computes a 2-D landscape in a worker, reports progress and stores it with the run', async () => {
    const done = await compute({ mode: 'surface', resolution: 11, seed: 7 });
    expect(done.status).toBe('done');
    expect(done.artifactId).not.toBeNull();
    const ofJob = events.filter((e) => e.jobId === done.jobId);
    expect(ofJob[0].status).toBe('queued');
    expect(ofJob.some((e) => e.status === 'running' && e.total === 11)).toBe(true);
    expect(ofJob.at(-1)).toMatchObject({ status: 'done', done: 11, total: 11, runId: run.id, kind: 'landscape' });

    const list = await call<LandscapeSummary[]>(services, 'landscape.list', { runId: run.id });
    expect(list.map((l) => l.id)).toContain(done.artifactId);
    const summary = list.find((l) => l.id === done.artifactId)!;
    expect(summary.settings).toMatchObject({ mode: 'surface', resolution: 11, seed: 7, normalization: 'filter', split: 'train' });
    expect(summary).not.toHaveProperty('loss');

    const landscape = await call<LandscapeData>(services, 'landscape.get', { id: done.artifactId });
    expect(landscape.alphas).toHaveLength(11);
    expect(landscape.betas).toHaveLength(11);
    expect(landscape.loss).toHaveLength(121);
    expect(landscape.accuracy).toHaveLength(121);
    expect(landscape.alphaRange).toEqual([-1, 1]);
  });

  it("has the run's final training loss at the grid's centre", async () => {
    const done = await compute({ mode: 'surface', resolution: 21 });
    const landscape = await call<LandscapeData>(services, 'landscape.get', { id: done.artifactId });
    const [trainLoss] = await call<MetricSeries[]>(services, 'runs.metrics', { id: run.id, names: ['train_loss'] });
    const finalLoss = trainLoss.value.at(-1)!;
    expect(landscape.loss[10 * 21 + 10]).toBeCloseTo(finalLoss, 12);
    expect(landscape.centerLoss).toBeCloseTo(finalLoss, 12);
  });

  it('gives the identical grid for the same seed and a different one for another seed', async () => {
    const grids = [];
    for (const seed of [3, 3, 4]) {
      const done = await compute({ mode: 'surface', resolution: 7, seed });
      grids.push((await call<LandscapeData>(services, 'landscape.get', { id: done.artifactId })).loss);
    }
    expect(grids[1]).toEqual(grids[0]);
    expect(grids[2]).not.toEqual(grids[0]);
  });

  it("draws the optimizer's path in its PCA plane from the run's automatic checkpoints", async () => {
    const checkpoints = await call<CheckpointInfo[]>(services, 'runs.checkpoints', { id: run.id });
    expect(checkpoints.length).toBeGreaterThanOrEqual(20);
    const done = await compute({ mode: 'pathPlane', resolution: 9 });
    const landscape = await call<LandscapeData>(services, 'landscape.get', { id: done.artifactId });
    const path = landscape.path!;
    expect(path.step).toEqual(checkpoints.map((c) => c.step));
    expect(path.alpha.at(-1)).toBeCloseTo(0, 12);
    expect(path.beta.at(-1)).toBeCloseTo(0, 12);
    const [first, second] = landscape.explainedVarianceRatio!;
    expect(first).toBeGreaterThan(second);
    expect(first + second).toBeLessThanOrEqual(1 + 1e-9);
    // the path lies inside the plotted window
    for (const a of path.alpha) expect(a).toBeGreaterThanOrEqual(landscape.alphaRange[0]);
    for (const b of path.beta) expect(b).toBeLessThanOrEqual(landscape.betaRange![1]);
  });

  it('says when the path is a straight line: all inputs zero, so only the bias moves', async () => {
    const line = await call<RunSummary>(services, 'runs.start', { spec: {
      dataset: { kind: 'inline', task: 'regression', inputNames: ['x'], outputNames: ['y'], inputs: [[0], [0], [0]], targets: [[1], [2], [3]] },
      layers: [{ units: 1, activation: 'linear' }], loss: 'mse', learningRate: 0.1, epochs: 40,
    } });
    await waitForStatus(services, line.id, FINAL);
    const done = await compute({ mode: 'pathPlane', resolution: 5 }, line.id);
    expect(done.status).toBe('done');
    const landscape = await call<LandscapeData>(services, 'landscape.get', { id: done.artifactId });
    expect(landscape.pathIsLine).toBe(true);
    expect(landscape.explainedVarianceRatio![1]).toBe(0);
    const [summary] = await call<LandscapeSummary[]>(services, 'landscape.list', { runId: line.id });
    expect(summary.pathIsLine).toBe(true);
  });

  it('interpolates from the initial to the final parameters and between two runs', async () => {
    const init = await compute({ mode: 'interpolation', endpoints: 'initToFinal', range: [0, 1], resolution: 5 });
    const line = await call<LandscapeData>(services, 'landscape.get', { id: init.artifactId });
    expect(line.dimensions).toBe(1);
    expect(line.betas).toBeNull();
    expect(line.loss[0]).toBeCloseTo(line.endpointLoss![0], 12);
    expect(line.loss[4]).toBeCloseTo(line.centerLoss, 12);

    const other = await call<RunSummary>(services, 'runs.start', { spec: spiralSpec({ seed: 9, epochs: 5 }) });
    await waitForStatus(services, other.id, FINAL);
    const between = await compute({ mode: 'interpolation', endpoints: 'runToRun', otherRunId: other.id, range: [0, 1], resolution: 3 });
    const toOther = await call<LandscapeData>(services, 'landscape.get', { id: between.artifactId });
    expect(toOther.otherRunName).toBe(other.name);
    expect(toOther.loss[0]).toBeCloseTo(line.centerLoss, 12);
  });

  it('refuses an interpolation between runs of different networks, naming both', async () => {
    const small = await call<RunSummary>(services, 'runs.start', {
      spec: spiralSpec({ layers: [{ units: 4, activation: 'tanh' }, { units: 1, activation: 'sigmoid' }], epochs: 2 }),
    });
    await waitForStatus(services, small.id, FINAL);
    const result = await services.router.call('landscape.compute', {
      runId: run.id, settings: { mode: 'interpolation', endpoints: 'runToRun', otherRunId: small.id },
    });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toMatch(/different network.*same architecture/);
  });

  it('refuses settings it cannot compute with a message naming the field', async () => {
    const reversed = await services.router.call('landscape.compute', { runId: run.id, settings: { mode: 'surface', range: [1, -1] } });
    expect(reversed.ok).toBe(false);
    if (!reversed.ok) expect(reversed.error.message).toMatch(/settings.range/);
    const huge = await services.router.call('landscape.compute', { runId: run.id, settings: { mode: 'surface', resolution: 500 } });
    expect(huge.ok).toBe(false);
    if (!huge.ok) expect(huge.error.message).toMatch(/at most 201/);
  });

  it('cancels a running job: nothing is stored and the next job still runs', async () => {
    const before = (await call<LandscapeSummary[]>(services, 'landscape.list', { runId: run.id })).length;
    const job = await call<AnalysisJobStatus>(services, 'landscape.compute', { runId: run.id, settings: { mode: 'surface', resolution: 201 } });
    await new Promise<void>((resolve) => {
      const off = services.bus.subscribe((event, payload) => {
        const e = payload as JobProgressEvent;
        if (event === 'job.progress' && e.jobId === job.jobId && e.done > 0) { off(); resolve(); }
      });
    });
    const cancelled = await call<AnalysisJobStatus>(services, 'jobs.cancel', { jobId: job.jobId });
    expect(cancelled.status).toBe('cancelled');
    expect((await services.analysis.whenSettled(job.jobId)).status).toBe('cancelled');
    expect(await call<LandscapeSummary[]>(services, 'landscape.list', { runId: run.id })).toHaveLength(before);

    const after = await compute({ mode: 'line', resolution: 5 });
    expect(after.status).toBe('done');
  });

  it('fails a job whose worker throws, with the message, and carries on', async () => {
    const job = services.analysis.start('landscape', {
      spec: (await services.store.runs.detail(run.id))!.spec,
      settings: { mode: 'surface', normalization: 'filter', includeBiases: false, seed: 1, resolution: 5, range: [-1, 1], split: 'train', endpoints: 'initToFinal', pathMargin: 0.2 },
      final: new Float64Array(3),
    }, { runId: run.id, save: () => { throw new Error('must not be called'); } });
    const failed = await services.analysis.whenSettled(job.jobId);
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatch(/parameters have 3 values/);
    expect((await compute({ mode: 'line', resolution: 3 })).status).toBe('done');
  });

  it('reopens stored landscapes after a restart and deletes them', async () => {
    // its own landscape, so the test holds in any order (vitest --sequence.shuffle)
    expect((await compute({ mode: 'line', resolution: 5 })).status).toBe('done');
    const listed = await call<LandscapeSummary[]>(services, 'landscape.list', { runId: run.id });
    const first = await call<LandscapeData>(services, 'landscape.get', { id: listed[0].id });
    await services.close();
    services = openServices();
    expect(await call<LandscapeSummary[]>(services, 'landscape.list', { runId: run.id })).toEqual(listed);
    expect(await call<LandscapeData>(services, 'landscape.get', { id: listed[0].id })).toEqual(first);
    await call(services, 'landscape.delete', { id: listed[0].id });
    expect(await call<LandscapeSummary[]>(services, 'landscape.list', { runId: run.id })).toHaveLength(listed.length - 1);
    const gone = await services.router.call('landscape.get', { id: listed[0].id });
    expect(gone.ok || gone.error.code).toBe('not-found');
  });
});
