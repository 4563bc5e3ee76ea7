/**
 * Browser mode's session token: printed in the URL, required on every request (as the query
 * parameter or, for the page's assets, the cookie set when the page is opened).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { join } from 'node:path';
import { TOKEN_PARAM } from '../../shared/api/wire';

export const SESSION_COOKIE = 'backprop_lab_session';

/** The data folder's token file: owner-only (0600), like an SSH key. */
export const TOKEN_FILE = 'browser-token';
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{32,128}$/;

/**
 * The token of a data folder: BACKPROP_LAB_TOKEN when set (tests, scripts); otherwise the one kept
 * in the folder's `browser-token`, made on first use. Kept rather than fresh at every start, so a
 * tab left open across a restart of the server on the same folder reconnects with the address it
 * has. A file someone loosened (group or others may read it) or that holds no token is replaced.
 */
export function sessionToken(env: NodeJS.ProcessEnv = process.env, dataDir?: string): string {
  const fixed = env.BACKPROP_LAB_TOKEN;
  if (fixed && fixed.length > 0) return fixed;
  if (dataDir === undefined) return randomBytes(24).toString('base64url');
  const file = join(dataDir, TOKEN_FILE);
  const kept = readKeptToken(file);
  if (kept) return kept;
  const token = randomBytes(24).toString('base64url');
  // written whole under another name, then renamed: a second server starting at the same moment reads a whole token or none
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, `${token}\n`, { mode: 0o600 });
  chmodSync(temp, 0o600); // the umask may have taken bits the mode asked for; never looser than 0600
  renameSync(temp, file);
  return token;
}

function readKeptToken(file: string): string | null {
  try {
    const text = readFileSync(file, 'utf8').trim();
    return TOKEN_SHAPE.test(text) && ownerOnly(file) ? text : null;
  } catch {
    return null; // absent or unreadable: make a new one
  }
}

/** Whether only the owner may read the file (always true where POSIX modes mean nothing: Windows). */
function ownerOnly(file: string): boolean {
  if (process.platform === 'win32') return true;
  return (statSync(file).mode & 0o077) === 0;
}

export function sameToken(given: string | null | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function tokenFromQuery(url: URL): string | null {
  return url.searchParams.get(TOKEN_PARAM);
}

export function tokenFromCookie(req: IncomingMessage): string | null {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === SESSION_COOKIE) return decodeURIComponent(value.join('='));
  }
  return null;
}

export const sessionCookie = (token: string): string =>
  `${SESSION_COOKIE}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/`;

/** The page's own origins; a WebSocket from any other origin is another site driving the API. */
export const allowedOrigins = (port: number): Set<string> => new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);

/** The request's URL, or null for a target no URL parser accepts (answered 400, never thrown). */
export function requestUrl(req: IncomingMessage): URL | null {
  try {
    return new URL(req.url ?? '/', 'http://127.0.0.1');
  } catch {
    return null;
  }
}
