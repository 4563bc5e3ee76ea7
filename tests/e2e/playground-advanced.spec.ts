// A student in the Playground beyond the basics: features and the decision boundary, the
// network diagram with its unit maps, typing a weight, clicking points in, one epoch at a
// time, the learning rate while it runs, CSV import (good and bad) and a fitted sine.
import { expect, test, type Page } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { serverForSpec } from './fixture';
import { SCREENSHOT_DIR } from './server';
import { expectStatus, statValue } from './ui';

const lab = serverForSpec();

const shot = (page: Page, name: string) => page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
const mapVersion = async (page: Page): Promise<number> => Number(await page.getByRole('figure', { name: /Decision map|Fitted curve|Prediction/ }).getAttribute('data-version'));
const trainButton = (page: Page) => page.getByRole('button', { name: 'Train', exact: true });

test('learns the circle from x1² and x2² and shows the boundary and each unit’s map', async ({ page }) => {
  await page.goto(lab.server.url);
  await page.getByLabel('Dataset').selectOption('circle');
  await page.getByLabel('feature x1^2').check();
  await page.getByLabel('feature x2^2').check();
  await page.getByLabel('feature x1', { exact: true }).uncheck();
  await page.getByLabel('feature x2', { exact: true }).uncheck();
  await expect(page.getByLabel('network shape')).toHaveText('2–4–1');
  await page.getByLabel('Epochs').fill('300');
  await trainButton(page).click();
  await expectStatus(page, 'completed', 60_000);
  await expect.poll(() => statValue(page, 'Test acc')).toBeGreaterThan(0.9);
  const diagram = page.getByRole('group', { name: 'Network diagram' });
  await expect(diagram).toBeVisible();
  await expect(page.getByRole('group', { name: 'unit x1^2' })).toBeVisible();
  await expect(page.getByRole('group', { name: 'unit h1.4' })).toBeVisible();
  await shot(page, 'playground-circle-features');
});

test('typing a new weight into the diagram changes the link and the map', async ({ page }) => {
  await page.goto(lab.server.url);
  await page.getByLabel('Dataset').selectOption('circle');
  // a million epochs of single-example steps: still running however fast the machine
  await page.getByLabel('Epochs').fill('1000000');
  await page.getByLabel('Batch size').fill('1');
  await trainButton(page).click();
  await expectStatus(page, 'running');
  await page.getByRole('button', { name: 'Pause' }).click();
  await expectStatus(page, 'paused');
  const link = page.getByRole('button', { name: 'weight h1.1 → output 1' });
  const before = await mapVersion(page);
  await link.click();
  await page.getByLabel('New weight h1.1 → output 1').fill('-7.5');
  await page.getByRole('button', { name: 'Set', exact: true }).click();
  await expect(link).toHaveAttribute('data-weight', '-7.5');
  await expect.poll(() => mapVersion(page)).toBeGreaterThan(before);
  await page.getByRole('button', { name: 'bias of output 1' }).click();
  await page.getByLabel('New bias of output 1').fill('abc');
  await page.getByRole('button', { name: 'Set', exact: true }).click();
  await expect(page.getByRole('alert').filter({ hasText: "'abc' is not a number" })).toBeVisible();
  await page.getByLabel('New bias of output 1').fill('2');
  await page.getByRole('button', { name: 'Set', exact: true }).click();
  await page.getByRole('group', { name: 'unit h1.1' }).hover();
  await expect(page.getByRole('tooltip')).toContainText('z = ');
  await shot(page, 'playground-weight-edited');

  const epochBefore = await statValue(page, 'Epoch');
  await page.getByRole('button', { name: 'One epoch' }).click();
  await expect.poll(() => statValue(page, 'Epoch')).toBe(epochBefore + 1);
  await expectStatus(page, 'paused');

  await page.getByRole('button', { name: 'Resume' }).click();
  await expectStatus(page, 'running');
  await page.getByLabel('Learning rate').fill('0.2');
  await page.getByLabel('Learning rate').blur();
  await expect(page.locator('[data-live="learning rate"]')).toHaveText('0.2');
  await expectStatus(page, 'running');
  await page.getByRole('button', { name: 'Stop' }).click();
  await expectStatus(page, 'stopped');
});

test('clicking on the plane adds a point of the chosen class and shift-click removes it', async ({ page }) => {
  await page.goto(lab.server.url);
  await page.getByLabel('Dataset').selectOption('gauss');
  const map = page.getByRole('figure', { name: 'Decision map' });
  await expect(map).toHaveAttribute('data-train-points', '320');
  await page.getByLabel('Add points of class 0').check();
  const canvas = map.getByRole('img', { name: /click to add a point/ });
  // the map scales with its column: places as shares of its side (the top right, inside the plot)
  const side = (await canvas.boundingBox())!.width;
  const at = (x: number, y: number) => ({ x: x * side, y: y * side });
  await canvas.click({ position: at(0.84, 0.16) });
  await expect(map).toHaveAttribute('data-train-points', '321');
  await canvas.click({ position: at(0.84, 0.16), modifiers: ['Shift'] });
  await expect(map).toHaveAttribute('data-train-points', '320');
  await canvas.click({ position: at(0.79, 0.21) });
  await expect(map).toHaveAttribute('data-train-points', '321');
  await shot(page, 'playground-point-added');
});

test('imports a CSV file, previews raw and scaled values and trains on it', async ({ page }, info) => {
  const file = info.outputPath('energy.csv');
  writeFileSync(file, 'temperature,people,energy\n-5,20,200\n5,30,127\n10,50,150\n20,10,100\n15,40,110\n');
  await page.goto(lab.server.url);
  await page.getByRole('radio', { name: 'CSV import' }).click();
  await page.getByLabel('CSV file').setInputFiles(file);
  const table = page.getByRole('table', { name: 'Imported rows, raw and scaled' });
  await expect(table).toContainText('5 → 0.4');
  await expect(table).toContainText('127 → 0.27');
  await page.getByLabel('Test fraction (CSV)').fill('0');
  await page.getByRole('button', { name: 'Use this data' }).click();
  await expect(page.getByLabel('network shape')).toHaveText('2–4–1');
  await page.getByLabel('Epochs').fill('500');
  await trainButton(page).click();
  await expectStatus(page, 'completed', 60_000);
  await expect.poll(() => statValue(page, 'Train loss')).toBeLessThan(0.05);
  await shot(page, 'playground-csv-trained');
});

test('names the row and column of a bad cell in a pasted CSV', async ({ page }) => {
  await page.goto(lab.server.url);
  await page.getByRole('radio', { name: 'CSV import' }).click();
  await page.getByLabel('…or paste CSV text').fill('x1,x2,y\n0.1,0.2,0\n0.3,oops,1\n');
  await page.getByLabel('…or paste CSV text').blur();
  await expect(page.getByRole('alert').filter({ hasText: "row 3, column 'x2': 'oops' is not a number" })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Use this data' })).toHaveCount(0);
  await shot(page, 'playground-csv-error');
});

test('fits the sine and draws the fitted curve over the points', async ({ page }) => {
  await page.goto(lab.server.url);
  await page.getByLabel('Dataset').selectOption('sine');
  await page.getByLabel('Hidden layer 1 units').fill('8');
  await page.getByLabel('Epochs').fill('400');
  await trainButton(page).click();
  await expectStatus(page, 'completed', 60_000);
  await expect.poll(() => statValue(page, 'Train loss')).toBeLessThan(0.05);
  await expect(page.getByRole('figure', { name: 'Fitted curve' })).toBeVisible();
  await shot(page, 'playground-sine-curve');
});

test('colours three spiral classes and a regression surface over the plane', async ({ page }) => {
  await page.goto(lab.server.url);
  await page.getByLabel('Dataset').selectOption('spiral-multi');
  await page.getByLabel('Hidden layer 1 units').fill('12');
  await page.getByLabel('Epochs').fill('150');
  await trainButton(page).click();
  await expectStatus(page, 'completed', 60_000);
  await expect(page.getByRole('figure', { name: 'Decision map' })).toBeVisible();
  await shot(page, 'playground-spiral-classes');
  await page.getByLabel('Dataset').selectOption('multi-gauss');
  await expect(page.getByRole('figure', { name: 'Prediction over the plane' })).toBeVisible();
  await page.getByLabel('Epochs').fill('60');
  await trainButton(page).click();
  await expectStatus(page, 'completed', 60_000);
  await shot(page, 'playground-multi-gauss');
});

test('reopens a stored run in the Playground with its data, network and curves', async ({ page }) => {
  await page.goto(`${lab.server.url}#/playground/1`);
  await expect(page.getByText(/Run #1 · circle/)).toBeVisible();
  await expect(page.getByLabel('feature x1^2')).toBeChecked();
  await expect(page.getByRole('group', { name: 'unit x2^2' })).toBeVisible();
  await expect(page.getByRole('figure', { name: 'Decision map' })).toBeVisible();
  await expect.poll(() => statValue(page, 'Test acc')).toBeGreaterThan(0.9);
  await expect.poll(async () => Number(await page.getByRole('figure', { name: 'Loss chart' }).getAttribute('data-points'))).toBeGreaterThan(10);
  await shot(page, 'playground-reopened');
});
