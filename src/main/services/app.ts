/**
 * The services every entry point shares (Electron, browser mode, tests): the data folder's
 * lock, the store with stale runs interrupted, the event bus, the training host and the router over them.
 */
import { AnalysisJobs } from './analysis/jobs';
import { ComputePool } from './compute';
import { lockDataDir } from './dataDirLock';
import { EventBus } from './events';
import { createHandlers } from './handlers';
import { createRouter, type Router } from './router';
import { openStoreIn, type Store } from './store';
import { TrainingHost } from './training/host';
import type { WorkerEntry } from './training/workerEntry';

export interface AppServicesOptions {
  dataDir: string;
  mode: 'electron' | 'browser';
  maxJobs?: number;
  workerEntry?: WorkerEntry;
}

export interface AppServices {
  dataDir: string;
  store: Store;
  bus: EventBus;
  host: TrainingHost;
  analysis: AnalysisJobs;
  compute: ComputePool;
  router: Router;
  /** Stops the workers (their runs become interrupted), closes the database and frees the data folder. */
  close(): Promise<void>;
}

export function createAppServices(options: AppServicesOptions): AppServices {
  const unlock = lockDataDir(options.dataDir, options.mode === 'electron' ? 'the Backprop Lab app' : 'browser mode');
  let store: Store;
  try {
    store = openStoreIn(options.dataDir);
    store.interruptStaleRuns();
  } catch (err) {
    unlock();
    throw err;
  }
  const bus = new EventBus();
  const host = new TrainingHost({ store, bus, maxJobs: options.maxJobs, entry: options.workerEntry });
  const analysis = new AnalysisJobs({ bus });
  const compute = new ComputePool();
  const router = createRouter(createHandlers({ store, host, analysis, compute, mode: options.mode, dataDir: options.dataDir }));
  let closing: Promise<void> | undefined;
  return {
    dataDir: options.dataDir, store, bus, host, analysis, compute, router,
    close: () => (closing ??= Promise.all([host.close(), analysis.close(), compute.close()]).then(() => undefined).finally(() => {
      store.close();
      unlock();
    })),
  };
}
