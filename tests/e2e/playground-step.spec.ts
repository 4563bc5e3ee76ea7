// A new user steps through training by hand: starts XOR paused at its initialization, steps it
// with →, plays it with Space at a chosen speed and speeds it up mid-run; types a bad learning
// rate and is told in words next to the field; trains with a cosine schedule and finds it in the
// run's configuration.
import { expect, test, type Page } from '@playwright/test';
import { join } from 'node:path';
import { serverForSpec } from './fixture';
import { SCREENSHOT_DIR } from './server';
import { chartPoints, expectStatus, nav, statValue } from './ui';

const lab = serverForSpec();

/** The id of the run the Playground shows ("Run #12 · …"). */
async function shownRunId(page: Page): Promise<number> {
  const text = (await page.getByText(/^Run #\d+/).first().textContent()) ?? '';
  return Number(/^Run #(\d+)/.exec(text.trim())?.[1]);
}

test('starts XOR paused, steps it with →, plays it with Space at 5 steps a second, then as fast as possible', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(lab.server.url);
  await page.getByLabel('Dataset').selectOption({ label: 'XOR gate' });
  await page.getByLabel('Speed').selectOption({ label: '5 steps / s' });
  await page.getByRole('button', { name: 'Initialize' }).click();

  await expectStatus(page, 'paused');
  expect(await statValue(page, 'Step')).toBe(0);
  await expect.poll(() => statValue(page, 'Train loss')).toBeGreaterThan(0);
  const initialLoss = await statValue(page, 'Train loss');

  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
  await expect.poll(() => statValue(page, 'Step')).toBe(3);
  await expectStatus(page, 'paused');
  // the loss shown is the loss after the third update, not the initialization's
  await expect.poll(() => statValue(page, 'Train loss')).not.toBe(initialLoss);
  expect(Number.isFinite(await statValue(page, 'Train loss'))).toBe(true);
  // the curve has the initialization's loss and one point per step
  await expect.poll(() => chartPoints(page, 'Loss chart')).toBeGreaterThanOrEqual(4);
  await page.screenshot({ path: join(SCREENSHOT_DIR, 'playground-stepped-1440.png'), fullPage: true });

  await page.keyboard.press(' ');
  await expectStatus(page, 'running');
  await expect.poll(() => statValue(page, 'Step')).toBeGreaterThan(4);
  // five steps a second: 2,000 epochs are far from done while the user watches
  await expectStatus(page, 'running');

  await page.keyboard.press(' ');
  await expectStatus(page, 'paused');
  const pausedAt = await statValue(page, 'Step');
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => statValue(page, 'Step')).toBe(pausedAt + 1);

  await page.keyboard.press(' ');
  await expectStatus(page, 'running');
  await page.getByLabel('Speed').selectOption({ label: 'As fast as possible' });
  await expectStatus(page, 'completed');
  expect(await statValue(page, 'Step')).toBe(2000);
});

test('→ before any run starts one paused at its initialization and takes one step', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(lab.server.url);
  await page.getByLabel('Speed').selectOption({ label: 'As fast as possible' });
  await page.locator('body').click({ position: { x: 2, y: 2 } });
  await page.keyboard.press('ArrowRight');
  await expectStatus(page, 'paused');
  await expect.poll(() => statValue(page, 'Step')).toBe(1);

  // the keys belong to the Playground only while it is shown
  await nav(page, 'Runs', { exact: true });
  await expect(page.getByRole('heading', { name: 'Runs', exact: true })).toBeVisible();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press(' ');
  await nav(page, 'Playground');
  await expectStatus(page, 'paused');
  expect(await statValue(page, 'Step')).toBe(1);
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => statValue(page, 'Step')).toBe(2);

  await page.getByRole('button', { name: 'Stop' }).click();
  await expectStatus(page, 'stopped');
});

test('says a bad learning rate in words next to the field, keeps Train off until it is fixed, and keeps the diagram', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(lab.server.url);
  const rate = page.getByLabel('Learning rate', { exact: true });
  await rate.fill('-1');
  await rate.press('Tab');

  const message = page.locator(`#${await rate.getAttribute('aria-describedby')}`);
  await expect(message).toHaveText('Learning rate must be greater than 0');
  await expect(rate).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('button', { name: 'Train' })).toBeDisabled();
  await expect(page.getByText('Train is off until the form is fixed:')).toBeVisible();
  await expect(page.getByRole('listitem').filter({ hasText: 'Learning rate must be greater than 0' })).toBeVisible();
  await page.getByLabel('Output units').fill('0');
  await page.getByLabel('Output units').press('Tab');
  await expect(page.getByText('Output units must be at least 1').first()).toBeVisible();
  await expect(page.getByText(/No diagram/)).toHaveText('No diagram: Output units must be at least 1');
  // nothing on the page is a schema's raw JSON
  expect(await page.locator('body').innerText()).not.toMatch(/"code"|too_small|\[\{/);
  await page.screenshot({ path: join(SCREENSHOT_DIR, 'playground-invalid-1280.png'), fullPage: true });

  await page.getByLabel('Output units').fill('1');
  await page.getByLabel('Output units').press('Tab');
  await expect(page.getByText(/No diagram/)).toHaveCount(0);
  await rate.fill('0.05');
  await rate.press('Tab');
  await expect(rate).not.toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('Train is off until the form is fixed:')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Train' })).toBeEnabled();
});

test('trains with a cosine schedule and shows it in the run’s configuration', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(lab.server.url);
  await page.getByLabel('Speed').selectOption({ label: 'As fast as possible' });
  await page.getByLabel('Learning-rate schedule').selectOption('cosine');
  const final = page.getByLabel('Final learning rate');
  await final.fill('0.001');
  await final.press('Tab');
  const preview = page.getByTestId('schedule-preview');
  await expect(preview.getByRole('img')).toHaveAttribute('aria-label', 'Schedule preview: Rate 0.05 at epoch 1, 0.001 at epoch 2,000');
  await page.screenshot({ path: join(SCREENSHOT_DIR, 'playground-schedule-1440.png'), fullPage: true });

  await page.getByRole('button', { name: 'Train' }).click();
  await expectStatus(page, 'completed');
  // the cosine's end: the last recorded rate is the final one
  await expect(page.locator('[data-live="learning rate"]')).toHaveText('0.001');
  const id = await shownRunId(page);

  await page.goto(`${lab.server.url}#/runs/${id}`);
  const detail = page.getByRole('region', { name: `Run ${id}` });
  await expect(detail.getByText('cosine to 0.001')).toBeVisible();
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.screenshot({ path: join(SCREENSHOT_DIR, 'run-detail-schedule-1280.png'), fullPage: true });
});
