// A person moving runs between two data folders (issue #18): runs a sweep in one, exports the
// runs as a bundle from the runs table, imports it into another through the button, drops it
// again (nothing doubles), is told in words why a cut-short file was refused, and compares the
// imported sweep there.
import { expect, test, type Page } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { newDataDir, removeDataDir, SCREENSHOT_DIR, startServer, type RunningServer } from './server';
import { nav, runSweep } from './ui';

test.describe.configure({ mode: 'serial' });

let source: RunningServer;
let target: RunningServer;
let bundlePath: string;

test.beforeAll(async () => {
  [source, target] = await Promise.all([startServer(newDataDir()), startServer(newDataDir())]);
});
test.afterAll(async () => {
  for (const server of [source, target]) {
    if (!server) continue;
    await server.stop();
    removeDataDir(server.dataDir);
  }
});

async function openRuns(page: Page, server: RunningServer): Promise<void> {
  await page.goto(server.url);
  await nav(page, 'Runs', { exact: true });
  await expect(page.getByRole('heading', { name: 'Runs', exact: true })).toBeVisible();
}

const dataRows = (page: Page) => page.getByRole('table', { name: 'Runs' }).locator('tbody tr[data-run-id]');

test('exports the runs of a sweep as one bundle from the runs table', async ({ page }) => {
  await openRuns(page, source);
  await runSweep(page, 'moved sweep', [['learningRate', '0.5, 2'], ['layers.0.units', '2, 3']]);
  await expect(dataRows(page)).toHaveCount(4);

  await page.getByRole('table', { name: 'Runs' }).locator('thead').getByRole('checkbox').check();
  const bar = page.getByRole('toolbar', { name: 'Selected runs' });
  await expect(bar).toContainText('4 selected');
  const [download] = await Promise.all([page.waitForEvent('download'), bar.getByRole('button', { name: 'Export bundle' }).click()]);
  expect(download.suggestedFilename()).toBe('runs-4.bplab');
  bundlePath = join(test.info().outputDir, download.suggestedFilename());
  await download.saveAs(bundlePath);
  expect(readFileSync(bundlePath).subarray(0, 15).toString('latin1')).toBe('SQLite format 3');
  await expect(bar.getByRole('status')).toContainText('Exported 4 runs as a bundle');
});

test('imports the bundle into another data folder with the button, then by dropping it, without doubling anything', async ({ page }) => {
  // a second window on the same data folder hears of the merge (as windows do after the desktop
  // app's File > Import runs…, which merges in main and sends the same 'runs.imported' event)
  const other = await page.context().newPage();
  await openRuns(other, target);
  await openRuns(page, target);
  await expect(page.getByTestId('runs-count')).toHaveText('0 of 0 runs');
  await page.getByTestId('bundle-input').setInputFiles(bundlePath);
  const report = page.getByRole('dialog', { name: 'Imported runs' });
  await expect(report.getByRole('status')).toHaveText('Merged 1 bundle: 4 runs added, 0 already here. New experiment: moved sweep.');
  await expect(report.getByRole('listitem')).toHaveCount(4);
  await expect(page.getByTestId('runs-count')).toHaveText('4 of 4 runs');
  await expect(other.getByRole('dialog', { name: 'Imported runs' }).getByRole('status')).toHaveText('Merged 1 bundle: 4 runs added, 0 already here. New experiment: moved sweep.');
  await expect(other.getByTestId('runs-count')).toHaveText('4 of 4 runs');
  await other.close();
  await page.screenshot({ path: join(SCREENSHOT_DIR, 'bundles-imported.png'), fullPage: true });
  await report.getByRole('button', { name: 'Close' }).click();

  const bytes = readFileSync(bundlePath).toString('base64');
  const dropped = await page.evaluateHandle(({ data, name }) => {
    // runs in the page, where DataTransfer exists (this file is typed for Node)
    const transfer = new (globalThis as unknown as { DataTransfer: new () => { items: { add(f: unknown): void } } }).DataTransfer();
    transfer.items.add(new File([Uint8Array.from(atob(data), (c) => c.charCodeAt(0))], name));
    return transfer;
  }, { data: bytes, name: 'runs-4.bplab' });
  await page.getByTestId('runs-view').dispatchEvent('drop', { dataTransfer: dropped });
  await expect(report.getByRole('status')).toHaveText('Merged 1 bundle: 0 runs added, 4 already here.');
  await expect(page.getByTestId('runs-count')).toHaveText('4 of 4 runs');
  await report.getByRole('button', { name: 'Close' }).click();
});

test('refuses a cut-short bundle in words and changes nothing', async ({ page }) => {
  await openRuns(page, target);
  const cut = join(dirname(bundlePath), 'cut.bplab');
  const bytes = readFileSync(bundlePath);
  writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length / 2)));
  await page.getByTestId('bundle-input').setInputFiles(cut);
  const report = page.getByRole('dialog', { name: 'Imported runs' });
  await expect(report.getByRole('alert')).toContainText("'cut.bplab' is truncated");
  await expect(report.getByRole('alert')).toContainText('nothing was imported');
  await page.screenshot({ path: join(SCREENSHOT_DIR, 'bundles-truncated.png') });
  await expect(page.getByTestId('runs-count')).toHaveText('4 of 4 runs');
});

test('compares the imported sweep as the app that ran it would', async ({ page }) => {
  await openRuns(page, target);
  await page.getByLabel('Experiment').selectOption({ label: 'moved sweep (4)' });
  await expect(dataRows(page)).toHaveCount(4);
  await page.getByRole('table', { name: 'Runs' }).locator('thead').getByRole('checkbox').check();
  await page.getByRole('toolbar', { name: 'Selected runs' }).getByRole('button', { name: 'Compare' }).click();
  await expect(page.getByRole('heading', { name: 'Compare' })).toBeVisible();
  await expect(page.getByRole('figure', { name: 'train_loss chart' })).toHaveAttribute('data-curves', '4');
  const table = page.getByRole('table', { name: 'Hyperparameter table' });
  // one row per swept setting, a column per run: the sweep's two axes, as in the app that ran it
  await expect(table.locator('tbody tr')).toHaveCount(2);
  await expect(table).toContainText('learningRate');
  await expect(table).toContainText('layers.0.units');
  await page.screenshot({ path: join(SCREENSHOT_DIR, 'bundles-compare.png'), fullPage: true });
});
