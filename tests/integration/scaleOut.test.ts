/**
 * A sweep run outside the app (issue #18, docs/scale-out.md, the one-machine way): `sweep plan`
 * writes the trials, two `train` processes run them side by side with xargs -P 2, each in its
 * own data folder, each exports its run as a bundle, and `runs import` merges the bundles. The
 * merged store holds one experiment named as the app names a sweep, with the same runs, the same
 * hyperparameters and the same metric values the app's own sweep of that definition stores.
 * Also: `runs export`/`runs import` refuse in words, and `runs import` does not write beside a holder.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunRow } from '../../src/shared/api/trackingDto';
import type { SweepSpecInput } from '../../src/shared/tracking/sweep';
import { createAppServices } from '../../src/main/services/app';
import { openStoreIn, type Store } from '../../src/main/services/store';
import { ROOT, runCli, writeJson } from '../unit/cli/runCli';
import { call, FINAL, tempDir, waitForStatus, xorSpec } from './helpers';

const sweep: SweepSpecInput = {
  method: 'grid',
  base: xorSpec({ epochs: 300 }),
  parameters: [{ path: 'learningRate', values: [0.5, 2] }, { path: 'layers.0.units', values: [2, 3] }],
};

/** What Compare shows of a run: its name, experiment, settings and metric summaries (ids and times aside). */
const compared = (rows: RunRow[]) => rows
  .map((r) => ({ name: r.name, experiment: r.experimentName, status: r.status, hyperparams: r.hyperparams, metrics: Object.fromEntries(Object.entries(r.metrics).map(([k, m]) => [k, { count: m.count, last: m.last, min: m.min, max: m.max }])) }))
  .sort((a, b) => a.name.localeCompare(b.name));

describe('a sweep on one machine with xargs -P, merged with runs import', () => {
  let temp: ReturnType<typeof tempDir>;
  beforeEach(() => { temp = tempDir(); });
  afterEach(() => temp.remove());

  it('stores the trials as one sweep, exactly as the app stores its own run of the same sweep', async () => {
    // `backprop-lab` on PATH, as an installed command would be
    const bin = join(temp.dir, 'bin');
    mkdirSync(bin);
    writeFileSync(join(bin, 'backprop-lab'), `#!/bin/sh\nexec "${process.execPath}" "${join(ROOT, 'bin/backprop-lab.mjs')}" "$@"\n`);
    chmodSync(join(bin, 'backprop-lab'), 0o755);
    writeJson(temp.dir, 'sweep.json', sweep);
    // the script of docs/scale-out.md, "One machine"
    const script = `
      set -e
      backprop-lab sweep plan --spec sweep.json --out plan > plan.json
      mkdir -p bundles
      ls plan/trial-*.spec.json | xargs -P 2 -I{} sh -c '
        t=$(basename {} .spec.json)
        backprop-lab train --spec {} --data-dir work/$t > work-$t.jsonl
        backprop-lab runs export --data-dir work/$t --out bundles/$t.bplab'
      backprop-lab runs import bundles/*.bplab --data-dir merged > merged.json
      backprop-lab runs import bundles/*.bplab --data-dir merged > again.json`;
    const result = spawnSync('bash', ['-c', script], { cwd: temp.dir, encoding: 'utf8', env: { ...process.env, PATH: `${bin}:${process.env.PATH}` }, timeout: 240_000 });
    expect(result.stderr).toContain('merged 4 bundles: 4 runs added (ids 1-4); 0 already here; new experiments: grid sweep of xor-gate');
    expect(result.status).toBe(0);
    const manifest = JSON.parse(readFileSync(join(temp.dir, 'plan/sweep.json'), 'utf8')) as { id: string; trials: unknown[]; axes: unknown[] };
    expect(manifest.trials).toHaveLength(4);
    expect(manifest.axes).toEqual(sweep.parameters);
    expect(readdirSync(join(temp.dir, 'bundles')).sort()).toEqual(['trial-001.bplab', 'trial-002.bplab', 'trial-003.bplab', 'trial-004.bplab']);
    expect(JSON.parse(readFileSync(join(temp.dir, 'again.json'), 'utf8'))).toMatchObject({ added: [], alreadyPresent: 4 });

    const merged: Store = openStoreIn(join(temp.dir, 'merged'));
    const mergedRows = merged.runs.tableRows(undefined, true);
    const experiment = merged.experiments.list().find((e) => e.name === 'grid sweep of xor-gate')!;
    expect(experiment.runCount).toBe(4);
    expect(mergedRows.every((r) => r.experimentId === experiment.id)).toBe(true);
    merged.close();

    // the app's own sweep of the same definition
    const appDir = join(temp.dir, 'app');
    const services = createAppServices({ dataDir: appDir, mode: 'browser', maxJobs: 1 });
    try {
      const started = await call<{ runs: { id: number }[] }>(services, 'sweeps.start', { sweep });
      for (const run of started.runs) await waitForStatus(services, run.id, FINAL);
      expect(compared(services.store.runs.tableRows(undefined, true))).toEqual(compared(mergedRows));
    } finally {
      await services.close();
    }
  }, 300_000);
});

describe('runs export and runs import refuse in words', () => {
  let temp: ReturnType<typeof tempDir>;
  beforeEach(() => { temp = tempDir(); });
  afterEach(() => temp.remove());

  it('names a missing run, a file that is not a bundle, and the process that holds the folder', async () => {
    const spec = writeJson(temp.dir, 'xor.spec.json', xorSpec({ epochs: 50 }));
    expect(runCli(['train', '--spec', spec, '--data-dir', join(temp.dir, 'a')]).code).toBe(0);
    const shown = JSON.parse(runCli(['runs', 'show', '1', '--json', '--data-dir', join(temp.dir, 'a')]).stdout) as { uid: string };
    expect(shown.uid).toMatch(/^[0-9a-f-]{36}$/);

    const missing = runCli(['runs', 'export', '1', '9', '--out', join(temp.dir, 'x.bplab'), '--data-dir', join(temp.dir, 'a')]);
    expect(missing).toMatchObject({ code: 1, stdout: '' });
    expect(missing.stderr).toContain('runs export: run 9 does not exist (see: runs list); nothing was written');

    const notBundle = runCli(['runs', 'import', spec, '--data-dir', join(temp.dir, 'b')]);
    expect(notBundle.code).toBe(1);
    expect(notBundle.stderr).toContain(`runs import: '${spec}' is not a Backprop Lab run bundle (not an SQLite file); nothing was imported`);

    const bundle = join(temp.dir, 'a.bplab');
    expect(runCli(['runs', 'export', '--out', bundle, '--data-dir', join(temp.dir, 'a')]).code).toBe(0);
    const services = createAppServices({ dataDir: join(temp.dir, 'b'), mode: 'browser', maxJobs: 1 });
    try {
      const locked = runCli(['runs', 'import', bundle, '--data-dir', join(temp.dir, 'b')]);
      expect(locked.code).toBe(1);
      expect(locked.stderr).toContain(`is in use by another Backprop Lab (pid ${process.pid}: browser mode)`);
      expect(locked.stderr).toContain('import the bundles in that app (Runs view: Import runs..., or drop the files on it)');
      expect(services.store.runs.list()).toEqual([]);
      // through the app it works
      const report = await call<{ added: { name: string; uid: string }[] }>(services, 'runs.importBundles', { files: [{ name: 'a.bplab', data: readFileSync(bundle).toString('base64') }] });
      expect(report.added.map((r) => r.uid)).toEqual([shown.uid]);
    } finally {
      await services.close();
    }
  }, 120_000);
});
