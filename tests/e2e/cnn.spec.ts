// A student builds a convolutional network for MNIST in the Playground (issue #14): adds a
// convolution and a pool, sees the shape of every map, is told in words when a kernel does not
// fit, trains the net, and loads the LeNet-like preset.
import { expect, test, type Page } from '@playwright/test';
import { join } from 'node:path';
import { serverForSpec } from './fixture';
import { SCREENSHOT_DIR } from './server';
import { cutSelects, expectStatus, nav, statValue } from './ui';

const lab = serverForSpec();
const shot = (page: Page, name: string) => page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
const shape = (page: Page, layer: number) => page.getByLabel(`Image layer ${layer} output shape`);

test('builds a conv net on MNIST with the shape of every map, refuses a kernel that does not fit, and trains it', async ({ page }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(lab.server.url);
  await page.getByLabel('Dataset').selectOption({ label: 'MNIST digits' });
  await expect(page.getByRole('heading', { name: /Image layers/ })).toContainText('input 28×28×1');
  await expect(page.getByText(/None: the dense layers see the 784 pixels/)).toBeVisible();

  await page.getByRole('button', { name: '+ Convolution' }).click();
  await expect(shape(page, 1)).toHaveText('→ 26×26×8');
  await page.getByLabel('Image layer 1 kernel').fill('5');
  await page.getByLabel('Image layer 1 kernel').press('Tab');
  await expect(shape(page, 1)).toHaveText('→ 24×24×8');
  await page.getByRole('button', { name: '+ Pooling' }).click();
  await expect(shape(page, 2)).toHaveText('→ 12×12×8');
  await expect(page.getByLabel('network shape')).toHaveText('28×28×1 → 24×24×8 → 12×12×8 → 1152 → 4 → 10');

  // a kernel larger than the image: said in words next to the layer, and Train stays off
  await page.getByLabel('Image layer 1 kernel').fill('30');
  await page.getByLabel('Image layer 1 kernel').press('Tab');
  await expect(page.getByRole('alert').filter({ hasText: 'conv 30×30 stride 1 on 28×28 input gives no output' }).first()).toBeVisible();
  await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeDisabled();
  await shot(page, 'cnn-editor-refused');
  await page.getByLabel('Image layer 1 kernel').fill('5');
  await page.getByLabel('Image layer 1 kernel').press('Tab');
  await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeEnabled();

  // average pooling instead of max, then train a little
  await page.getByLabel('Image layer 2 kind').selectOption('avgpool');
  await page.getByLabel('Hidden layer 1 units').fill('16');
  await page.getByLabel('Hidden layer 1 activation').selectOption('relu');
  await page.getByLabel('Optimizer').selectOption('adam');
  await page.getByLabel('Learning rate').fill('0.003');
  await page.getByLabel('Epochs').fill('2');
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expectStatus(page, 'completed', 150_000);
  await expect.poll(() => statValue(page, 'Test acc')).toBeGreaterThan(0.7);
  await expect(page.getByTestId('conv-net-note')).toContainText('784-conv8@5×5-avgpool2-16-10');
  // class by class: the confusion matrix of the 400 test digits and the mistakes it is surest of, as digits
  await expect(page.getByTestId('confusion-summary')).toContainText(/^\d+ of 400 test rows right \([\d.]+%\), \d+ wrong$/);
  await expect(page.getByRole('figure', { name: 'Confusion matrix' })).toHaveAttribute('data-rendered', 'true');
  const mistakes = page.getByRole('list', { name: 'Misclassified examples' });
  await expect(mistakes.locator('canvas').first()).toBeVisible();
  await expect(mistakes.getByRole('listitem').first()).toContainText(/^\d → \d/);
  await shot(page, 'cnn-playground-trained');
});

test('shows the conv net layer by layer: filters, what each channel sees in a digit, the classes, and a channel visualized', async ({ page }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(lab.server.url);
  await nav(page, 'Channels');
  await page.getByLabel('Run').selectOption({ index: 1 });
  const conv = page.getByRole('region', { name: 'Conv 1 · 8@5×5 relu' });
  await expect(conv.getByRole('heading', { name: /Conv 1/ })).toContainText('→ 24×24×8');
  await expect(conv.getByRole('list', { name: 'Conv 1 · 8@5×5 relu filters' }).locator('canvas')).toHaveCount(8);
  await expect(conv.getByRole('list', { name: 'Conv 1 · 8@5×5 relu maps' }).locator('canvas')).toHaveCount(8);
  const pool = page.getByRole('region', { name: 'Average pool 1 · 2×2' });
  await expect(pool.getByRole('list', { name: 'Average pool 1 · 2×2 maps' }).locator('canvas')).toHaveCount(8);
  // the output sums to one and names the digit the network says
  const outputs = page.getByRole('list', { name: 'Class outputs' }).getByRole('listitem');
  await expect(outputs).toHaveCount(10);
  await expect(page.getByRole('region', { name: 'Output' }).getByRole('heading')).toContainText(/says \d · is \d/);
  // another digit: the maps change with it
  const firstMap = conv.getByRole('list', { name: 'Conv 1 · 8@5×5 relu maps' }).locator('canvas').first();
  const before = await firstMap.evaluate((c) => (c as unknown as { toDataURL(): string }).toDataURL());
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByRole('spinbutton', { name: 'Row' })).toHaveValue('1');
  await expect(page.getByRole('region', { name: 'Input' }).locator('.sheet__detail')).toHaveText('test row 1');
  await expect.poll(() => firstMap.evaluate((c) => (c as unknown as { toDataURL(): string }).toDataURL())).not.toBe(before);
  await page.screenshot({ path: join(SCREENSHOT_DIR, 'channels-cnn.png'), fullPage: true });

  // channel 3 of the first conv layer, visualized with its top and slight examples
  await conv.getByRole('list', { name: 'Conv 1 · 8@5×5 relu maps' }).getByRole('button', { name: /^channel 3,/ }).click();
  await expect(page.getByLabel('Selected channel')).toHaveText('Conv 1, channel 3');
  await page.getByRole('button', { name: 'Visualize this channel' }).click();
  await expect(page.getByRole('heading', { name: 'Conv 1, channel 3' })).toBeVisible({ timeout: 90_000 });
  await expect(page.getByRole('list', { name: 'Optimized inputs' }).locator('canvas').first()).toBeVisible();
  await expect(page.getByRole('list', { name: 'Top examples' }).locator('canvas')).toHaveCount(9);
  await expect(page.getByRole('list', { name: 'Evolution strip' }).locator('canvas').first()).toBeVisible();
  await shot(page, 'channels-cnn-visualized');
  // the feature-visualization form offers the same channels
  await nav(page, 'Feature visualization');
  await page.getByLabel('Run').selectOption({ index: 1 });
  await page.getByLabel('Layer', { exact: true }).selectOption({ label: 'Conv 1 · 8@5×5 relu · 8 channels' });
  await page.getByRole('spinbutton', { name: 'Channel' }).fill('9');
  await page.getByRole('spinbutton', { name: 'Channel' }).press('Tab');
  await expect(page.getByText('Pick a channel from 1 to 8')).toBeVisible();
});

test('shows the conv layers\' histograms over training in run detail', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(lab.server.url);
  await nav(page, 'Runs', { exact: true });
  await page.getByRole('table', { name: 'Runs' }).locator('tbody tr[data-run-id]').first().click();
  const panel = page.getByRole('region', { name: 'Histograms over training' });
  await panel.scrollIntoViewIfNeeded();
  await expect(panel.getByLabel('Layer').locator('option')).toHaveText(['Conv 1', 'Average pool 1', 'Hidden 1', 'Output']);
  await panel.getByLabel('Layer').selectOption('Conv 1');
  await expect(panel.getByRole('figure', { name: /^Histograms of run \d+$/ })).toHaveAttribute('data-rendered', 'true');
  await panel.getByLabel('Layer').selectOption('Average pool 1');
  await expect(panel.getByTestId('histograms-empty')).toHaveText('Average pool 1 has no weights (a pooling layer has activations only).');
  await panel.getByLabel('Values').selectOption('activations');
  await expect(panel.getByRole('figure', { name: /^Histograms of run \d+$/ })).toHaveAttribute('data-rendered', 'true');
  await panel.screenshot({ path: join(SCREENSHOT_DIR, 'cnn-histograms.png') });
});

test('draws the loss landscape of the conv net on the plane of its training path', async ({ page }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(lab.server.url);
  await nav(page, 'Loss landscape');
  await expect(page.getByLabel('Run', { exact: true })).not.toHaveValue('');
  // a conv net's point is a full forward pass: its plane starts at 21 x 21, not the paper's 51
  await expect(page.getByLabel('Points per axis')).toHaveValue('21');
  await page.getByLabel('Mode').selectOption('pathPlane');
  await page.getByLabel('Points per axis').fill('7');
  await page.getByRole('button', { name: 'Compute' }).click();
  const contour = page.locator('figure.landscape-chart');
  await expect(contour).toHaveAttribute('data-kind', 'contour', { timeout: 120_000 });
  await expect(contour).toHaveAttribute('data-cells', String(7 * 7));
  expect(Number(await contour.getAttribute('data-path-points'))).toBeGreaterThanOrEqual(2);
  await shot(page, 'cnn-landscape-path');
  // a random plane, filter-normalized per conv filter
  await page.getByLabel('Mode').selectOption('surface');
  // choosing a mode resets its points to the mode's default (21 for a conv net)
  await expect(page.getByLabel('Points per axis')).toHaveValue('21');
  await page.getByLabel('Points per axis').fill('7');
  await page.getByRole('button', { name: 'Compute' }).click();
  await expect(page.locator('[data-landscape-id]')).toHaveCount(2, { timeout: 120_000 });
  await expect(contour).toHaveAttribute('data-cells', String(7 * 7));
  await shot(page, 'cnn-landscape-random');
});

test('lays out the conv net\'s hidden layer with UMAP beside PCA, coloured by class, over checkpoints', async ({ page }) => {
  test.setTimeout(240_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(lab.server.url);
  await nav(page, 'Representations');
  await page.getByLabel('Run').selectOption({ index: 1 });
  await page.getByLabel('Layout').selectOption('umap');
  await page.getByLabel('Points').fill('300');
  await page.getByLabel('Neighbours').fill('3');
  await page.getByLabel('Neighbours').press('Tab');
  await expect(page.getByText('Neighbours: a whole number from 2 to 100')).toHaveCount(0);
  await page.getByRole('button', { name: 'Compute' }).click();
  await expect(page.getByRole('progressbar').first()).toBeVisible();
  const heading = page.getByRole('heading', { name: /UMAP/ }).first();
  await expect(heading).toContainText('UMAP · 3 neighbours · min dist 0.1 · seed 1', { timeout: 120_000 });
  const chart = page.getByRole('figure', { name: 'Hidden representation' });
  await expect(chart).toHaveAttribute('data-rendered', 'true');
  // ten classes, ten series in the legend
  const data = await Promise.all([page.waitForEvent('download'), (async () => {
    await page.getByRole('button', { name: 'Export Hidden representation' }).click();
    await page.getByRole('menuitem', { name: 'Data shown (CSV)' }).click();
  })()]);
  const { readFileSync } = await import('node:fs');
  const csv = readFileSync((await data[0].path())!, 'utf8').trim().split('\n');
  expect(csv).toHaveLength(301);
  expect(new Set(csv.slice(1).map((line) => line.split(',')[0])).size).toBe(10);
  await page.getByLabel('Checkpoint').fill('0');
  await expect(page.getByText(/^step 0 ·/)).toBeVisible();
  await shot(page, 'representations-umap');
  // a conv layer too: its maps, flattened, on their principal components
  await page.getByLabel('Layer', { exact: true }).selectOption({ label: 'Conv 1 · 8@5×5 relu · 24×24×8 maps' });
  await page.getByLabel('Layout').selectOption('pca');
  await page.getByRole('button', { name: 'Compute' }).click();
  await expect(page.getByRole('heading', { name: /Conv 1 · 8@5×5 relu \(4608 values\)/ })).toContainText('principal components', { timeout: 120_000 });
  await expect(chart).toHaveAttribute('data-rendered', 'true');
  await shot(page, 'representations-conv-pca');
});

test('loads the LeNet-like preset: all 10,000 digits, two convolutions and pools, settings that reach 98%', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(lab.server.url);
  await page.getByLabel('Dataset').selectOption({ label: 'MNIST digits' });
  await page.getByRole('button', { name: 'Use the LeNet-like preset' }).click();
  await expect(page.getByLabel('network shape')).toHaveText('28×28×1 → 28×28×16 → 14×14×16 → 14×14×32 → 7×7×32 → 1568 → 64 → 10');
  await expect(page.getByLabel('Samples')).toHaveValue('10000');
  await expect(page.getByLabel('Epochs')).toHaveValue('15');
  await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeEnabled();
  // the diagram follows (it redraws a few times a second), and no choice is cut in the narrower column
  await expect(page.getByTestId('conv-net-note')).toContainText('784-conv16@5×5-maxpool2-conv32@5×5-maxpool2-64-10');
  expect(await cutSelects(page.locator('main'))).toEqual([]);
  await shot(page, 'cnn-preset-1280');
  // other data takes the image layers away: XOR has no images
  await page.getByLabel('Dataset').selectOption({ label: 'XOR gate' });
  await expect(page.getByRole('heading', { name: /Image layers/ })).toHaveCount(0);
  await expect(page.getByLabel('network shape')).toHaveText('2–64–1');
});
