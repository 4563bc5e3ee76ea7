/** The store: one connection and its repositories. Knows nothing of Electron. */
import { join } from 'node:path';
import { openDatabase, type Db } from './connection';
import { createArtifactsRepo } from './artifacts';
import { createCheckpointsRepo } from './checkpoints';
import { createExperimentsRepo } from './experiments';
import { createMetricsRepo } from './metrics';
import { createRunsRepo } from './runs';
import { createTrackingRepo } from './tracking';

export const DATABASE_FILE = 'backprop-lab.sqlite';

export function openStore(file: string) {
  const db: Db = openDatabase(file);
  const experiments = createExperimentsRepo(db);
  experiments.defaultId();
  const runs = createRunsRepo(db);
  return {
    file,
    db,
    experiments,
    runs,
    metrics: createMetricsRepo(db),
    checkpoints: createCheckpointsRepo(db),
    artifacts: createArtifactsRepo(db),
    tracking: createTrackingRepo(db),
    /** At startup: runs a previous process left active can never resume (their worker died with it). */
    interruptStaleRuns: (): number => runs.interruptStale(),
    close: (): void => { if (db.open) db.close(); },
  };
}
export type Store = ReturnType<typeof openStore>;

export const openStoreIn = (dataDir: string): Store => openStore(join(dataDir, DATABASE_FILE));
