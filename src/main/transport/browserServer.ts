/** Browser mode: the static renderer and the API socket on one HTTP server bound to 127.0.0.1. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { TOKEN_PARAM } from '../../shared/api/wire';
import type { EventBus } from '../services/events';
import type { Router } from '../services/router';
import { createStaticHandler } from './http';
import { attachWebSocketApi } from './ws';

export const HOST = '127.0.0.1';

export interface BrowserServerOptions {
  router: Router;
  bus: EventBus;
  rendererDir: string;
  token: string;
  /** 0 picks a free port. */
  port: number;
  /** Lowered by tests; MAX_CALL_BYTES (api/limits.ts) otherwise. */
  maxCallBytes?: number;
}

export interface BrowserServer {
  server: Server;
  port: number;
  url: string;
  close(): Promise<void>;
}

export async function startBrowserServer(options: BrowserServerOptions): Promise<BrowserServer> {
  let port = options.port;
  const server = createServer(createStaticHandler({ rendererDir: options.rendererDir, token: options.token, port: () => port }));
  const wss = attachWebSocketApi({ server, router: options.router, bus: options.bus, token: options.token, port: () => port, maxCallBytes: options.maxCallBytes });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, HOST, () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    server,
    port,
    url: `http://${HOST}:${port}/?${TOKEN_PARAM}=${encodeURIComponent(options.token)}`,
    close: () => new Promise<void>((resolve) => {
      for (const client of wss.clients) client.terminate();
      wss.close();
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
