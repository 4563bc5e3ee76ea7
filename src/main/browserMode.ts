/**
 * Browser mode as a function, for `serve.ts` (`npm run serve`) and the CLI's `serve`, which
 * share one command (cli/commands/serve.ts): the services, then the HTTP + WebSocket server on
 * 127.0.0.1, with the address printed once.
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

export interface BrowserModeOptions {
  dataDir: string;
  /** 0: a free port. */
  port: number;
  /** Training runs at once (default: one less than the cores). */
  maxJobs?: number;
}

export function parsePort(value: string | undefined): number {
  if (value === undefined || value === '') return 0;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port: expected 0..65535, got ${value}`);
  return port;
}

/** From a command line read loosely (`--data-dir`, `--port`, `--max-jobs`; $PORT); the CLI's `serve` checks its flags first. */
export async function startBrowserMode(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<BrowserMode> {
  const maxJobs = argValue(argv, 'max-jobs');
  return openBrowserMode({
    dataDir: resolveDataDir(argv, env), port: parsePort(argValue(argv, 'port') ?? env.PORT), maxJobs: maxJobs === undefined ? undefined : Number(maxJobs),
  }, env);
}

export async function openBrowserMode(options: BrowserModeOptions, env: NodeJS.ProcessEnv = process.env): Promise<BrowserMode> {
  const services = createAppServices({ dataDir: options.dataDir, mode: 'browser', maxJobs: options.maxJobs });
  let server: BrowserServer;
  try {
    server = await startBrowserServer({
      router: services.router, bus: services.bus, rendererDir: rendererDir(), token: sessionToken(env, options.dataDir), port: options.port,
    });
  } catch (err) {
    await services.close();
    throw err;
  }
  console.log(`Backprop Lab (browser mode): ${server.url}`);
  let closing: Promise<void> | undefined;
  return { services, server, close: () => (closing ??= server.close().then(() => services.close())) };
}

export interface StopSignals {
  /** Resolves with the signal's name once Ctrl-C (SIGINT) or SIGTERM arrives. */
  stopped: Promise<'SIGINT' | 'SIGTERM'>;
  /** Stops listening (when the server never started). */
  dispose(): void;
}

/** Listens for Ctrl-C and SIGTERM from now on: before the address is printed, so a stop right after it is not lost. */
export function watchStopSignals(): StopSignals {
  let dispose = (): void => {};
  const stopped = new Promise<'SIGINT' | 'SIGTERM'>((resolve) => {
    const on = (signal: 'SIGINT' | 'SIGTERM') => (): void => {
      dispose();
      resolve(signal);
    };
    const onInt = on('SIGINT');
    const onTerm = on('SIGTERM');
    process.once('SIGINT', onInt);
    process.once('SIGTERM', onTerm);
    dispose = () => {
      process.removeListener('SIGINT', onInt);
      process.removeListener('SIGTERM', onTerm);
    };
  });
  return { stopped, dispose };
}
