// Accessibility (issue #11): axe-core on every view of the app, with a run stored so the runs,
// compare and analysis views show their real content. Serious and critical violations fail the
// test; every view's counts by impact are printed, so they can be reported.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { serverForSpec } from './fixture';
import { expectStatus, nav } from './ui';

const lab = serverForSpec();

const VIEWS = [
  'Playground', 'Runs', 'Compare', 'Loss landscape', 'Feature visualization', 'Representations',
  'Perceptron', 'XOR by hand', 'Activations', 'Stacked linear', 'Universal approx.', 'Backprop step by step',
  'Gradient descent', 'Making it work',
];

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
  for (const view of VIEWS) {
    await nav(page, view, { exact: true });
    await expect(page.locator('main, [role=main]').first()).toBeVisible();
    if (view === 'Runs') await page.getByRole('table', { name: 'Runs' }).locator('tbody tr[data-run-id]').first().click();
    for (const f of await audit(page, view)) if (f.impact === 'serious' || f.impact === 'critical') serious.push(`${view}: ${f.id} (${f.targets.join(' | ')})`);
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
  expect(serious).toEqual([]);
});
