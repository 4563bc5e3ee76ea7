/**
 * A run's lineage and learning-rate history (issue #11): "continued from #N", "rerun of #N with
 * changes" and "from model X" are stored with the run when they really happen, shown in its detail
 * and table row, filterable, kept across run bundles; a learning rate set while it trains is kept
 * with it (table, filter, detail).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunDetail, RunSummary } from '../../src/shared/api/dto';
import type { RunsTable } from '../../src/shared/api/trackingDto';
import { openStore } from '../../src/main/services/store';
import { call, endlessSpec, FINAL, servicesPerTest, waitForStatus, xorSpec } from './helpers';

describe('run lineage and learning-rate history', () => {
  const app = servicesPerTest();
  const train = async (request: Record<string, unknown>): Promise<RunSummary> => {
    const run = await call<RunSummary>(app.services, 'runs.start', request);
    return waitForStatus(app.services, run.id, FINAL);
  };
  const rows = async (filter: string) => (await call<RunsTable>(app.services, 'runs.table', { filter })).rows.map((r) => r.id);

  it('stores where each run came from, names it by what it trains, and filters by it', async () => {
    const first = await train({ spec: xorSpec({ epochs: 50 }) });
    expect(first.lineage).toBeNull();
    const continued = await train({ spec: xorSpec({ epochs: 50 }), fromModel: { runId: first.id } });
    const rerun = await train({ spec: xorSpec({ epochs: 50, learningRate: 0.3 }), rerunOf: first.id });
    const viaRerunApi = await waitForStatus(app.services, (await call<RunSummary>(app.services, 'runs.rerun', { id: first.id, changes: { learningRate: 0.2 } })).id, FINAL);
    expect(continued.lineage).toEqual({ kind: 'continued', runId: first.id, model: null });
    expect(rerun.lineage).toEqual({ kind: 'rerun', runId: first.id, model: null });
    expect(viaRerunApi.lineage).toEqual({ kind: 'rerun', runId: first.id, model: null });
    // the default name is what it trains, never "… again" or "… continued"
    expect(rerun.name).toBe(`xor-gate ${rerun.architecture}`);
    expect(rerun.name).not.toMatch(/again|continued/);
    const detail = await call<RunDetail>(app.services, 'runs.get', { id: continued.id });
    expect(detail.lineage).toEqual({ kind: 'continued', runId: first.id, model: null });

    expect(await rows('lineage = continued')).toEqual([continued.id]);
    expect(await rows(`parent = ${first.id} and lineage = rerun`)).toEqual([viaRerunApi.id, rerun.id]);
    expect(await rows('lineage = none')).toEqual([first.id]);

    // a parent deleted: the child keeps its kind, without the link
    await call(app.services, 'runs.delete', { id: first.id });
    expect((await call<RunDetail>(app.services, 'runs.get', { id: rerun.id })).lineage).toEqual({ kind: 'rerun', runId: null, model: null });
  });

  it('refuses a rerun of a run that does not exist, storing nothing', async () => {
    const result = await app.services.router.call('runs.start', { spec: xorSpec(), rerunOf: 999 });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatchObject({ code: 'not-found', message: expect.stringContaining('run 999') });
    expect(await rows('id > 0')).toEqual([]);
  });

  it('keeps the learning rates set while a run trains, for the table, the filter and run detail', async () => {
    const run = await call<RunSummary>(app.services, 'runs.start', { spec: { ...endlessSpec(), learningRate: 0.02 }, pace: { startPaused: true } });
    await waitForStatus(app.services, run.id, ['paused']);
    await call(app.services, 'runs.step', { id: run.id });
    await call(app.services, 'runs.setLearningRate', { id: run.id, learningRate: 0.005 });
    await call(app.services, 'runs.step', { id: run.id });
    await call(app.services, 'runs.setLearningRate', { id: run.id, learningRate: 0.001 });
    const detail = await call<RunDetail>(app.services, 'runs.get', { id: run.id });
    expect(detail.spec.learningRate).toBe(0.02);
    expect(detail.lrChanges).toEqual([{ step: 1, learningRate: 0.005 }, { step: 2, learningRate: 0.001 }]);
    const table = await call<RunsTable>(app.services, 'runs.table', {});
    expect(table.rows[0].lrChanges.map((c) => c.learningRate)).toEqual([0.005, 0.001]);
    expect(await rows('lr = 0.005')).toEqual([run.id]);
    expect(await rows('lr = 0.02')).toEqual([run.id]);
    expect(await rows('lr = 0.5')).toEqual([]);
    await call(app.services, 'runs.stop', { id: run.id });
    await waitForStatus(app.services, run.id, FINAL);
  });

  it('travels in a run bundle with the link remapped to the imported parent', async () => {
    const parent = await train({ spec: xorSpec({ epochs: 20 }) });
    const child = await train({ spec: xorSpec({ epochs: 20, learningRate: 0.4 }), rerunOf: parent.id });
    const dir = mkdtempSync(join(tmpdir(), 'backprop-lab-lineage-'));
    try {
      const bundle = join(dir, 'runs.bplab');
      app.services.store.bundles.export(bundle, [parent.id, child.id], 'test');
      const other = openStore(join(dir, 'other.sqlite'));
      try {
        // another store whose run ids differ: one run there already
        other.runs.create({ experimentId: other.experiments.defaultId(), name: 'x', spec: (await call<RunDetail>(app.services, 'runs.get', { id: parent.id })).spec, dataset: 'xor-gate', architecture: '2-4-1', status: 'completed' });
        other.bundles.import([bundle]);
        const imported = other.runs.list();
        const newParent = imported.find((r) => r.name === parent.name && r.lineage === null && r.id !== 1)!;
        const newChild = imported.find((r) => r.lineage?.kind === 'rerun')!;
        expect(newChild.lineage).toEqual({ kind: 'rerun', runId: newParent.id, model: null });
        expect(newParent.id).not.toBe(parent.id);
      } finally {
        other.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
