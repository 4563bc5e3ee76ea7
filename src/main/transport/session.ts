/**
 * Browser mode's session token: printed in the URL, required on every request (as the query
 * parameter or, for the page's assets, the cookie set when the page is opened).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { TOKEN_PARAM } from '../../shared/api/wire';

export const SESSION_COOKIE = 'backprop_lab_session';

/** A fresh random token, unless a test fixed one with BACKPROP_LAB_TOKEN. */
export function sessionToken(env: NodeJS.ProcessEnv = process.env): string {
  const fixed = env.BACKPROP_LAB_TOKEN;
  return fixed && fixed.length > 0 ? fixed : randomBytes(24).toString('base64url');
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
