/**
 * The store: one connection and one repository per table. All SQL lives in this folder and
 * the connection never leaves it. Knows nothing of Electron.
 */
import { join } from 'node:path';
import { openDatabase, type Db } from './connection';
import { createArtifactsRepo } from './artifacts';
import { createCheckpointsRepo } from './checkpoints';
import { createExperimentsRepo } from './experiments';
import { createMetricsRepo } from './metrics';
import { createRunsRepo } from './runs';

export const DATABASE_FILE = 'backprop-lab.sqlite';

export { IMPORTED_MODEL_KIND, type Artifact, type ArtifactCodec, type ArtifactCollection, type ArtifactHeader, type PackedArtifact } from './artifacts';
export { StoredDataError } from './errors';

export function openStore(file: string) {
  const db: Db = openDatabase(file);
  const experiments = createExperimentsRepo(db);
  experiments.defaultId();
  const metrics = createMetricsRepo(db);
  const runs = createRunsRepo(db, metrics);
  return {
    file,
    experiments,
    runs,
    metrics,
    checkpoints: createCheckpointsRepo(db),
    artifacts: createArtifactsRepo(db),
    /** At startup: runs a previous process left active can never resume (their worker died with it). */
    interruptStaleRuns: (): number => runs.interruptStale(),
    /** Moves the write-ahead log into the database file (before measuring or copying the file). */
    checkpointWal: (): void => { db.pragma('wal_checkpoint(TRUNCATE)'); },
    close: (): void => { if (db.open) db.close(); },
  };
}
export type Store = ReturnType<typeof openStore>;

export const openStoreIn = (dataDir: string): Store => openStore(join(dataDir, DATABASE_FILE));
