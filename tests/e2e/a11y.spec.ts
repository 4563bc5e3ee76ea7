// Accessibility (issue #11): axe-core on every view of the app, with a run stored so the runs,
// compare and analysis views show their real content. Serious and critical violations fail the
// test; every view's counts by impact are printed, so they can be reported.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { serverForSpec } from './fixture';
import { VIEW_LABELS, expectStatus, nav } from './ui';
import type { InPage, InPageElement } from './inPage';

const lab = serverForSpec();


interface Finding { id: string; impact: string; nodes: number; help: string; targets: string[] }

async function audit(page: Page, view: string): Promise<Finding[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const findings = result.violations.map((v) => ({
    id: v.id, impact: v.impact ?? 'unknown', nodes: v.nodes.length, help: v.help,
    targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')),
  }));
  const counts: Record<string, number> = {};
  for (const f of findings) counts[f.impact] = (counts[f.impact] ?? 0) + f.nodes;
  console.log(`axe ${view}: ${findings.length === 0 ? 'no violations' : Object.entries(counts).map(([k, n]) => `${k} ${n}`).join(', ')}`);
  for (const f of findings) console.log(`  ${f.impact} ${f.id} (${f.nodes}): ${f.help} — ${f.targets.join(' | ')}`);
  return findings;
}

test('every view has no serious or critical accessibility violations', async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto(lab.server.url);
  await page.getByLabel('Dataset').selectOption({ label: 'XOR gate' });
  await page.getByLabel('Epochs').fill('100');
  await page.getByRole('button', { name: 'Train' }).click();
  await expectStatus(page, 'completed');
  const serious: string[] = [];
  for (const view of VIEW_LABELS) {
    await nav(page, view, { exact: true });
    await expect(page.locator('main, [role=main]').first()).toBeVisible();
    if (view === 'Runs') await page.getByRole('table', { name: 'Runs' }).locator('tbody tr[data-run-id]').first().click();
    for (const f of await audit(page, view === 'Runs' ? 'Runs (a run open in run detail, model import)' : view)) if (f.impact === 'serious' || f.impact === 'critical') serious.push(`${view}: ${f.id} (${f.targets.join(' | ')})`);
  }
  // the dialogs and the views with a selection: the sweep dialog, Compare of a run, the landscape form with the run
  await nav(page, 'Runs', { exact: true });
  await page.getByRole('button', { name: 'New sweep…' }).click();
  await expect(page.getByRole('dialog', { name: 'New sweep' })).toBeVisible();
  for (const f of await audit(page, 'Runs: New sweep dialog')) if (f.impact === 'serious' || f.impact === 'critical') serious.push(`sweep dialog: ${f.id}`);
  await page.getByRole('dialog', { name: 'New sweep' }).getByRole('button', { name: 'Close' }).click();
  await expect(page.getByRole('dialog', { name: 'New sweep' })).toHaveCount(0);
  await page.getByRole('table', { name: 'Runs' }).locator('thead').getByRole('checkbox').check();
  await page.getByRole('toolbar', { name: 'Selected runs' }).getByRole('button', { name: 'Compare' }).click();
  await expect(page.getByRole('figure', { name: 'train_loss chart' })).toBeVisible();
  for (const f of await audit(page, 'Compare with a run')) if (f.impact === 'serious' || f.impact === 'critical') serious.push(`compare: ${f.id}`);
  // a computed landscape, its chart and its stored list
  await nav(page, 'Loss landscape');
  await page.getByLabel('Points per axis').fill('11');
  await page.getByRole('button', { name: 'Compute' }).click();
  await expect(page.locator('figure.landscape-chart')).toHaveAttribute('data-rendered', 'true', { timeout: 60_000 });
  for (const f of await audit(page, 'Loss landscape with a plane')) if (f.impact === 'serious' || f.impact === 'critical') serious.push(`landscape: ${f.id}`);
  expect(serious).toEqual([]);
});

/** Whether the focus is inside the dialog. */
const holdsFocus = (dialog: Locator) => dialog.evaluate((d: InPageElement) => d.contains((globalThis as unknown as InPage).document.activeElement));

/** Whether the focused element shows a focus ring (an outline, or the box shadow some controls draw instead). */
const focusShown = (page: Page) => page.evaluate(() => {
  const { document, getComputedStyle } = globalThis as unknown as InPage;
  const el = document.activeElement;
  if (!el || el === document.body) return false;
  const style = getComputedStyle(el);
  return (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== 'none';
});

test('the keyboard reaches the navigation, the sweep dialog and an export menu, and always shows where it is', async ({ page }) => {
  await page.goto(lab.server.url);
  // the navigation: Tab from the top of the page lands on the first view's link, with a ring
  await page.locator('body').press('Tab');
  await page.keyboard.press('Tab'); // past the Playground link, onto Runs
  await expect(page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Runs', exact: true })).toBeFocused();
  expect(await focusShown(page)).toBe(true);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Runs' })).toBeVisible();

  // the sweep dialog: focus goes in, stays in, and comes back to the button that opened it
  const opener = page.getByRole('button', { name: 'New sweep…' });
  await opener.focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'New sweep' });
  await expect(dialog).toBeVisible();
  expect(await holdsFocus(dialog)).toBe(true);
  expect(await focusShown(page)).toBe(true);
  const stops = await dialog.evaluate((d: InPageElement) => d.querySelectorAll('a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled])').length);
  for (let k = 0; k < stops + 2; k++) {
    await page.keyboard.press('Tab');
    expect(await holdsFocus(dialog), `Tab ${k + 1} left the dialog`).toBe(true);
  }
  await page.keyboard.press('Shift+Tab');
  expect(await holdsFocus(dialog)).toBe(true);
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(opener).toBeFocused();

  // an export menu: Enter opens it on its first item, the arrows move, Escape closes it back onto its button
  await nav(page, 'Gradient descent');
  const exportButton = page.getByRole('button', { name: /^Export / }).first();
  await exportButton.focus();
  await page.keyboard.press('Enter');
  const menu = page.getByRole('menu');
  await expect(menu.getByRole('menuitem', { name: 'Image (PNG)' })).toBeFocused();
  expect(await focusShown(page)).toBe(true);
  await page.keyboard.press('ArrowDown');
  await expect(menu.getByRole('menuitem', { name: 'Vector (SVG)' })).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await expect(menu.getByRole('menuitem').last()).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(menu).toHaveCount(0);
  await expect(exportButton).toBeFocused();
});
