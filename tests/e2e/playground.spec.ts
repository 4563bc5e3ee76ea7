// A new user in browser mode: builds a small network for XOR and trains it, pauses and steps
// a longer run, and finds both again after the server restarts.
import { expect, test } from '@playwright/test';
import { join } from 'node:path';
import { serverForSpec } from './fixture';
import { SCREENSHOT_DIR } from './server';
import { chartPoints, expectStatus, nav, statValue } from './ui';

const lab = serverForSpec();

test('trains XOR below 0.01 loss from the Playground', async ({ page }) => {
  await page.goto(lab.server.url);
  await page.getByLabel('Dataset').selectOption({ label: 'XOR gate' });
  await page.getByLabel('Hidden layer 1 units').fill('4');
  await page.getByLabel('Hidden layer 1 activation').selectOption('tanh');
  await page.getByLabel('Output activation').selectOption('sigmoid');
  await page.getByLabel('Loss', { exact: true }).selectOption('bce');
  await page.getByLabel('Optimizer').selectOption('adam');
  await page.getByLabel('Learning rate').fill('0.05');
  await page.getByLabel('Epochs').fill('3000');
  await page.getByRole('button', { name: 'Train' }).click();

  await expectStatus(page, 'completed');
  await expect.poll(() => statValue(page, 'Train loss')).toBeLessThan(0.01);
  expect(await statValue(page, 'Train acc')).toBe(1);
  await expect.poll(() => chartPoints(page, 'Loss chart')).toBeGreaterThan(50);
  await expect.poll(() => chartPoints(page, 'Accuracy chart')).toBeGreaterThan(50);
  await page.screenshot({ path: join(SCREENSHOT_DIR, 'playground-xor-trained.png'), fullPage: true });
});

test('pauses, steps one batch, resumes and stops a longer run while the chart keeps moving', async ({ page }) => {
  await page.goto(lab.server.url);
  // Four XOR rows train a million epochs in seconds; a million epochs of the spirals one example
  // per step keep it running however fast the machine, so the buttons always meet a live run.
  await page.getByLabel('Dataset').selectOption('spiral');
  await page.getByLabel('Hidden layer 1 units').fill('8');
  await page.getByRole('button', { name: '+ Add hidden layer' }).click();
  await page.getByLabel('Epochs').fill('1000000');
  await page.getByLabel('Batch size').fill('1');
  await page.getByRole('button', { name: 'Train' }).click();

  await expectStatus(page, 'running');
  await expect.poll(() => chartPoints(page, 'Loss chart')).toBeGreaterThan(0);
  const pointsEarly = await chartPoints(page, 'Loss chart');
  await expect.poll(() => chartPoints(page, 'Loss chart')).toBeGreaterThan(pointsEarly);

  await page.getByRole('button', { name: 'Pause' }).click();
  await expectStatus(page, 'paused');
  const stepBefore = await statValue(page, 'Step');
  await page.getByRole('button', { name: 'Step' }).click();
  await expect.poll(() => statValue(page, 'Step')).toBe(stepBefore + 1);
  const pointsPaused = await chartPoints(page, 'Loss chart');

  await page.getByRole('button', { name: 'Resume' }).click();
  await expectStatus(page, 'running');
  await expect.poll(() => chartPoints(page, 'Loss chart')).toBeGreaterThan(pointsPaused);
  await page.screenshot({ path: join(SCREENSHOT_DIR, 'playground-spiral-running.png'), fullPage: true });

  await page.getByRole('button', { name: 'Stop' }).click();
  await expectStatus(page, 'stopped');
  await expect(page.getByRole('button', { name: 'Train' })).toBeEnabled();
});

test('shows the run and its curve in the Runs view after the server restarts', async ({ page }) => {
  await lab.restart();
  await page.goto(lab.server.url);
  await nav(page, 'Runs');

  await expectStatus(page.getByRole('row').filter({ hasText: 'spiral' }), 'stopped');
  const row = page.getByRole('row').filter({ hasText: 'xor-gate' });
  await expectStatus(row, 'completed');
  await row.getByRole('button').click();

  const detail = page.getByRole('region', { name: /^Run \d+$/ });
  await expect(detail.getByText('4 tanh → 1 sigmoid')).toBeVisible();
  await expect.poll(() => chartPoints(detail, 'Loss chart')).toBeGreaterThan(10);
  await expect.poll(() => statValue(detail, 'Train loss')).toBeLessThan(0.01);
  await page.screenshot({ path: join(SCREENSHOT_DIR, 'runs-after-restart.png'), fullPage: true });

  await detail.getByRole('button', { name: 'Delete run' }).click();
  await detail.getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(row).toHaveCount(0);
});

test('explains an invalid configuration next to the field', async ({ page }) => {
  await page.goto(lab.server.url);
  const lr = page.getByLabel('Learning rate');
  await lr.fill('0');
  await page.getByRole('button', { name: 'Train' }).click();
  await expect(lr).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('alert').filter({ hasText: /too small|greater than|>\s*0/i }).first()).toBeVisible();
  await page.screenshot({ path: join(SCREENSHOT_DIR, 'playground-invalid-config.png'), fullPage: true });
  await lr.fill('0.05');
  await lr.blur();
  await expect(lr).not.toHaveAttribute('aria-invalid', 'true');
});
