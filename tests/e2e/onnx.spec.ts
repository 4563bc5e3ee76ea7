// A student imports a PyTorch network saved as ONNX (tests/fixtures/onnx/blobs-mlp.onnx, made by
// torch_mlps.py beside it), sees a damaged file refused in words, opens the model on the blobs
// data set and looks at its loss landscape and the input that excites one of its units.
import { expect, test, type Page } from '@playwright/test';
import { join } from 'node:path';
import { serverForSpec } from './fixture';
import { SCREENSHOT_DIR } from './server';
import { nav } from './ui';

const lab = serverForSpec();
const FIXTURE = join(import.meta.dirname, '../fixtures/onnx/blobs-mlp.onnx');
const shot = (page: Page, name: string) => page.screenshot({ path: join(SCREENSHOT_DIR, `onnx-${name}.png`), fullPage: true });

let featuresLink = '';

test('imports a PyTorch ONNX file, refuses a damaged one, and opens the model on blobs', async ({ page }) => {
  await page.goto(lab.server.url);
  await nav(page, 'Runs');
  const imported = page.getByRole('region', { name: 'Imported models' });
  await imported.getByLabel('Model file to import').setInputFiles(FIXTURE);
  await expect(imported.getByRole('status')).toContainText('Imported “blobs-mlp” (2-8-3)');
  const list = imported.getByRole('table', { name: 'Imported models list' }).locator('tbody tr');
  await expect(list).toHaveCount(1);
  await expect(list.first()).toContainText('softmax-ce');

  const random = Buffer.from(Array.from({ length: 300 }, (_, k) => (k * 7919 + 13) % 251));
  await imported.getByLabel('Model file to import').setInputFiles({ name: 'random.onnx', mimeType: 'application/octet-stream', buffer: random });
  await expect(imported.getByRole('alert')).toContainText(/Could not import random\.onnx: model file: not an ONNX model, or a damaged or truncated one.*Nothing was stored\./);
  await expect(list).toHaveCount(1);

  const row = list.first();
  await row.getByLabel('Dataset for blobs-mlp').selectOption('blobs');
  await row.getByRole('button', { name: 'Evaluate' }).click();
  await expect(row.getByTestId('evaluation')).toContainText(/loss \S+ · accuracy \d/);
  await row.getByRole('button', { name: 'Analyze' }).click();
  const opened = row.getByTestId('opened');
  await expect(opened).toContainText(/Run \d+ holds it on blobs/);
  await imported.scrollIntoViewIfNeeded();
  await shot(page, 'imported');
  featuresLink = (await opened.getByRole('link', { name: 'Feature visualization' }).getAttribute('href'))!;

  await opened.getByRole('link', { name: 'Loss landscape' }).click();
  await expect(page.getByLabel('Run', { exact: true })).toHaveValue(/\d+/);
  // the model is one checkpoint, not a training path: the plane of two random directions
  await page.getByLabel('Mode').selectOption('surface');
  await page.getByLabel('Points per axis').fill('21');
  await page.getByRole('button', { name: 'Compute' }).click();
  const contour = page.locator('figure.landscape-chart');
  await expect(contour).toHaveAttribute('data-kind', 'contour', { timeout: 60_000 });
  await expect(contour).toHaveAttribute('data-cells', String(21 * 21));
  await expect(contour).toHaveAttribute('data-rendered', 'true');
  await shot(page, 'landscape');
});

test('visualizes what a hidden unit of the imported model responds to', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto(`${lab.server.url}${featuresLink}`);
  await expect(page.getByLabel('Run')).toHaveValue(featuresLink.split('/').pop()!);
  await page.getByRole('button', { name: 'Visualize' }).click();
  await expect(page.getByRole('heading', { name: 'Class 0 (class 0), logit' })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByRole('figure', { name: 'Unit over the plane' })).toHaveAttribute('data-rendered', 'true');
  await expect(page.getByRole('table', { name: 'Top examples' }).locator('tbody tr').first()).toBeVisible();
  await shot(page, 'features');
});
