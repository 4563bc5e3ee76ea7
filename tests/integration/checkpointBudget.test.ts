/**
 * The checkpoint budget holds for large networks: a ~1M- and a ~4M-parameter net on the four XOR
 * rows, trained in a worker and stored as the app stores them. At most
 * max(2, CHECKPOINT_BUDGET_BYTES / checkpoint size) checkpoints, first and last always kept, and
 * the stored checkpoint bytes within max(budget, first + last).
 */
import { statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { RunSummary } from '../../src/shared/api/dto';
import { CHECKPOINT_BUDGET_BYTES, checkpointBytes, maxCheckpoints } from '../../src/main/worker/checkpointPlan';
import { call, FINAL, servicesPerTest, waitForStatus, withDatabase, xorSpec } from './helpers';

const MB = 1024 * 1024;

describe('checkpoint budget', () => {
  const ctx = servicesPerTest();

  // short runs keep the suite quick: the budget does not depend on the length (tests/unit/main/checkpointPlan.test.ts
  // checks long ones). 1997 units is the widest 2-w-w-1 net under the parameter budget (MAX_PARAMETERS, 4M).
  for (const { width, params, epochs } of [{ width: 1024, params: 1_053_697, epochs: 60 }, { width: 1997, params: 3_997_995, epochs: 20 }]) {
    it(`a ${(params / 1e6).toFixed(2)}M-parameter run keeps its first and last checkpoint and stays within the budget`, async () => {
      const { services } = ctx;
      const spec = xorSpec({
        layers: [{ units: width, activation: 'tanh' }, { units: width, activation: 'tanh' }, { units: 1, activation: 'sigmoid' }],
        learningRate: 0.01,
        epochs,
      });
      const run = await call<RunSummary>(services, 'runs.start', { spec });
      const done = await waitForStatus(services, run.id, FINAL);
      expect(done.status).toBe('completed');

      const steps = services.store.checkpoints.list(run.id).map((c) => c.step);
      expect(steps[0]).toBe(0);
      expect(steps.at(-1)).toBe(epochs);
      expect(steps.length).toBeLessThanOrEqual(maxCheckpoints(params));
      const bytes = withDatabase(services.store.file, (db) =>
        db.prepare('SELECT sum(length(params)) AS n FROM checkpoints WHERE run_id = ?').get(run.id) as { n: number }).n;
      expect(bytes).toBe(steps.length * checkpointBytes(params));
      expect(bytes).toBeLessThanOrEqual(Math.max(CHECKPOINT_BUDGET_BYTES, 2 * checkpointBytes(params)));

      services.store.checkpointWal();
      const fileBytes = statSync(services.store.file).size;
      console.log(`${params} parameters, ${epochs} steps: ${steps.length} checkpoints, ${(bytes / MB).toFixed(1)} MB of checkpoints, database ${(fileBytes / MB).toFixed(1)} MB`);
    });
  }
});
