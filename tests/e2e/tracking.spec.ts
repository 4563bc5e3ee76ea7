// A person keeping and comparing experiments: runs a small sweep, filters the table with an
// expression, compares three runs with smoothing and grouping, exports a chart and a model,
// and imports the model again (and a corrupt file, which changes nothing).
import { expect, test, type Download, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { serverForSpec } from './fixture';
import { SCREENSHOT_DIR } from './server';
import { expectStatus, nav } from './ui';

const lab = serverForSpec();
let exportedModelPath: string;

async function openRuns(page: Page): Promise<void> {
  await page.goto(lab.server.url);
  await nav(page, 'Runs', { exact: true });
  await expect(page.getByRole('heading', { name: 'Runs', exact: true })).toBeVisible();
}

async function download(page: Page, click: () => Promise<void>): Promise<{ download: Download; path: string; text: string }> {
  const [dl] = await Promise.all([page.waitForEvent('download'), click()]);
  const path = join(test.info().outputDir, dl.suggestedFilename());
  await dl.saveAs(path);
  return { download: dl, path, text: readFileSync(path, 'latin1') };
}

const dataRows = (page: Page) => page.getByRole('table', { name: 'Runs' }).locator('tbody tr[data-run-id]');

test('runs a 2×2 grid sweep of learning rate and width on XOR and follows it to 100%', async ({ page }) => {
  await openRuns(page);
  await page.getByRole('button', { name: 'New sweep…' }).click();
  const dialog = page.getByRole('dialog', { name: 'New sweep' });
  await dialog.getByLabel('Name').fill('xor lr x width');
  await dialog.getByLabel('Parameter 1 setting').fill('learningRate');
  await dialog.getByLabel('Parameter 1 values').fill('0.1, 0.01');
  await dialog.getByLabel('Parameter 2 setting').fill('layers.0.units');
  await dialog.getByLabel('Parameter 2 values').fill('2, 4');
  await dialog.getByRole('button', { name: 'Preview runs' }).click();
  await expect(dialog.getByText('4 runs will be queued.')).toBeVisible();
  await expect(dialog.getByRole('table', { name: 'Sweep preview' }).locator('tbody tr')).toHaveCount(4);
  await page.screenshot({ path: join(SCREENSHOT_DIR, 'tracking-sweep-dialog.png') });

  await dialog.getByRole('button', { name: 'Start sweep' }).click();
  await expect(dialog).toHaveCount(0);
  const progress = page.getByRole('progressbar', { name: 'Sweep progress' });
  await expect(progress).toHaveAttribute('aria-valuenow', '100', { timeout: 60_000 });
  await expect(page.getByText('4 of 4 runs finished')).toBeVisible();
  await expect(dataRows(page)).toHaveCount(4);
  await expect(page.getByLabel('Experiment')).toHaveValue(/\d+/);
  await page.screenshot({ path: join(SCREENSHOT_DIR, 'tracking-runs-table.png'), fullPage: true });
});

test('filters the table with an expression and explains a broken one', async ({ page }) => {
  await openRuns(page);
  await expect(dataRows(page)).toHaveCount(4);
  const filter = page.getByLabel(/^Filter/);
  await filter.fill('lr < 0.05 and layers.0.units = 4');
  await expect(dataRows(page)).toHaveCount(1);
  await expect(page.getByTestId('runs-count')).toHaveText('1 of 4 runs');
  await expect(dataRows(page).first()).toContainText('learningRate=0.01 layers.0.units=4');

  await filter.fill('lr < ');
  await expect(filter).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('alert').filter({ hasText: /column \d+/ })).toBeVisible();
  // The last good answer stays on screen while the expression is broken.
  await expect(dataRows(page)).toHaveCount(1);
  await page.screenshot({ path: join(SCREENSHOT_DIR, 'tracking-filter-error.png') });

  await filter.fill('lr >= 0.1');
  await expect(filter).not.toHaveAttribute('aria-invalid', 'true');
  await expect(dataRows(page)).toHaveCount(2);
  await filter.fill('');
  await expect(dataRows(page)).toHaveCount(4);
});

test('compares three runs with smoothing and grouping, and exports the chart as PNG, SVG and the data it shows', async ({ page }) => {
  await openRuns(page);
  await page.getByRole('button', { name: 'lr', exact: true }).click();
  const rows = dataRows(page);
  for (let k = 0; k < 3; k++) await rows.nth(k).getByRole('checkbox').check();
  await expect(page.getByRole('toolbar', { name: 'Selected runs' })).toContainText('3 selected');
  await page.getByRole('toolbar', { name: 'Selected runs' }).getByRole('button', { name: 'Compare' }).click();

  await expect(page.getByRole('heading', { name: 'Compare' })).toBeVisible();
  const lossChart = page.getByRole('figure', { name: 'train_loss chart' });
  await expect(lossChart).toHaveAttribute('data-curves', '3');
  await page.getByLabel(/^Smoothing/).fill('0.9');
  await expect(page.getByText('smoothed 0.9').first()).toBeVisible();
  await page.getByLabel('Group by').selectOption('layers.0.units');
  await expect(lossChart).toHaveAttribute('data-curves', '2');
  await page.getByLabel('Band').selectOption('std');
  await page.getByLabel('log y').check();
  await expect(page.getByRole('table', { name: 'Hyperparameter table' }).locator('tbody tr')).toHaveCount(2);
  await expect(page.getByRole('table', { name: 'Hyperparameter table' })).toContainText('learningRate');
  await page.screenshot({ path: join(SCREENSHOT_DIR, 'tracking-compare.png'), fullPage: true });

  const menu = () => page.getByRole('button', { name: 'Export train_loss chart' });
  const png = await download(page, async () => { await menu().click(); await page.getByRole('menuitem', { name: 'Image (PNG)' }).click(); });
  expect(png.download.suggestedFilename()).toMatch(/\.png$/);
  expect(png.text.slice(1, 4)).toBe('PNG');
  const svg = await download(page, async () => { await menu().click(); await page.getByRole('menuitem', { name: 'Vector (SVG)' }).click(); });
  expect(svg.download.suggestedFilename()).toMatch(/\.svg$/);
  expect(svg.text.startsWith('<svg')).toBe(true);
  expect(svg.text).toContain('layers.0.units=2');
  // the card's heading travels with the picture (download() reads latin1: decode the UTF-8 again)
  expect(Buffer.from(svg.text, 'latin1').toString('utf8')).toContain('train_loss · 2 groups · smoothed 0.9');
  const csv = await download(page, async () => { await menu().click(); await page.getByRole('menuitem', { name: 'Data shown (CSV)' }).click(); });
  const lines = csv.text.trim().split('\n');
  expect(lines[0]).toBe('run,series,x,y');
  expect(new Set(lines.slice(1).map((l) => l.split(',')[1]))).toEqual(new Set(['train_loss', 'train_loss lower', 'train_loss upper']));

  const parallel = await download(page, async () => {
    await page.getByRole('button', { name: 'Export Parallel coordinates' }).click();
    await page.getByRole('menuitem', { name: 'Vector (SVG)' }).click();
  });
  expect(parallel.text.startsWith('<svg')).toBe(true);
});

test('exports a trained model as a model file and as ONNX', async ({ page }) => {
  await openRuns(page);
  await dataRows(page).first().getByRole('button').click();
  const detail = page.getByRole('region', { name: /^Run \d+$/ });
  const json = await download(page, () => detail.getByRole('button', { name: 'Model file (JSON)' }).click());
  const model = JSON.parse(json.text) as { format: string; layers: unknown[] };
  expect(model.format).toBe('backprop-lab.model');
  expect(model.layers).toHaveLength(2);
  exportedModelPath = json.path;
  const onnx = await download(page, () => detail.getByRole('button', { name: 'ONNX' }).click());
  expect(onnx.download.suggestedFilename()).toMatch(/\.onnx$/);
  expect(onnx.text.length).toBeGreaterThan(100);
});

test('imports the model again, evaluates it, and refuses a corrupt file without storing anything', async ({ page }) => {
  await openRuns(page);
  const imported = page.getByRole('region', { name: 'Imported models' });
  await imported.getByLabel('Model file to import').setInputFiles(exportedModelPath);
  await expect(imported.getByRole('status')).toContainText('Imported');
  const list = imported.getByRole('table', { name: 'Imported models list' }).locator('tbody tr');
  await expect(list).toHaveCount(1);
  await list.first().getByRole('button', { name: 'Evaluate' }).click();
  await expect(list.first().getByTestId('evaluation')).toContainText(/loss \S+ · accuracy \d/);

  const corrupt = JSON.parse(readFileSync(exportedModelPath, 'utf8')) as { layers: { weights: number[][] }[] };
  corrupt.layers[0].weights.pop();
  await imported.getByLabel('Model file to import').setInputFiles({ name: 'broken.model.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(corrupt)) });
  await expect(imported.getByRole('alert')).toContainText(/Could not import broken\.model\.json: .*weights.*Nothing was stored\./);
  await imported.getByLabel('Model file to import').setInputFiles({ name: 'future.model.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ ...corrupt, version: 99 })) });
  await expect(imported.getByRole('alert')).toContainText(/future\.model\.json: .*version/);
  await expect(list).toHaveCount(1);
  await imported.scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(SCREENSHOT_DIR, 'tracking-import.png') });

  // Continue training: the Playground opens with the model's layers and starts from its weights.
  await list.first().getByRole('button', { name: 'Continue training…' }).click();
  await expect(page.getByRole('status').filter({ hasText: /Train continues from imported model/ })).toBeVisible();
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expectStatus(page, 'completed');
  await expect(page.getByText(/Train continues from/)).toHaveCount(0);
});
