// What a new user sees, measured on screen (issue #11, defect 17): the backprop diagram's numbers
// each readable on their own, the live numbers in even rows, the unit readout whole, every
// select showing its whole choice, and no doubled spaces in any text. At 1440×900 and 1280×800.
import { expect, test, type Page } from '@playwright/test';
import { join } from 'node:path';
import { serverForSpec } from './fixture';
import { SCREENSHOT_DIR } from './server';
import { VIEW_LABELS, cutSelects, expectStatus, nav } from './ui';
import { SHOW_TEXT, type InPage, type InPageElement } from './inPage';

const lab = serverForSpec();
const SIZES = [{ width: 1440, height: 900 }, { width: 1280, height: 800 }];

interface Rect { x: number; y: number; width: number; height: number }
const overlap = (a: Rect, b: Rect) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** The on-screen boxes of the diagram's link numbers, by link. */
async function linkNumberBoxes(page: Page): Promise<[string, Rect][]> {
  const boxes: [string, Rect][] = [];
  for (const label of await page.locator('[data-label-of] text').all()) {
    const box = await label.boundingBox();
    if (box) boxes.push([(await label.locator('..').getAttribute('data-label-of'))!, box]);
  }
  return boxes;
}

/** Text that shows two spaces in a row: interpolated values with a missing part ("a  b"). */
function doubledSpaces(page: Page): Promise<string[]> {
  return page.evaluate((showText) => {
    const { document } = globalThis as unknown as InPage;
    const found: string[] = [];
    const walker = document.createTreeWalker(document.querySelector('main')!, showText);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) if (/\S {2,}\S/.test(n.textContent ?? '')) found.push(JSON.stringify(n.textContent));
    for (const el of document.querySelectorAll('main [title], main [aria-label]')) {
      for (const name of ['title', 'aria-label']) if (/\S {2,}\S/.test(el.getAttribute(name) ?? '')) found.push(`${name}="${el.getAttribute(name)}"`);
    }
    return found;
  }, SHOW_TEXT);
}

for (const size of SIZES) {
  test.describe(`at ${size.width}×${size.height}`, () => {
    test.use({ viewport: size });

    test('the backprop diagram of the 2-3-1 network shows every link number apart, at every stage, and every unit value inside its circle', async ({ page }) => {
      await page.goto(lab.server.url);
      await nav(page, 'Backprop step by step');
      await page.getByLabel('Network', { exact: true }).selectOption('2-3-1');
      const stage = page.getByRole('region', { name: 'Stage' });
      for (let k = 1; k <= 7; k++) {
        await expect(stage).toContainText(`of 7`);
        const boxes = await linkNumberBoxes(page);
        expect(boxes.length).toBeGreaterThan(0);
        for (const [i, [a, boxA]] of boxes.entries()) for (const [b, boxB] of boxes.slice(i + 1)) expect(overlap(boxA, boxB), `stage ${k}: ${a} and ${b}`).toBe(false);
        for (const unit of await page.locator('svg.net [data-part^="n/"]').all()) {
          const circle = (await unit.locator('circle').boundingBox())!;
          const value = await unit.locator('.node-label').boundingBox();
          if (value) expect(value.width, `stage ${k}: ${await unit.getAttribute('data-part')}`).toBeLessThanOrEqual(circle.width - 4);
        }
        if (k === 6) await page.screenshot({ path: join(SCREENSHOT_DIR, `backprop-231-gradients-${size.width}.png`) });
        if (k < 7) await page.getByRole('button', { name: 'Next ▶' }).click();
      }
    });

    test('the Playground shows its six live numbers in even rows, the unit readout whole and the initialization named in full', async ({ page }) => {
      await page.goto(lab.server.url);
      await page.getByLabel('Dataset').selectOption('circle');
      await page.getByLabel('Test fraction').fill('0.5');
      await page.getByLabel('Epochs').fill('20');
      await page.getByRole('button', { name: 'Train' }).click();
      await expectStatus(page, 'completed');
      const tiles = page.locator('dl.stats > div');
      await expect(tiles).toHaveCount(6);
      const rows = new Map<number, number>();
      for (const tile of await tiles.all()) {
        const top = Math.round((await tile.boundingBox())!.y);
        rows.set(top, (rows.get(top) ?? 0) + 1);
      }
      const perRow = [...rows.values()];
      expect(Math.max(...perRow) - Math.min(...perRow), `tiles per row: ${perRow.join(', ')}`).toBeLessThanOrEqual(1);

      for (const init of ['glorot-uniform', 'glorot-normal', 'he-uniform', 'he-normal', 'uniform']) {
        await page.getByLabel('Initialization').selectOption(init);
        expect(await cutSelects(page.locator('main'))).toEqual([]);
      }
      await page.getByLabel('Initialization').selectOption('glorot-uniform');

      await page.getByRole('group', { name: 'unit h1.1' }).hover();
      const readout = page.getByRole('tooltip');
      await expect(readout).toContainText('z =');
      const { scrollWidth, clientWidth } = await readout.evaluate((el: InPageElement) => ({ scrollWidth: el.scrollWidth, clientWidth: el.clientWidth }));
      expect(scrollWidth, 'the readout is wider than its box').toBeLessThanOrEqual(clientWidth);
      await page.screenshot({ path: join(SCREENSHOT_DIR, `playground-readout-${size.width}.png`), fullPage: true });
    });

    test('no view cuts off a select\'s choice or shows doubled spaces', async ({ page }) => {
      await page.goto(lab.server.url);
      for (const view of VIEW_LABELS) {
        await nav(page, view, { exact: true });
        await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
        expect(await cutSelects(page.locator('main')), view).toEqual([]);
        expect(await doubledSpaces(page), view).toEqual([]);
      }
    });
  });
}
