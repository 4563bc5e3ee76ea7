/**
 * Browser mode's HTTP side: serves the built renderer from one folder to holders of the
 * session token, with a strict CSP. No Electron here.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { requestUrl, sameToken, sessionCookie, tokenFromCookie, tokenFromQuery } from './session';

const MIME_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

/** The same policy as the renderer's meta tag, plus the WebSocket of this server. */
export function contentSecurityPolicy(port: number): string {
  return [
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self' ws://127.0.0.1:${port} ws://localhost:${port}`,
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export interface StaticSiteOptions {
  rendererDir: string;
  token: string;
  /** Read when a request arrives: the port is known only after listen(). */
  port: () => number;
}

export function createStaticHandler({ rendererDir, token, port }: StaticSiteOptions) {
  const root = resolve(rendererDir);

  return (req: IncomingMessage, res: ServerResponse): void => {
    const baseHeaders = {
      'Content-Security-Policy': contentSecurityPolicy(port()),
      'X-Content-Type-Options': 'nosniff',
      // the token is in the page's URL: never send it on in a Referer
      'Referrer-Policy': 'no-referrer',
      'Cross-Origin-Opener-Policy': 'same-origin',
      'X-Frame-Options': 'DENY',
    };
    const fail = (status: number, text: string): void => {
      res.writeHead(status, { ...baseHeaders, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
      res.end(req.method === 'HEAD' ? undefined : text);
    };

    const url = requestUrl(req);
    if (!url) return fail(400, 'Bad request\n');
    const queryToken = tokenFromQuery(url);
    const authorized = sameToken(queryToken, token) || sameToken(tokenFromCookie(req), token);
    if (!authorized) return fail(403, 'Forbidden: open the address Backprop Lab printed, with its token.\n');
    if (req.method !== 'GET' && req.method !== 'HEAD') return fail(405, 'Method not allowed\n');

    const file = resolveFile(root, url.pathname);
    if (file === null) return fail(404, 'Not found\n');
    let isFile: boolean;
    try {
      isFile = existsSync(file) && statSync(file).isFile();
    } catch {
      // unreadable or oddly named: as good as absent, and never a reason to take main down
      isFile = false;
    }
    if (!isFile) {
      return file.endsWith('index.html') ? fail(503, 'The renderer is not built: run `npm run build`.\n') : fail(404, 'Not found\n');
    }
    const headers: Record<string, string> = {
      ...baseHeaders,
      'Content-Type': MIME_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
      'Cache-Control': file.endsWith('.html') ? 'no-store' : 'no-cache',
    };
    if (sameToken(queryToken, token)) headers['Set-Cookie'] = sessionCookie(token);
    res.writeHead(200, headers);
    if (req.method === 'HEAD') return void res.end();
    createReadStream(file).on('error', () => res.destroy()).pipe(res);
  };
}

/**
 * The file a URL path names inside root, or null when it would leave root. Paths without an
 * extension are the app's own routes and get index.html.
 */
export function resolveFile(root: string, pathname: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const relative = decoded === '/' || extname(decoded) === '' ? 'index.html' : decoded;
  const file = resolve(join(root, relative));
  return file === root || file.startsWith(root + sep) ? file : null;
}
