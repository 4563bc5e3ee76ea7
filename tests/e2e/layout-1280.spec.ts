// The Playground at 1280×800 shows the data, the network, the decision map and the loss curve at
// once, as TensorFlow Playground does (issue #11, defect 11): a trained spiral, every part's box
// inside the window without scrolling.
import { expect, test, type Locator } from '@playwright/test';
import { join } from 'node:path';
import { serverForSpec } from './fixture';
import { SCREENSHOT_DIR } from './server';
import { expectStatus } from './ui';

const lab = serverForSpec();

async function inView(part: Locator, width: number, height: number): Promise<void> {
  await expect(part).toBeVisible();
  const box = (await part.boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.y).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(width);
  expect(box.y + box.height).toBeLessThanOrEqual(height);
}

test('at 1280×800 the Playground shows data, network, decision map and loss curve without scrolling', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(lab.server.url);
  await page.getByLabel('Dataset').selectOption('spiral');
  await page.getByLabel('Epochs').fill('60');
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expectStatus(page, 'completed', 60_000);
  // the map and the units' maps drawn first: the row's height is theirs
  const map = page.getByRole('figure', { name: /Decision map/ });
  await expect(map).toBeVisible();
  await expect.poll(async () => Number(await map.getAttribute('data-version'))).toBeGreaterThan(0);
  await inView(page.getByLabel('Dataset'), 1280, 800);
  await inView(page.getByRole('group', { name: 'Network diagram' }), 1280, 800);
  await inView(map, 1280, 800);
  await inView(page.getByRole('figure', { name: 'Loss chart' }), 1280, 800);
  await page.screenshot({ path: join(SCREENSHOT_DIR, 'playground-1280x800.png') });
});
