// One spec's browser-mode server: started before its first test on a fresh data folder, stopped
// (and the folder removed) after its last, restartable in between to check what persists.
import { test } from '@playwright/test';
import { newDataDir, removeDataDir, startServer, type RunningServer } from './server';

export interface SpecServer {
  /** The server now running (a new one after `restart()`). */
  readonly server: RunningServer;
  readonly dataDir: string;
  /** Stops the server and starts another on the same data folder, as a user restarting it would. */
  restart(): Promise<void>;
}

/**
 * Registers the spec's beforeAll/afterAll hooks; call once at the top of a spec file. `serial`
 * (the default) runs the file's tests in order and skips the rest after a failure, for specs
 * whose tests build on each other.
 */
export function serverForSpec({ serial = true }: { serial?: boolean } = {}): SpecServer {
  if (serial) test.describe.configure({ mode: 'serial' });
  let dataDir: string;
  let server: RunningServer | undefined;

  test.beforeAll(async () => {
    // Created here, not at load: Playwright also loads spec files just to list their tests.
    dataDir = newDataDir();
    server = await startServer(dataDir);
  });
  test.afterAll(async () => {
    await server?.stop();
    if (server) removeDataDir(dataDir);
  });

  const running = (): RunningServer => {
    if (!server) throw new Error('the spec server has not started (read before its beforeAll ran)');
    return server;
  };
  return {
    get server() {
      return running();
    },
    get dataDir() {
      return dataDir;
    },
    async restart() {
      await running().stop();
      server = await startServer(dataDir);
    },
  };
}
