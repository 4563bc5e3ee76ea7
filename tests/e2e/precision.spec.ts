// Training precision (issue #13): the Playground says what 'auto' picks for the network on screen,
// refuses float32 for a conv net in words, trains an MNIST MLP in float32 by default, and the run's
// configuration says float32, so running it again trains the same numbers.
import { expect, test, type Page } from '@playwright/test';
import { join } from 'node:path';
import { serverForSpec } from './fixture';
import { SCREENSHOT_DIR } from './server';
import { expectStatus, nav, statValue } from './ui';

const lab = serverForSpec();
const shot = (page: Page, name: string) => page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });

test('picks float32 for a wide MNIST network, refuses it for a conv net, and records what the run trained in', async ({ page }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(lab.server.url);
  const precision = page.getByLabel('Precision');
  await expect(precision).toHaveValue('auto');
  // the lecture's small default net stays float64
  await expect(page.getByText('Auto: float64 here (float32 for wider layers)')).toBeVisible();

  await page.getByLabel('Dataset').selectOption({ label: 'MNIST digits' });
  await page.getByLabel('Samples').fill('2000');
  // 784 x 4 weights (the default width) is under the threshold: float64
  await expect(page.getByText('Auto: float64 here (float32 for wider layers)')).toBeVisible();
  await page.getByLabel('Hidden layer 1 units').fill('64');
  await page.getByLabel('Hidden layer 1 units').press('Tab');
  await page.getByLabel('Hidden layer 1 activation').selectOption('relu');
  await expect(page.getByText('Auto: float32 here (a layer over 4,096 weights)')).toBeVisible();

  // a conv net has no float32 kernels: asking for them is refused next to the field, and Train stays off
  await page.getByRole('button', { name: '+ Convolution' }).click();
  await expect(page.getByText('Auto: float64 here (float32 for wider layers)')).toBeVisible();
  await precision.selectOption('float32');
  await expect(page.getByRole('alert').filter({ hasText: 'float32 is for dense layers only' }).first()).toBeVisible();
  await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeDisabled();
  await shot(page, 'precision-refused');
  await page.getByRole('button', { name: 'Remove image layer 1' }).click();
  await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeEnabled();
  await precision.selectOption('auto');

  await page.getByLabel('Optimizer').selectOption('adam');
  await page.getByLabel('Learning rate').fill('0.003');
  await page.getByLabel('Epochs').fill('3');
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expectStatus(page, 'completed', 120_000);
  await expect.poll(() => statValue(page, 'Test acc')).toBeGreaterThan(0.8);
  await shot(page, 'precision-playground-trained');

  await nav(page, 'Runs', { exact: true });
  await page.getByRole('table', { name: 'Runs' }).locator('tbody tr[data-run-id]').first().click();
  const summary = page.locator('dl.spec');
  await expect(summary.locator('dt', { hasText: 'Precision' }).locator('xpath=following-sibling::dd[1]')).toHaveText('float32');
  await page.getByText('Spec as JSON').click();
  await expect(page.locator('.spec__json pre')).toContainText('"precision": "float32"');
  await shot(page, 'precision-run-detail');
});
