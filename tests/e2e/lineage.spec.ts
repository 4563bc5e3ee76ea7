// Run identity and lineage (issue #11, defects 3 and 10): "Run again with changes…" on an XOR run,
// switched to another data set, is stored under the new data set's name as a rerun of the first;
// "Continue training…" says the weights were continued, and Reset takes that back; a learning
// rate changed while a run trains is kept with it (table and run detail).
import { expect, test, type Page } from '@playwright/test';
import { join } from 'node:path';
import { serverForSpec } from './fixture';
import { SCREENSHOT_DIR } from './server';
import { expectStatus, nav } from './ui';

const lab = serverForSpec();
const dataRows = (page: Page) => page.getByRole('table', { name: 'Runs' }).locator('tbody tr[data-run-id]');

async function openRun(page: Page, id: number): Promise<void> {
  await nav(page, 'Runs', { exact: true });
  await page.getByRole('table', { name: 'Runs' }).locator(`tbody tr[data-run-id="${id}"]`).click();
  await expect(page.locator('section.detail h2')).toContainText(`Run #${id}`);
}

test('a rerun with another data set is named for it and stored as a rerun of the first run', async ({ page }) => {
  await page.goto(lab.server.url);
  await page.getByLabel('Dataset').selectOption({ label: 'XOR gate' });
  await page.getByLabel('Epochs').fill('200');
  await page.getByRole('button', { name: 'Train' }).click();
  await expectStatus(page, 'completed');

  await openRun(page, 1);
  await page.getByRole('button', { name: 'Run again with changes…' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'rerun of run #1' })).toBeVisible();
  await page.getByLabel('Dataset').selectOption('circle');
  await page.getByRole('button', { name: 'Train' }).click();
  await expectStatus(page, 'completed', 60_000);

  await openRun(page, 2);
  await expect(page.locator('section.detail h2')).toContainText('circle');
  await expect(page.locator('section.detail h2')).not.toContainText('again');
  await expect(page.getByTestId('run-lineage')).toContainText('A rerun of run #1 with changes');
  await expect(dataRows(page).filter({ hasText: '#2' })).toContainText('rerun of #1');
  await page.getByLabel(/^Filter/).fill('lineage = rerun and parent = 1');
  await expect(dataRows(page)).toHaveCount(1);
  await page.getByLabel(/^Filter/).fill('');
  await page.screenshot({ path: join(SCREENSHOT_DIR, 'lineage-rerun-1440.png'), fullPage: true });
});

test('Continue training says it continues, and Reset takes it back to fresh weights', async ({ page }) => {
  await page.goto(lab.server.url);
  await openRun(page, 1);
  await page.getByRole('button', { name: 'Continue training…' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Train continues from run #1' })).toBeVisible();
  // before the first step the Playground already shows the trained network it continues from
  await expect(page.getByText('The trained weights of run #1')).toBeVisible();
  await page.screenshot({ path: join(SCREENSHOT_DIR, 'lineage-continue-preview.png') });
  await page.getByRole('button', { name: 'Train' }).click();
  await expectStatus(page, 'completed');
  await openRun(page, 3);
  await expect(page.getByTestId('run-lineage')).toContainText('Continued training from the last checkpoint of run #1');

  await page.getByRole('button', { name: 'Continue training…' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Train continues from run #3' })).toBeVisible();
  await page.getByRole('button', { name: 'Reset' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Train continues' })).toHaveCount(0);
  await page.getByLabel('Dataset').selectOption('spiral');
  await page.getByRole('button', { name: 'Train' }).click();
  await expectStatus(page, 'completed', 90_000);
  await openRun(page, 4);
  await expect(page.locator('section.detail h2')).toContainText('spiral');
  await expect(page.getByTestId('run-lineage')).toHaveCount(0); // fresh weights: no lineage claimed
});

test('a learning rate changed while the run trains is kept with the run', async ({ page }) => {
  await page.goto(lab.server.url);
  await page.getByLabel('Dataset').selectOption('spiral');
  await page.getByLabel('Learning rate').fill('0.02');
  await page.getByLabel('Epochs').fill('1000000');
  await page.getByLabel('Batch size').fill('1');
  await page.getByRole('button', { name: 'Train' }).click();
  await expectStatus(page, 'running');
  await page.getByLabel('Learning rate').fill('0.005');
  await nav(page, 'Runs', { exact: true });
  const row = page.getByRole('table', { name: 'Runs' }).locator('tbody tr[data-run-id="5"]');
  await expect(row).toContainText('0.02 → 0.005');
  await page.getByLabel(/^Filter/).fill('lr = 0.005');
  await expect(dataRows(page)).toHaveCount(1);
  await row.click();
  await expect(page.getByTestId('lr-history')).toContainText('0.02 from the start, 0.005 from step');
  await page.screenshot({ path: join(SCREENSHOT_DIR, 'lineage-lr-history-1280.png') });
  await nav(page, 'Playground');
  await page.getByRole('button', { name: 'Stop' }).click();
  await expectStatus(page, 'stopped');
});
