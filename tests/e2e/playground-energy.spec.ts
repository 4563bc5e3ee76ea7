// The lecture's own "Building energy" set in the Playground (issue #11, defect 2): its wide table
// stays inside the data column, nothing overlaps the form, and the layer controls can be used.
import { expect, test, type Page } from '@playwright/test';
import { join } from 'node:path';
import { serverForSpec } from './fixture';
import { SCREENSHOT_DIR } from './server';

const lab = serverForSpec();

type Box = { x: number; y: number; width: number; height: number };
const overlaps = (a: Box, b: Box): boolean => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

async function box(page: Page, selector: string): Promise<Box> {
  const b = await page.locator(selector).first().boundingBox();
  if (!b) throw new Error(`${selector} is not on the page`);
  return b;
}

for (const [width, height] of [[1440, 900], [1280, 800]] as const) {
  test(`the energy table fits its column at ${width}×${height} and the layer controls work`, async ({ page }) => {
    await page.setViewportSize({ width, height });
    await page.goto(lab.server.url);
    await page.getByLabel('Dataset').selectOption('energy');
    const data = await box(page, '.playground > :first-child');
    const table = await box(page, '.energy');
    expect(table.x + table.width).toBeLessThanOrEqual(data.x + data.width + 1);
    // the data column does not grow over the rest of the page
    const rest = await box(page, '.playground > :nth-child(2)');
    expect(overlaps(data, rest)).toBe(false);
    // the layer editor's controls are reachable: add a layer, change its activation, remove it
    await page.getByRole('button', { name: '+ Add hidden layer' }).click();
    await page.getByLabel('Hidden layer 2 activation').selectOption('relu');
    await expect(page.getByLabel('Hidden layer 2 activation')).toHaveValue('relu');
    await page.getByRole('button', { name: 'Remove hidden layer 2' }).click();
    await expect(page.getByLabel('Hidden layer 2 activation')).toHaveCount(0);
    await expect(page.locator('.diagram-card')).toContainText('2–4–1');
    await page.screenshot({ path: join(SCREENSHOT_DIR, `playground-energy-${width}.png`) });
  });
}
