/**
 * Browser mode as a function, for `serve.ts` and the CLI's `serve`: the services, then the
 * HTTP + WebSocket server on 127.0.0.1, with the address printed once.
 */
import { createAppServices, type AppServices } from './services/app';
import { argValue } from './services/args';
import { resolveDataDir } from './services/dataDir';
import { startBrowserServer, type BrowserServer } from './transport/browserServer';
import { rendererDir } from './transport/rendererDir';
import { sessionToken } from './transport/session';

export interface BrowserMode {
  services: AppServices;
  server: BrowserServer;
  close(): Promise<void>;
}

export function parsePort(value: string | undefined): number {
  if (value === undefined || value === '') return 0;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port: expected 0..65535, got ${value}`);
  return port;
}

export async function startBrowserMode(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<BrowserMode> {
  const dataDir = resolveDataDir(argv, env);
  const port = parsePort(argValue(argv, 'port') ?? env.PORT);
  const maxJobs = argValue(argv, 'max-jobs');
  const services = createAppServices({ dataDir, mode: 'browser', maxJobs: maxJobs === undefined ? undefined : Number(maxJobs) });
  let server: BrowserServer;
  try {
    server = await startBrowserServer({
      router: services.router, bus: services.bus, rendererDir: rendererDir(), token: sessionToken(env), port,
    });
  } catch (err) {
    await services.close();
    throw err;
  }
  console.log(`Backprop Lab (browser mode): ${server.url}`);
  let closing: Promise<void> | undefined;
  return { services, server, close: () => (closing ??= server.close().then(() => services.close())) };
}
