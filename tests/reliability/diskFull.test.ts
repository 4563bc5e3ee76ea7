/**
 * A full disk, made deterministic with the store's test-only `maxPageCount` (SQLite's
 * `PRAGMA max_page_count`): the database cannot grow, exactly as when the disk has no room.
 * Nothing may crash (an exception escaping a worker's message handler would fail this file as an
 * unhandled error): the run whose writes are refused ends `failed` with "disk full: N MB free in
 * DIR", the app says so once (`app.storage`), other calls still answer, writing calls answer
 * `storage-full`, and once the limit is raised runs train and store again. The file passes
 * `PRAGMA integrity_check` afterwards.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AnalysisJobStatus } from '../../src/shared/api/analysisDto';
import type { ApiEvents, RunSummary } from '../../src/shared/api/dto';
import type { TrainSpecInput } from '../../src/shared/training/trainSpec';
import { createAppServices, type AppServices } from '../../src/main/services/app';
import { StorageError } from '../../src/main/services/store';
import { call, FINAL, tempDir, waitForStatus, withDatabase, xorSpec } from '../integration/helpers';

/** 4,417 parameters: each checkpoint is about 35 KB, more than the few pages left. */
const wideSpec = (): TrainSpecInput => xorSpec({
  layers: [{ units: 64, activation: 'tanh' }, { units: 64, activation: 'tanh' }, { units: 1, activation: 'sigmoid' }],
  learningRate: 0.5,
  epochs: 200,
});

const DISK_FULL = /disk full: [\d.?]+ MB free in \S+/;

describe('a full disk', () => {
  let temp: ReturnType<typeof tempDir>;
  let services: AppServices;
  let storage: ApiEvents['app.storage'][];

  beforeEach(() => {
    temp = tempDir();
    services = createAppServices({ dataDir: temp.dir, mode: 'browser', maxJobs: 1 });
    storage = [];
    services.bus.subscribe((event, payload) => {
      if (event === 'app.storage') storage.push(payload as ApiEvents['app.storage']);
    });
  });
  afterEach(async () => {
    await services.close();
    temp.remove();
  });

  /** Lets the database grow by `pages` more pages of 4 KB from what it holds now. */
  const leaveRoom = (pages: number): void => {
    const used = withDatabase(services.store.file, (db) => db.pragma('page_count', { simple: true }) as number);
    services.store.setMaxPageCount(used + pages);
  };

  it('fails the run with the free space, keeps the app up, and stores runs again once there is room', async () => {
    leaveRoom(4);
    const run = await call<RunSummary>(services, 'runs.start', { spec: wideSpec() });
    const failed = await waitForStatus(services, run.id, FINAL);
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatch(/^could not record the run: /);
    expect(failed.error).toMatch(DISK_FULL);
    expect(failed.error).toContain(temp.dir);

    // said once, with the same words
    expect(storage).toHaveLength(1);
    expect(storage[0]).toMatchObject({ ok: false, code: 'storage-full' });
    expect(storage[0].message).toMatch(DISK_FULL);

    // reading calls still answer; a writing call answers a typed error, not 'internal'
    expect((await call<RunSummary[]>(services, 'runs.list')).map((r) => r.id)).toContain(run.id);
    await call(services, 'app.info');
    leaveRoom(0); // the few pages the refused checkpoint did not need are taken too
    const notes = await services.router.call('runs.setNotes', { id: run.id, notes: 'x'.repeat(20_000) });
    expect(notes).toMatchObject({ ok: false, error: { code: 'storage-full' } });
    if (!notes.ok) expect(notes.error.message).toMatch(DISK_FULL);
    expect(storage).toHaveLength(1);

    // space is back: a new run trains and is stored, and the app says writing works again
    services.store.setMaxPageCount(1_000_000);
    const next = await call<RunSummary>(services, 'runs.start', { spec: wideSpec() });
    const done = await waitForStatus(services, next.id, FINAL);
    expect(done).toMatchObject({ status: 'completed', error: null, step: 200 });
    expect(services.store.metrics.names(next.id).length).toBeGreaterThan(0);
    expect(services.store.checkpoints.list(next.id).map((c) => c.step)).toContain(200);
    expect(storage.map((s) => s.ok)).toEqual([false, true]);
    await call(services, 'runs.setNotes', { id: run.id, notes: 'x'.repeat(20_000) });

    expect(services.store.integrityCheck()).toBe('ok');
  });

  it('a refused analysis result fails its job, and a refused tracking edit answers storage-full, never internal', async () => {
    const run = await call<RunSummary>(services, 'runs.start', { spec: xorSpec({ epochs: 50 }) });
    await waitForStatus(services, run.id, FINAL);
    leaveRoom(0);

    const job = await call<AnalysisJobStatus>(services, 'landscape.compute', { runId: run.id, settings: { mode: 'surface', resolution: 41 } });
    const settled = await services.analysis.whenSettled(job.jobId);
    expect(settled.status).toBe('failed');
    expect(settled.error).toMatch(/^could not store the result: /);
    expect(settled.error).toMatch(DISK_FULL);

    const notes = await services.router.call('runs.setNotes', { id: run.id, notes: 'n'.repeat(20_000) });
    expect(notes).toMatchObject({ ok: false, error: { code: 'storage-full' } });
    if (!notes.ok) expect(notes.error.message).toMatch(DISK_FULL);
    expect(storage).toEqual([expect.objectContaining({ ok: false, code: 'storage-full' })]);

    services.store.setMaxPageCount(1_000_000);
    const again = await call<AnalysisJobStatus>(services, 'landscape.compute', { runId: run.id, settings: { mode: 'surface', resolution: 41 } });
    expect((await services.analysis.whenSettled(again.jobId)).status).toBe('done');
    expect(storage.map((s) => s.ok)).toEqual([false, true]);
    expect(services.store.integrityCheck()).toBe('ok');
  });

  it('a final status the disk refuses is announced as meant, and written when the next status is', async () => {
    const { runs } = services.store;
    const markFinished = runs.markFinished;
    let refuse = true;
    runs.markFinished = (...args) => {
      if (refuse) throw new StorageError('storage-full', `disk full: 0 MB free in ${temp.dir}`);
      markFinished(...args);
    };
    const announced: ApiEvents['run.status'][] = [];
    services.bus.subscribe((event, payload) => { if (event === 'run.status') announced.push(payload as ApiEvents['run.status']); });

    const run = await call<RunSummary>(services, 'runs.start', { spec: xorSpec({ epochs: 50 }) });
    await services.host.idle();
    expect(announced.at(-1)).toMatchObject({ runId: run.id, status: 'completed' });
    expect(runs.get(run.id)?.status).toBe('running'); // not written: a restart would mark it interrupted

    refuse = false;
    const next = await call<RunSummary>(services, 'runs.start', { spec: xorSpec({ epochs: 50 }) });
    await waitForStatus(services, next.id, FINAL);
    expect(runs.get(run.id)).toMatchObject({ status: 'completed', error: null });
    expect(services.store.integrityCheck()).toBe('ok');
  });
});
