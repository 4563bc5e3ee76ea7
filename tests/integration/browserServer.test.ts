import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startBrowserMode } from '../../src/main/browserMode';
import { createAppServices, type AppServices } from '../../src/main/services/app';
import { startBrowserServer, type BrowserServer } from '../../src/main/transport/browserServer';
import type { WireServerMessage } from '../../src/shared/api/wire';
import { tempDir } from './helpers';

const TOKEN = 'test-token-0123456789';

/** The HTTP status a WebSocket upgrade got: 101 when it opened. */
function upgradeStatus(url: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    ws.on('open', () => { ws.close(); resolve(101); });
    ws.on('unexpected-response', (_req, res) => { resolve(res.statusCode ?? 0); ws.terminate(); });
    ws.on('error', (err) => { if (!String(err.message).includes('Unexpected server response')) reject(err); });
  });
}

describe('browser-mode server', () => {
  let temp: ReturnType<typeof tempDir>;
  let services: AppServices;
  let server: BrowserServer;
  let base: string;

  beforeAll(async () => {
    temp = tempDir();
    const renderer = join(temp.dir, 'renderer');
    mkdirSync(join(renderer, 'assets'), { recursive: true });
    writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>Backprop Lab</title>');
    writeFileSync(join(renderer, 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(join(temp.dir, 'secret.txt'), 'secret');
    services = createAppServices({ dataDir: join(temp.dir, 'data'), mode: 'browser', maxJobs: 1 });
    server = await startBrowserServer({ router: services.router, bus: services.bus, rendererDir: renderer, token: TOKEN, port: 0 });
    base = `http://127.0.0.1:${server.port}`;
  });
  afterAll(async () => {
    await server.close();
    await services.close();
    temp.remove();
  });

  it('prints an address on 127.0.0.1 that carries the token', () => {
    expect(server.url).toBe(`${base}/?token=${TOKEN}`);
  });

  it('refuses pages without the token', async () => {
    expect((await fetch(`${base}/`)).status).toBe(403);
    expect((await fetch(`${base}/?token=wrong`)).status).toBe(403);
    expect((await fetch(`${base}/assets/app.js`)).status).toBe(403);
  });

  it('serves the page for the token with a session cookie and a CSP', async () => {
    const res = await fetch(server.url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('content-security-policy')).toContain(`connect-src 'self' ws://127.0.0.1:${server.port}`);
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);

    const asset = await fetch(`${base}/assets/app.js`, { headers: { cookie: cookie.split(';')[0] } });
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toMatch(/^text\/javascript/);
  });

  it('never serves files outside the renderer folder', async () => {
    const cookie = `backprop_lab_session=${TOKEN}`;
    for (const path of ['/..%2fsecret.txt', '/assets/..%2f..%2fsecret.txt', '/%2e%2e/secret.txt']) {
      const res = await fetch(`${base}${path}`, { headers: { cookie } });
      expect(res.status, path).toBe(404);
    }
  });

  it('refuses a WebSocket without the token, with a wrong token, or from a foreign origin', async () => {
    const origin = { Origin: base };
    expect(await upgradeStatus(`ws://127.0.0.1:${server.port}/api`, origin)).toBe(403);
    expect(await upgradeStatus(`ws://127.0.0.1:${server.port}/api?token=wrong`, origin)).toBe(403);
    expect(await upgradeStatus(`ws://127.0.0.1:${server.port}/api?token=${TOKEN}`, { Origin: 'http://evil.example' })).toBe(403);
    expect(await upgradeStatus(`ws://127.0.0.1:${server.port}/api?token=${TOKEN}`, { Origin: 'http://127.0.0.1:1' })).toBe(403);
  });

  it('answers calls and forwards events over a WebSocket with the token', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/api?token=${TOKEN}`, { headers: { Origin: `http://localhost:${server.port}` } });
    const messages: WireServerMessage[] = [];
    const next = (accept: (m: WireServerMessage) => boolean): Promise<WireServerMessage> => new Promise((resolve) => {
      const look = (): void => {
        const found = messages.find(accept);
        if (found) resolve(found);
        else ws.once('message', look);
      };
      look();
    });
    ws.on('message', (data) => messages.push(JSON.parse(data.toString()) as WireServerMessage));
    await new Promise((resolve) => ws.on('open', resolve));

    ws.send(JSON.stringify({ type: 'call', id: 1, method: 'app.info', request: {} }));
    const info = await next((m) => m.type === 'result' && m.id === 1);
    expect(info).toMatchObject({ ok: true, value: { mode: 'browser' } });

    ws.send(JSON.stringify({ type: 'call', id: 2, method: 'runs.get', request: { id: 'x' } }));
    const bad = await next((m) => m.type === 'result' && m.id === 2);
    expect(bad).toMatchObject({ ok: false, error: { code: 'bad-request' } });

    services.bus.emit('run.status', { runId: 5, status: 'running', error: null, step: 0, epoch: 0 });
    const event = await next((m) => m.type === 'event');
    expect(event).toMatchObject({ type: 'event', event: 'run.status', payload: { runId: 5 } });
    ws.close();
  });
});

describe('browser mode', () => {
  it('starts on the given data folder with the token fixed by BACKPROP_LAB_TOKEN and prints its address', async () => {
    const temp = tempDir();
    const printed: string[] = [];
    const log = console.log;
    console.log = (line: string) => printed.push(line);
    try {
      const mode = await startBrowserMode(['--data-dir', temp.dir, '--port', '0'], { BACKPROP_LAB_TOKEN: TOKEN });
      console.log = log;
      expect(printed).toEqual([`Backprop Lab (browser mode): http://127.0.0.1:${mode.server.port}/?token=${TOKEN}`]);
      expect(mode.services.dataDir).toBe(temp.dir);
      expect(await upgradeStatus(`ws://127.0.0.1:${mode.server.port}/api?token=${TOKEN}`)).toBe(101);
      await mode.close();
    } finally {
      console.log = log;
      temp.remove();
    }
  });
});
