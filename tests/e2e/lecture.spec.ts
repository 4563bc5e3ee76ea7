// A student working through the lecture views in browser mode: each view does what the
// lecture says it should, runs started here are stored runs, and every view is photographed.
import { expect, test, type Page } from '@playwright/test';
import { join } from 'node:path';
import { serverForSpec } from './fixture';
import { SCREENSHOT_DIR } from './server';
import { expectStatus, nav, statValue } from './ui';

const lab = serverForSpec();

async function openView(page: Page, label: string): Promise<void> {
  await page.goto(lab.server.url);
  await nav(page, label);
  await expect(page.getByRole('heading', { level: 1, name: label === 'Universal approx.' ? 'Universal approximation' : label })).toBeVisible();
}

const shot = (page: Page, name: string) => page.screenshot({ path: join(SCREENSHOT_DIR, `lecture-${name}.png`), fullPage: true });

test.describe('Perceptron', () => {
  test('learns AND, and on XOR explains that the classes are not linearly separable', async ({ page }) => {
    await openView(page, 'Perceptron');
    await page.getByRole('button', { name: 'Train to the end' }).click();
    await expect(page.getByRole('status', { name: 'Verdict' })).toContainText('AND is linearly separable');
    await expect(page.getByRole('table', { name: 'Gate outputs' }).locator('tbody tr td:nth-child(4)')).toHaveText(['0', '0', '0', '1']);
    await shot(page, 'perceptron-and');

    await page.getByRole('button', { name: 'XOR' }).click();
    await page.getByRole('button', { name: 'Train to the end' }).click();
    await expect(page.getByRole('status', { name: 'Verdict' })).toContainText('not linearly separable');
    await page.getByRole('button', { name: '◀ Back' }).click();
    await expect(page.getByRole('status', { name: 'Verdict' })).toHaveCount(0);
    await shot(page, 'perceptron-xor');
  });
});

test.describe('XOR by hand', () => {
  test('fills the lecture table from the hidden units and its XOR column reads 0 1 1 0', async ({ page }) => {
    await openView(page, 'XOR by hand');
    const table = page.getByRole('table', { name: 'XOR table' });
    await expect(table.locator('td[data-col="xor"]')).toHaveText(['0', '1', '1', '0']);
    await expect(table.locator('tbody tr td:nth-child(3)')).toHaveText(['0', '1', '1', '1']);
    await expect(table.locator('tbody tr td:nth-child(4)')).toHaveText(['0', '0', '0', '1']);
    await shot(page, 'xor-by-hand');
    await expect(page.getByTestId('hidden-caption')).toContainText('(0,1) and (1,0) both land on (1, 0)');
    // Breaking the AND unit's bias changes the hidden outputs and so the table, as it is typed
    // (no Enter, no leaving the field), and the caption says what the hidden space now shows.
    await page.getByLabel('AND bias').fill('');
    await page.getByLabel('AND bias').pressSequentially('-0.5');
    await expect(page.getByLabel('AND bias')).toBeFocused();
    await expect(page.getByLabel('AND bias')).toHaveValue('-0.5'); // never redrawn as "0" half-way through "-0.5"
    await expect(table.locator('td[data-col="xor"]')).toHaveText(['0', '0', '0', '0']);
    await expect(page.getByText('not XOR')).toBeVisible();
    await expect(page.getByTestId('hidden-caption')).toContainText('all land on (1, 1)');
    await expect(page.getByTestId('hidden-caption')).toContainText('no line can separate');
    await expect(page.getByTestId('hidden-caption')).not.toContainText('has the 1s on its orange side');
    await shot(page, 'xor-by-hand-broken');
  });
});

test.describe('Activations', () => {
  test('shows that a small weight change flips a step unit while a sigmoid moves a little', async ({ page }) => {
    await openView(page, 'Activations');
    await expect(page.locator('td[data-unit="step"]')).toHaveText('1');
    const sigmoidChange = Number(await page.locator('td[data-unit="sigmoid"]').textContent());
    expect(sigmoidChange).toBeGreaterThan(0);
    expect(sigmoidChange).toBeLessThan(0.01);
    await page.getByRole('button', { name: 'relu', exact: true }).click();
    await expect(page.getByText('f′(z) = 1 if z > 0, else 0')).toBeVisible();
    await shot(page, 'activations');
  });
});

test.describe('Backprop step by step', () => {
  test('walks the energy example with Next and Back and shows the lecture numbers', async ({ page }) => {
    await openView(page, 'Backprop step by step');
    const stage = page.getByRole('region', { name: 'Stage' });
    const value = (id: string) => stage.locator(`li[data-line="${id}"] [data-role="value"]`);
    await expect(value('a/1/1')).toHaveText('0.5915');
    // nothing said twice: a line whose numbers put in are the result shows the result once
    for (const text of await stage.locator('li').allInnerTexts()) expect(text).not.toMatch(/= (\S+) = \1$/m);
    await page.getByRole('button', { name: 'Next ▶' }).click();
    await expect(value('a/2/1')).toHaveText('0.6922');
    await page.getByRole('button', { name: 'Next ▶' }).click();
    await expect(value('loss')).toHaveText('0.08915');
    await shot(page, 'backprop-loss');
    await page.keyboard.press('ArrowRight');
    await expect(stage).toContainText('Output delta');
    await page.keyboard.press('ArrowRight');
    await expect(stage).toContainText('Hidden deltas');
    await page.getByRole('button', { name: 'Next ▶' }).click();
    await expect(value('grad/2/1/1')).toHaveText(/^0\.0532/);
    // the chain rule's path for this gradient: hidden unit 1 → output along w11(2)
    await stage.locator('li[data-line="grad/2/1/1"]').click();
    await expect(page.locator('[data-part="e/2/1/1"]')).toHaveClass(/lit/);
    await expect(page.locator('[data-part="e/2/2/1"]')).not.toHaveClass(/lit/);
    await shot(page, 'backprop-gradients');
    await page.getByRole('button', { name: 'Next ▶' }).click();
    await expect(value('new/2/1/1')).toHaveText('0.599468');
    await shot(page, 'backprop-updates');
    await page.getByRole('button', { name: '◀ Back' }).click();
    await expect(stage).toContainText('Gradients');
  });

  test('steps through a 2-3-1 network and names an empty field instead of showing stale numbers', async ({ page }) => {
    await openView(page, 'Backprop step by step');
    await page.getByLabel('Network', { exact: true }).selectOption('2-3-1');
    await expect(page.locator('[data-part="n/1/3"]')).toBeVisible();
    await page.getByLabel('Learning rate η').fill('');
    await page.getByLabel('Learning rate η').press('Tab');
    await expect(page.getByRole('alert')).toContainText('η');
    await page.getByLabel('Learning rate η').fill('0.5');
    await page.getByLabel('Learning rate η').press('Tab');
    await expect(page.getByRole('region', { name: 'Stage' })).toBeVisible();
  });
});

test.describe('Gradient descent', () => {
  test('descends with a moderate learning rate, overshoots with a large one and diverges with a huge one', async ({ page }) => {
    await openView(page, 'Gradient descent');
    await expect(page.getByRole('status').filter({ hasText: 'downhill' })).toBeVisible();
    await shot(page, 'gradient-descent');
    await page.getByLabel('Learning rate', { exact: true }).fill('2');
    await expect(page.locator('[data-verdict]')).toHaveAttribute('data-verdict', 'overshooting');
    // With a linear output the loss is a parabola in this weight: η = 10 is past 2 / curvature, and each step lands higher.
    await page.getByLabel('Output unit').selectOption('linear');
    await page.getByLabel('Learning rate', { exact: true }).fill('1');
    await expect(page.locator('[data-verdict]')).toHaveAttribute('data-verdict', 'diverging');
    await shot(page, 'gradient-descent-large-eta');
  });
});

test.describe('Universal approximation', () => {
  test('fits the sine better with more hidden units', async ({ page }) => {
    await openView(page, 'Universal approx.');
    await page.getByLabel('Hidden units').fill('1');
    await page.getByRole('button', { name: 'Fit curve' }).click();
    const curve = page.getByLabel('Curve run');
    await expectStatus(curve, 'completed');
    const oneUnit = await statValue(curve, 'Curve loss');
    await page.getByLabel('Hidden units').fill('8');
    await page.getByRole('button', { name: 'Fit curve' }).click();
    await expect(curve.getByText('Run #2')).toBeVisible();
    await expectStatus(curve, 'completed');
    await expect.poll(() => statValue(curve, 'Curve loss')).toBeLessThan(oneUnit / 10);

    await page.getByRole('button', { name: 'Fit boundary' }).click();
    await expectStatus(page.getByLabel('Boundary run'), 'completed');
    await expect.poll(() => statValue(page.getByLabel('Boundary run'), 'Boundary acc')).toBeGreaterThan(0.95);
    await shot(page, 'universal');
  });
});

test.describe('Stacked linear', () => {
  test('a deep linear network multiplies out to one line', async ({ page }) => {
    await openView(page, 'Stacked linear');
    await page.getByRole('button', { name: 'Train both' }).click();
    await expectStatus(page.getByLabel('Linear run'), 'completed', 60_000);
    await expectStatus(page.getByLabel('Tanh run'), 'completed', 60_000);
    await expect(page.locator('[data-role="collapsed"]')).toContainText('Multiplied out');
    await expect.poll(() => statValue(page.getByLabel('Tanh run'), 'Tanh acc')).toBeGreaterThan(await statValue(page.getByLabel('Linear run'), 'Linear acc'));
    await shot(page, 'stacked-linear');
  });
});

test.describe('Making it work', () => {
  test('marks a huge learning rate as diverged and shows gradient norms per layer', async ({ page }) => {
    await openView(page, 'Making it work');
    await page.getByRole('button', { name: 'η = 10' }).click();
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    const lr = page.getByLabel('Learning rate run');
    await expectStatus(lr, 'diverged');
    await expect(lr.getByRole('alert')).toContainText(/loss became (NaN|Infinity) at step \d+/);

    await page.getByRole('button', { name: 'Train sigmoid and ReLU' }).click();
    await expectStatus(page.getByLabel('Sigmoid run'), 'completed', 60_000);
    await expectStatus(page.getByLabel('ReLU run'), 'completed', 60_000);
    await page.getByRole('button', { name: 'Train with and without scaling' }).click();
    await expectStatus(page.getByLabel('Raw inputs run'), 'completed', 60_000);
    await expectStatus(page.getByLabel('Standardized inputs run'), 'completed', 60_000);
    await expect.poll(() => statValue(page.getByLabel('Standardized inputs run'), 'Standardized inputs acc')).toBeGreaterThan(0.95);
    expect(await statValue(page.getByLabel('Raw inputs run'), 'Raw inputs acc')).toBeLessThan(0.9);
    await shot(page, 'making-it-work');
  });

  test('lists the lecture runs in Runs and reopens one in its view', async ({ page }) => {
    await openView(page, 'Runs');
    await expect(page.getByRole('row').filter({ hasText: 'learning rate 10' })).toBeVisible();
    await openView(page, 'Making it work');
    await page.getByRole('region', { name: 'Earlier runs from this view' }).getByRole('button').filter({ hasText: 'learning rate 10' }).click();
    await expectStatus(page.getByLabel('Learning rate run'), 'diverged');
  });
});
