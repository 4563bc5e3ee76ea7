// Histograms over training (issue #14): a run's layers at every checkpoint, as ridges and as
// percentile bands, in run detail and side by side in Compare, each chart exportable.
import { expect, test, type Page } from '@playwright/test';
import { join } from 'node:path';
import { serverForSpec } from './fixture';
import { SCREENSHOT_DIR } from './server';
import { nav, runSweep } from './ui';

const lab = serverForSpec();
const shot = (page: Page, name: string) => page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
const dataRows = (page: Page) => page.getByRole('table', { name: 'Runs' }).locator('tbody tr[data-run-id]');

test('shows a run\'s weights, gradients and activations over training as histograms and distributions', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(lab.server.url);
  await nav(page, 'Runs', { exact: true });
  await runSweep(page, 'two rates', [['learningRate', '0.05, 0.2'], ['layers.0.units', '3']]);
  await expect(dataRows(page)).toHaveCount(2);
  await dataRows(page).first().click();
  const panel = page.getByRole('region', { name: 'Histograms over training' });
  await panel.scrollIntoViewIfNeeded();
  await expect(panel.getByLabel('Layer')).toHaveValue('Hidden 1');
  await expect(panel.getByLabel('Layer').locator('option')).toHaveText(['Hidden 1', 'Output']);
  const chart = panel.getByRole('figure', { name: /^Histograms of run \d+$/ });
  await expect(chart).toHaveAttribute('data-rendered', 'true');
  await panel.getByLabel('Values').selectOption('gradients');
  await expect(chart).toHaveAttribute('data-rendered', 'true');
  await shot(page, 'histograms-run-detail');
  await panel.getByRole('button', { name: 'Distributions' }).click();
  const bands = panel.getByRole('figure', { name: /^Distributions of run \d+$/ });
  await expect(bands).toHaveAttribute('data-rendered', 'true');
  // the data it shows: the nine percentile curves
  const [download] = await Promise.all([page.waitForEvent('download'), (async () => {
    await panel.getByRole('button', { name: /^Export Distributions/ }).click();
    await page.getByRole('menuitem', { name: 'Data shown (CSV)' }).click();
  })()]);
  const { readFileSync } = await import('node:fs');
  const lines = readFileSync((await download.path())!, 'utf8').trim().split('\n');
  expect(lines[0]).toBe('series,x,y');
  expect(new Set(lines.slice(1).map((l) => l.split(',')[0])).size).toBe(9);
  await shot(page, 'histograms-distributions');
});

test('compares the two runs\' histograms side by side', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(lab.server.url);
  await nav(page, 'Runs', { exact: true });
  const rows = dataRows(page);
  await expect(rows).toHaveCount(2);
  for (let k = 0; k < 2; k++) await rows.nth(k).getByRole('checkbox').check();
  await page.getByRole('toolbar', { name: 'Selected runs' }).getByRole('button', { name: 'Compare' }).click();
  const panel = page.getByRole('region', { name: 'Histograms over training' });
  await panel.scrollIntoViewIfNeeded();
  await panel.getByLabel('Values').selectOption('activations');
  await expect(panel.getByRole('figure', { name: /^Histograms of run \d+$/ })).toHaveCount(2);
  for (const figure of await panel.getByRole('figure').all()) await expect(figure).toHaveAttribute('data-rendered', 'true');
  await shot(page, 'histograms-compare');
});
