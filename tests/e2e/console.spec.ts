// A quiet console (issue #11, defect 17): a person walking every view, with a run stored so the
// charts have something to draw, and across a server restart, leaves no uncaught error, no
// ECharts "Dom has no width or height" and no other console error or warning behind.
import { expect, test, type ConsoleMessage, type Page } from '@playwright/test';
import { serverForSpec } from './fixture';
import { newDataDir, removeDataDir, startServer } from './server';
import { VIEW_LABELS, expectStatus, nav } from './ui';

// WebGL for the 3-D surface, as in landscape.spec.ts: its renderer is one source of the noise.
test.use({
  launchOptions: {
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--use-gl=angle', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--disable-background-networking', '--no-first-run'],
  },
});

const lab = serverForSpec();

/** Every console error and warning and every uncaught exception of the page, as text. */
function listen(page: Page): string[] {
  const heard: string[] = [];
  page.on('console', (m: ConsoleMessage) => {
    if (m.type() === 'error' || m.type() === 'warning' || m.text().startsWith('DIAG')) heard.push(`${m.type()}: ${m.text()} (${m.location().url}:${m.location().lineNumber})`);
  });
  page.on('pageerror', (e) => heard.push(`uncaught: ${e.message}`));
  return heard;
}

async function walkEveryView(page: Page): Promise<void> {
  for (const view of VIEW_LABELS) {
    await nav(page, view, { exact: true });
    await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
    // every chart the view shows has drawn (a chart that never gets a size never finishes); read in
    // one go and polled, since the view left behind may still be taking its charts down
    await expect.poll(() => page.locator('figure[data-rendered]:visible').evaluateAll((figures) => figures.filter((f) => f.getAttribute('data-rendered') !== 'true').length)).toBe(0);
  }
}

test('walking every view, with a run stored, leaves nothing in the console', async ({ page }) => {
  test.setTimeout(120_000);
  const heard = listen(page);
  await page.goto(lab.server.url);
  await page.getByLabel('Dataset').selectOption({ label: 'XOR gate' });
  await page.getByLabel('Epochs').fill('100');
  await page.getByRole('button', { name: 'Train' }).click();
  await expectStatus(page, 'completed');
  // First a landscape of the run, drawn in every way a plane is drawn: once the 3-D surface has loaded
  // echarts-gl, it checks every chart's size at each update, and the walk below passes them all.
  await nav(page, 'Loss landscape');
  await page.getByLabel('Points per axis').fill('11');
  await page.getByRole('button', { name: 'Compute' }).click();
  const plane = page.locator('figure.landscape-chart');
  await expect(plane).toHaveAttribute('data-kind', 'contour', { timeout: 60_000 });
  await page.getByRole('button', { name: '3-D surface' }).click();
  await expect(page.locator('figure.surface3d')).toHaveAttribute('data-rendered', 'true');
  await page.getByRole('button', { name: 'Heatmap' }).click();
  await expect(plane).toHaveAttribute('data-kind', 'heatmap');
  await expect(plane).toHaveAttribute('data-rendered', 'true');
  await walkEveryView(page);
  // run detail, whose charts are laid out as it opens
  await nav(page, 'Runs', { exact: true });
  await page.getByRole('table', { name: 'Runs' }).locator('tbody tr[data-run-id]').first().click();
  await expect(page.getByRole('figure', { name: /loss chart/i }).first()).toBeVisible();
  // Compare with the run
  await page.getByRole('table', { name: 'Runs' }).locator('thead').getByRole('checkbox').check();
  await page.getByRole('toolbar', { name: 'Selected runs' }).getByRole('button', { name: 'Compare' }).click();
  await expect(page.getByRole('figure', { name: 'train_loss chart' })).toBeVisible();
  expect(heard).toEqual([]);
});

/** What the browser itself prints for a request the stopped server refused; no page code can keep it quiet. */
const REFUSED_BY_A_STOPPED_SERVER = /^error: (Failed to load resource|WebSocket connection to '[^']+' failed: Error in connection establishment): net::ERR_CONNECTION_REFUSED /;

test('a server restart under an open tab: the view opened meanwhile loads when the server is back, and nothing but the refused requests reach the console', async ({ page }) => {
  const dataDir = newDataDir();
  let server = await startServer(dataDir, { token: null });
  try {
    const heard = listen(page);
    await page.goto(server.url);
    await nav(page, 'Runs', { exact: true });
    await expect(page.getByTestId('runs-count')).toHaveText('0 of 0 runs');
    const port = Number(new URL(server.origin).port);
    await server.stop();
    await expect(page.getByRole('status').filter({ hasText: 'Reconnecting' })).toBeVisible();
    // a view never opened before: its code is fetched from the stopped server
    await nav(page, 'Gradient descent');
    server = await startServer(dataDir, { token: null, port });
    await expect(page.getByRole('status').filter({ hasText: 'Reconnecting' })).toBeHidden({ timeout: 30_000 });
    await expect(page.getByRole('heading', { level: 1, name: 'Gradient descent' })).toBeVisible({ timeout: 30_000 });
    const duringOutage = heard.length;
    await nav(page, 'Runs', { exact: true });
    await page.getByRole('button', { name: 'Refresh' }).click();
    await expect(page.getByTestId('runs-count')).toHaveText('0 of 0 runs');
    expect(heard.filter((line) => !REFUSED_BY_A_STOPPED_SERVER.test(line))).toEqual([]);
    // once back, the tab is quiet
    expect(heard.slice(duringOutage)).toEqual([]);
  } finally {
    await server.stop();
    removeDataDir(dataDir);
  }
});
