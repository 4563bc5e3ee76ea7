// A student trains a spiral network in the Playground, opens Loss landscape, computes the
// plane of the optimizer's path, sees the contour with the path on it, looks at every chart
// mode, compares with a second run, and finds the landscape again after the server restarts.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { join } from 'node:path';
import { serverForSpec } from './fixture';
import { SCREENSHOT_DIR } from './server';
import { expectStatus, nav } from './ui';

// WebGL for the 3-D surface: software rendering in headless Chromium (the default config disables the GPU).
test.use({
  launchOptions: {
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--use-gl=angle', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--disable-background-networking', '--no-first-run'],
  },
});

const lab = serverForSpec();

const shot = (page: Page, name: string) => page.screenshot({ path: join(SCREENSHOT_DIR, `landscape-${name}.png`), fullPage: true });
const chartFigure = (page: Page): Locator => page.locator('figure.landscape-chart, figure.surface3d');

async function trainSpiral(page: Page, epochs: string, batch: string): Promise<void> {
  await nav(page, 'Playground');
  await page.getByLabel('Dataset').selectOption('spiral');
  await page.getByLabel('Hidden layer 1 units').fill('8');
  await page.getByLabel('Optimizer').selectOption('adam');
  await page.getByLabel('Learning rate').fill('0.02');
  await page.getByLabel('Batch size').fill(batch);
  await page.getByLabel('Epochs').fill(epochs);
  await page.getByRole('button', { name: 'Train' }).click();
  await expectStatus(page, 'completed', 120_000);
}

async function computeAndWait(page: Page, before: number): Promise<void> {
  await page.getByRole('button', { name: 'Compute' }).click();
  await expect(page.locator('[data-landscape-id]')).toHaveCount(before + 1, { timeout: 60_000 });
}

test('computes the plane of the optimizer path and draws the path on the contour', async ({ page }) => {
  test.setTimeout(240_000);
  await page.goto(lab.server.url);
  await trainSpiral(page, '150', '20');

  await nav(page, 'Loss landscape');
  await expect(page.getByLabel('Run', { exact: true })).not.toHaveValue('');
  await expect(page.getByText('No landscape open')).toBeVisible();
  await page.getByLabel('Mode').selectOption('pathPlane');
  await page.getByLabel('Points per axis').fill('25');
  await page.getByRole('button', { name: 'Compute' }).click();
  await expect(page.locator('[data-job-status]').or(page.locator('figure.landscape-chart')).first()).toBeVisible();

  const contour = page.locator('figure.landscape-chart');
  await expect(contour).toHaveAttribute('data-kind', 'contour', { timeout: 60_000 });
  await expect(contour).toHaveAttribute('data-cells', String(25 * 25));
  expect(Number(await contour.getAttribute('data-path-points'))).toBeGreaterThanOrEqual(20);
  expect(Number(await contour.getAttribute('data-contour-segments'))).toBeGreaterThan(20);
  expect((await contour.getAttribute('data-series'))!.split(',')).toEqual(['cells', 'contours', 'path', 'marks']);
  await expect(page.locator('[data-landscape-id]')).toHaveCount(1);
  await shot(page, 'contour-path');

  await page.getByRole('button', { name: 'Heatmap' }).click();
  await expect(contour).toHaveAttribute('data-kind', 'heatmap');
  await expect(contour).toHaveAttribute('data-contour-segments', '0');
  await page.getByLabel('Log scale').check();
  await shot(page, 'heatmap-log');
  await page.getByLabel('Log scale').uncheck();

  await page.getByRole('button', { name: '3-D surface' }).click();
  const surface = page.locator('figure.surface3d');
  await expect(surface).toHaveAttribute('data-support', /ok|unavailable/);
  if ((await surface.getAttribute('data-support')) === 'unavailable') {
    await expect(surface.getByRole('alert')).toContainText('WebGL');
  } else {
    await expect(surface.locator('canvas').first()).toBeVisible();
    await expect(surface).toHaveAttribute('data-rendered', 'true');
  }
  await shot(page, 'surface-3d');
  await page.getByRole('button', { name: 'Contour' }).click();

  // exports: the grid as CSV, the chart as PNG and SVG
  const csv = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'CSV' }).click()]);
  expect(csv[0].suggestedFilename()).toMatch(/\.csv$/);
  const svg = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'SVG' }).click()]);
  expect(svg[0].suggestedFilename()).toMatch(/contour\.svg$/);
  const png = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'PNG' }).click()]);
  expect(png[0].suggestedFilename()).toMatch(/contour\.png$/);
});

test('draws a random-direction plane and 1-D curves, and two runs side by side on one scale', async ({ page }) => {
  test.setTimeout(240_000);
  await page.goto(lab.server.url);
  await nav(page, 'Loss landscape');
  await page.getByLabel('Mode').selectOption('surface');
  await page.getByLabel('Points per axis').fill('21');
  await computeAndWait(page, 1);
  await expect(page.locator('figure.landscape-chart')).toHaveAttribute('data-series', 'cells,contours,marks');
  await shot(page, 'random-directions');

  await page.getByLabel('Mode').selectOption('interpolation');
  await computeAndWait(page, 2);
  await expect(page.locator('figure.landscape-chart')).toHaveAttribute('data-kind', 'line');
  await expect(page.locator('figure.landscape-chart')).toHaveAttribute('data-curve-points', '81');
  // a curve is not a plane: no contour, heatmap or 3-D choice for it (issue #11, defect 17)
  await expect(page.getByRole('group', { name: 'Chart' })).toHaveCount(0);
  await shot(page, 'interpolation');

  await page.getByLabel('Mode').selectOption('line');
  await computeAndWait(page, 3);
  await expect(page.locator('figure.landscape-chart')).toHaveAttribute('data-curve-points', '101');

  // a second run with full batches: side by side, same settings
  await trainSpiral(page, '150', '0');
  await nav(page, 'Loss landscape');
  const runs = page.getByLabel('Run', { exact: true });
  // the run list arrives after the view mounts: wait for both runs rather than read it once
  await expect(runs.locator('option')).toHaveCount(2);
  await runs.selectOption({ index: 1 });
  await page.getByLabel('Side by side with').selectOption({ index: 1 });
  await page.getByLabel('Mode').selectOption('surface');
  await page.getByLabel('Points per axis').fill('21');
  await page.getByRole('button', { name: 'Compute' }).click();
  await expect(chartFigure(page)).toHaveCount(2, { timeout: 60_000 });
  await expect(page.locator('figure.landscape-chart[data-kind="contour"][data-rendered="true"]')).toHaveCount(2, { timeout: 60_000 });
  await shot(page, 'side-by-side');
});

test('reopens the stored landscape after the server restarts', async ({ page }) => {
  await lab.restart();
  await page.goto(lab.server.url);
  await nav(page, 'Loss landscape');
  const runs = page.getByLabel('Run', { exact: true });
  await runs.selectOption({ index: 1 });
  const stored = page.locator('[data-landscape-id]');
  await expect(stored).toHaveCount(5);
  // the oldest: the path plane computed first
  await stored.last().click();
  const contour = page.locator('figure.landscape-chart');
  await expect(contour).toHaveAttribute('data-cells', String(25 * 25));
  expect(Number(await contour.getAttribute('data-path-points'))).toBeGreaterThanOrEqual(20);
  await shot(page, 'reopened');
});
