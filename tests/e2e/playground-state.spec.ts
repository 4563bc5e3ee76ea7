// Playground state follows the data (issue #11, defect 9): after training on XOR, choosing other
// data lets the finished run go (no stale diagram or numbers), and weights typed for XOR do not
// carry over to the spirals.
import { expect, test } from '@playwright/test';
import { join } from 'node:path';
import { serverForSpec } from './fixture';
import { SCREENSHOT_DIR } from './server';
import { expectStatus, statValue } from './ui';

const lab = serverForSpec();

test('other data lets the finished run and typed weights go', async ({ page }) => {
  await page.goto(lab.server.url);
  await page.getByLabel('Dataset').selectOption({ label: 'XOR gate' });
  await page.getByLabel('Epochs').fill('200');
  await page.getByRole('button', { name: 'Train' }).click();
  await expectStatus(page, 'completed');
  expect(await statValue(page, 'Step')).toBe(200);

  await page.getByLabel('Dataset').selectOption('spiral');
  await expect(page.getByText('Initial weights of the next run')).toBeVisible();
  await expect(page.locator('[data-stat="Step"]')).toHaveText('–');
  await expect(page.getByText(/^Run #1/)).toHaveCount(0);

  // weights typed on XOR: gone when the data changes, even to data of the same shape
  await page.getByLabel('Dataset').selectOption({ label: 'XOR gate' });
  await page.getByRole('group', { name: 'unit h1.1' }).getByRole('button', { name: 'bias of h1.1' }).click();
  await page.getByLabel(/^New/).fill('2.5');
  await page.getByRole('button', { name: 'Set', exact: true }).click();
  await expect(page.getByText('Edited weights: Train starts from these.')).toBeVisible();
  await page.getByLabel('Dataset').selectOption('circle');
  await expect(page.getByText('Initial weights of the next run')).toBeVisible();
  await page.screenshot({ path: join(SCREENSHOT_DIR, 'playground-state-fresh.png') });
});
