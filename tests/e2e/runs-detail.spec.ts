// Run detail shows the run it says it shows (issue #11, defect 1): tags and notes a filter hides
// from the table stay in the open panel, and edits made there keep them.
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { serverForSpec } from './fixture';
import { SCREENSHOT_DIR } from './server';
import { nav, runSweep } from './ui';

const lab = serverForSpec();
/** A tag shown in run detail, by its remove button (the chip's text is the tag and its ×). */
const detailOf = (page: Page) => page.locator('section.detail');
const chipIn = (page: Page) => (tag: string) => detailOf(page).getByRole('button', { name: `Remove tag ${tag}`, exact: true });
const dataRows = (page: Page) => page.getByRole('table', { name: 'Runs' }).locator('tbody tr[data-run-id]');

test('keeps the tags and notes of an open run that the filter hides, and edits add to them', async ({ page }) => {
  const chip = chipIn(page);
  await page.goto(lab.server.url);
  await nav(page, 'Runs', { exact: true });
  await runSweep(page, 'two rates', [['learningRate', '0.5, 2'], ['layers.0.units', '4']]);
  await expect(dataRows(page)).toHaveCount(2);

  await dataRows(page).filter({ hasText: 'learningRate=2' }).click();
  const detail = detailOf(page);
  await expect(detail.getByRole('heading', { level: 2 })).toContainText('Run #');
  for (const tag of ['baseline', 'spiral-test']) {
    await detail.getByLabel('New tag').fill(tag);
    await detail.getByRole('button', { name: 'Add', exact: true }).click();
    await expect(chip(tag)).toBeVisible();
  }
  await detail.getByLabel('Notes').fill('the fast one');
  await detail.getByRole('button', { name: 'Save notes' }).click();
  await expect(detail.getByRole('button', { name: 'Save notes' })).toBeDisabled();

  await page.getByLabel(/^Filter/).fill('lr < 1');
  await expect(dataRows(page)).toHaveCount(1);
  await expect(page.getByTestId('run-hidden-note')).toBeVisible();
  await expect(chip('baseline')).toBeVisible();
  await expect(chip('spiral-test')).toBeVisible();
  await expect(detail.getByLabel('Notes')).toHaveValue('the fast one');
  await detail.getByLabel('New tag').fill('probe');
  await detail.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(chip('probe')).toBeVisible();
  await expect(chip('baseline')).toBeVisible();
  await page.screenshot({ path: join(SCREENSHOT_DIR, 'runs-detail-hidden-1440.png'), fullPage: true });

  await page.getByLabel(/^Filter/).fill('');
  await expect(dataRows(page)).toHaveCount(2);
  await expect(page.getByTestId('run-hidden-note')).toHaveCount(0);
  const row = dataRows(page).filter({ hasText: 'learningRate=2' });
  for (const tag of ['baseline', 'spiral-test', 'probe']) await expect(row).toContainText(tag);
  await expect(row).toContainText('the fast one');
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.screenshot({ path: join(SCREENSHOT_DIR, 'runs-detail-1280.png') });
});

test('tells two runs of the same name apart in Compare, on screen and in the exported picture', async ({ page }) => {
  await page.goto(lab.server.url);
  await nav(page, 'Runs', { exact: true });
  // both runs get one name, as two Playground runs of "circle 2-6-1" would
  for (const row of ['learningRate=0.5', 'learningRate=2']) {
    await dataRows(page).filter({ hasText: row }).click();
    const detail = detailOf(page);
    await detail.getByRole('button', { name: 'Rename' }).click();
    await detail.getByLabel('Run name').fill('circle 2-6-1');
    await detail.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(detail.getByRole('heading', { level: 2 })).toContainText('circle 2-6-1');
  }
  await page.getByRole('table', { name: 'Runs' }).locator('thead').getByRole('checkbox').check();
  await page.getByRole('toolbar', { name: 'Selected runs' }).getByRole('button', { name: 'Compare' }).click();
  const lossChart = page.getByRole('figure', { name: 'train_loss chart' });
  await expect(lossChart).toHaveAttribute('data-curves', '2');
  const [dl] = await Promise.all([page.waitForEvent('download'), (async () => {
    await page.getByRole('button', { name: 'Export train_loss chart' }).click();
    await page.getByRole('menuitem', { name: 'Vector (SVG)' }).click();
  })()]);
  const path = test.info().outputPath('compare.svg');
  await dl.saveAs(path);
  const svg = readFileSync(path, 'utf8');
  expect(svg).toContain('#1 circle 2-6-1');
  expect(svg).toContain('#2 circle 2-6-1');
  expect(svg).toContain('train_loss · 2 runs');
  await page.screenshot({ path: join(SCREENSHOT_DIR, 'compare-same-names-1440.png') });
});

test('fits 1280×800 without scrolling sideways, and hides the columns a person does not read, kept after a reload', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(lab.server.url);
  await nav(page, 'Runs', { exact: true });
  await expect(dataRows(page)).toHaveCount(2);
  // runs in the page (this file is typed for Node)
  const pageWidth = await page.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth);
  expect(pageWidth).toBeLessThanOrEqual(1280);
  for (const name of ['New sweep…', 'Refresh']) {
    const box = (await page.getByRole('button', { name, exact: true }).boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(1280);
  }
  const header = page.getByRole('table', { name: 'Runs' }).locator('thead');
  await expect(header.getByRole('button', { name: /^Architecture/ })).toBeVisible();
  const chooser = page.getByTestId('column-chooser');
  await chooser.locator('summary').click();
  await chooser.getByLabel('Architecture').uncheck();
  await chooser.getByLabel('Notes').uncheck();
  await expect(header.getByRole('button', { name: /^Architecture/ })).toHaveCount(0);
  await expect(header.getByText('Notes', { exact: true })).toHaveCount(0);
  await expect(chooser.locator('summary')).toHaveText('Columns (10 of 12)');
  await page.reload();
  await nav(page, 'Runs', { exact: true });
  await expect(dataRows(page)).toHaveCount(2);
  await expect(header.getByRole('button', { name: /^Architecture/ })).toHaveCount(0);
  await page.screenshot({ path: join(SCREENSHOT_DIR, 'runs-1280.png') });
});
