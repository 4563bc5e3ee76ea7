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
import { openStoreIn, StorageError, type Store } from './store';
import { TrainingHost } from './training/host';
import type { WorkerEntry } from './training/workerEntry';

export interface AppServicesOptions {
  dataDir: string;
  mode: 'electron' | 'browser';
  maxJobs?: number;
  workerEntry?: WorkerEntry;
  /** For tests only: the store's `PRAGMA max_page_count`, to fill the database as if the disk were full. */
  maxPageCount?: number;
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
  const bus = new EventBus();
  // the host comes after the store; the store's listener reaches it through this
  const late: { host?: TrainingHost } = {};
  let store: Store;
  try {
    store = openStoreIn(options.dataDir, {
      maxPageCount: options.maxPageCount,
      // said once per change of state; when writing works again, status changes the disk refused are written
      onStorageChange: (state) => {
        bus.emit('app.storage', state);
        if (state.ok) late.host?.retryUnrecorded();
      },
    });
    try {
      store.interruptStaleRuns();
    } catch (err) {
      // a full disk must not keep the app from starting: the stale runs are marked at a later start
      if (!(err instanceof StorageError)) throw err;
    }
  } catch (err) {
    unlock();
    throw err;
  }
  const host = new TrainingHost({ store, bus, maxJobs: options.maxJobs, entry: options.workerEntry });
  late.host = host;
  const analysis = new AnalysisJobs({ bus });
  const compute = new ComputePool();
  const router = createRouter(createHandlers({ store, host, analysis, compute, mode: options.mode, dataDir: options.dataDir, bus }));
  let closing: Promise<void> | undefined;
  return {
    dataDir: options.dataDir, store, bus, host, analysis, compute, router,
    close: () => (closing ??= Promise.all([host.close(), analysis.close(), compute.close()]).then(() => undefined).finally(() => {
      store.close();
      unlock();
    })),
  };
}
