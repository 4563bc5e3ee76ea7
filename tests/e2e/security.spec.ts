// Browser mode answers only holders of the printed token: no other site or local user can drive it.
import { expect, test } from '@playwright/test';
import WebSocket from 'ws';
import { serverForSpec } from './fixture';

// Not serial: each check stands on its own.
const lab = serverForSpec({ serial: false });

test('refuses the page without the token', async ({ request }) => {
  const response = await request.get(`${lab.server.origin}/`);
  expect(response.status()).toBe(403);
});

test('refuses the API socket without the token', async () => {
  const status = await new Promise<number>((resolve, reject) => {
    const ws = new WebSocket(`${lab.server.origin.replace('http', 'ws')}/api`);
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.on('open', () => reject(new Error('the socket opened without a token')));
    ws.on('error', () => undefined);
  });
  expect(status).toBe(403);
});

test('shows how to get in when the page is opened without the token', async ({ page }) => {
  // With the session cookie from a first visit, the page loads; without ?token the client still refuses to guess.
  await page.goto(lab.server.url);
  await page.goto(`${lab.server.origin}/`);
  await expect(page.getByRole('alert')).toContainText('?token=');
});
