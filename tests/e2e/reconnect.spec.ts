// A tab left open while the server restarts (issue #11, defect 15). On the same data folder the
// server keeps its token, so the tab reconnects by itself; a server that no longer accepts the
// tab's token is said to, with what to do, instead of "Reconnecting…" forever.
import { expect, test } from '@playwright/test';
import { join } from 'node:path';
import { newDataDir, removeDataDir, SCREENSHOT_DIR, startServer } from './server';
import { nav } from './ui';

test('reconnects by itself after the server restarts on the same data folder', async ({ page }) => {
  const dataDir = newDataDir();
  let server = await startServer(dataDir, { token: null });
  try {
    await page.goto(server.url);
    await nav(page, 'Runs', { exact: true });
    await expect(page.getByTestId('runs-count')).toHaveText('0 of 0 runs');
    const port = Number(new URL(server.origin).port);
    await server.stop();
    await expect(page.getByRole('status').filter({ hasText: 'Reconnecting' })).toBeVisible();
    server = await startServer(dataDir, { token: null, port });
    expect(server.url).toBe(page.url().split('#')[0]); // the same address, token included
    await expect(page.getByRole('status').filter({ hasText: 'Reconnecting' })).toBeHidden({ timeout: 30_000 });
    // the API works again from the same tab: a call answers
    await page.getByRole('button', { name: 'Refresh' }).click();
    await expect(page.getByTestId('runs-count')).toHaveText('0 of 0 runs');
  } finally {
    await server.stop();
    removeDataDir(dataDir);
  }
});

test('says what to do when the restarted server no longer accepts the tab', async ({ page }) => {
  const dataDir = newDataDir();
  let server = await startServer(dataDir, { token: 'first-token-0123456789abcdef0123' });
  try {
    await page.goto(server.url);
    await nav(page, 'Runs', { exact: true });
    const port = Number(new URL(server.origin).port);
    await server.stop();
    server = await startServer(dataDir, { token: 'other-token-0123456789abcdef0123', port });
    const refused = page.getByTestId('connection-refused');
    await expect(refused).toBeVisible({ timeout: 30_000 });
    await expect(refused).toContainText('no longer accepts this tab');
    await expect(refused).toContainText('Open the address it printed');
    await expect(page.getByRole('status').filter({ hasText: 'Reconnecting' })).toHaveCount(0);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'connection-refused.png') });
    // following the advice works
    await page.goto(server.url);
    await nav(page, 'Runs', { exact: true });
    await expect(page.getByTestId('connection-refused')).toHaveCount(0);
    await expect(page.getByTestId('runs-count')).toHaveText('0 of 0 runs');
  } finally {
    await server.stop();
    removeDataDir(dataDir);
  }
});
