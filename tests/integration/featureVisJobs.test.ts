// Feature visualization and representations through the router and a real analysis worker:
// a trained 2-D run is visualized and stored with the run, a bad objective is refused with a
// message naming what to change, and a long job can be cancelled.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppServices, type AppServices } from '../../src/main/services/app';
import type { AnalysisJobStatus } from '../../src/shared/api/analysisDto';
import type { AnalysisArtifactSummary, FeatureVisArtifact, FeatureVisContext, RepresentationArtifact } from '../../src/shared/api/featureVisDto';
import type { RunSummary } from '../../src/shared/api/dto';
import { call, tempDir, waitForStatus } from './helpers';

let services: AppServices;
let remove: () => void;
let runId: number;

beforeAll(async () => {
  const temp = tempDir();
  remove = temp.remove;
  services = createAppServices({ dataDir: temp.dir, mode: 'browser', maxJobs: 1 });
  const run = await call<RunSummary>(services, 'runs.start', {
    spec: {
      dataset: { kind: 'builtin', name: 'circle', samples: 200, testFraction: 0.25, seed: 2 },
      layers: [{ units: 4, activation: 'tanh' }, { units: 2, activation: 'tanh' }, { units: 1, activation: 'sigmoid' }],
      loss: 'bce', optimizer: { kind: 'adam' }, learningRate: 0.03, epochs: 200, checkpointEvery: 50,
    },
  });
  runId = run.id;
  await waitForStatus(services, runId, ['completed']);
}, 60_000);

afterAll(async () => {
  await services?.close();
  remove?.();
});

describe('feature visualization jobs', () => {
  it('describes a 2-D run for the unit picker: plane layout, layers, checkpoints', async () => {
    const context = await call<FeatureVisContext>(services, 'featureVis.context', { runId });
    expect(context.layout).toEqual({ kind: 'plane', names: ['x1', 'x2'] });
    expect(context.layers.map((l) => [l.label, l.units])).toEqual([['Hidden layer 1', 4], ['Hidden layer 2', 2], ['Output layer', 1]]);
    expect(context.classes).toBe(2);
    expect(context.checkpoints.length).toBeGreaterThanOrEqual(3);
    expect(context.weightImages).toBeNull();
  });

  it('runs in the worker, stores the result with the run, and reopens it', async () => {
    const started = await call<AnalysisJobStatus>(services, 'featureVis.start', {
      runId, objective: { kind: 'unit', layer: 0, unit: 1 }, settings: { steps: 60, starts: 3, count: 2, diversity: 0.5 },
    });
    expect(started.kind).toBe('featureVis');
    const done = await services.analysis.whenSettled(started.jobId);
    expect(done.error).toBeNull();
    expect(done.status).toBe('done');

    const list = await call<AnalysisArtifactSummary[]>(services, 'featureVis.list', { runId });
    expect(list.map((a) => a.id)).toContain(done.artifactId);
    const artifact = await call<FeatureVisArtifact>(services, 'featureVis.get', { id: done.artifactId });
    const { report } = artifact;
    expect(artifact.label).toBe('Hidden layer 1, unit 2 (after activation)');
    expect(report.starts).toHaveLength(3);
    expect(report.starts[0].inputs).toHaveLength(2);
    expect(report.plane?.values).toHaveLength(report.plane!.resolution ** 2);
    expect(report.evolution.length).toBe(context().checkpoints);
    const top = report.examples.top.map((e) => e.activation);
    expect(top).toEqual([...top].sort((a, b) => b - a));
    // the optimized points excite the unit more than the data does on average, and the diversity term keeps the pair apart
    const best = report.starts[report.best];
    expect(Math.max(...best.values)).toBeGreaterThan(report.examples.stats.mean);
    expect(best.inputs[0]).not.toEqual(best.inputs[1]);
  }, 60_000);

  it('refuses a unit the layer does not have, naming the range', async () => {
    const result = await services.router.call('featureVis.start', { runId, objective: { kind: 'unit', layer: 1, unit: 7 } });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toMatch(/Hidden layer 2 has 2 units \(0\.\.1\), got 7/);
    const tv = await services.router.call('featureVis.start', { runId, objective: { kind: 'class', class: 1 }, settings: { totalVariation: 0.1 } });
    expect(tv.ok).toBe(false);
    if (!tv.ok) expect(tv.error.message).toMatch(/total variation needs image inputs/);
  });

  it('cancels a long job and stores nothing', async () => {
    const before = (await call<AnalysisArtifactSummary[]>(services, 'featureVis.list', { runId })).length;
    const started = await call<AnalysisJobStatus>(services, 'featureVis.start', {
      runId, objective: { kind: 'class', class: 1 }, settings: { steps: 5000, starts: 16 },
    });
    await call(services, 'jobs.cancel', { jobId: started.jobId });
    const settled = await services.analysis.whenSettled(started.jobId);
    expect(settled.status).toBe('cancelled');
    expect(await call<AnalysisArtifactSummary[]>(services, 'featureVis.list', { runId })).toHaveLength(before);
  });

  it('projects a 2-unit layer on its own axes at every checkpoint', async () => {
    const started = await call<AnalysisJobStatus>(services, 'representations.start', { runId, layer: 1, split: 'train' });
    const done = await services.analysis.whenSettled(started.jobId);
    expect(done.status).toBe('done');
    const { report } = await call<RepresentationArtifact>(services, 'representations.get', { id: done.artifactId });
    expect(report.kind).toBe('raw');
    expect(report.frames.length).toBe(context().checkpoints);
    expect(report.rows).toHaveLength(150);
    expect(report.frames[0].coordinates).toHaveLength(300);
    expect(new Set(report.labels)).toEqual(new Set([0, 1]));
    await call(services, 'representations.delete', { id: done.artifactId });
    expect(await call<AnalysisArtifactSummary[]>(services, 'representations.list', { runId })).toHaveLength(0);
  }, 60_000);
});

function context(): { checkpoints: number } {
  return { checkpoints: services.store.checkpoints.list(runId).length };
}
