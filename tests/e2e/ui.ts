// What a person looks at on screen, as Playwright helpers: the live numbers, the status, the chart's point count,
// and the navigation between views.
import { expect, type Locator, type Page } from '@playwright/test';
import type { InPage, InPageElement, InPageSelect } from './inPage';

/** The number shown under a live statistic ("Train loss"); NaN while it shows a dash. */
export async function statValue(page: Page | Locator, label: string): Promise<number> {
  const text = (await page.locator(`dd[data-stat="${label}"]`).first().textContent()) ?? '';
  return text.endsWith('%') ? Number(text.slice(0, -1)) / 100 : Number(text.replace(/,/g, ''));
}

/** How many points a chart has drawn (LiveChart writes it on its figure). */
export async function chartPoints(page: Page | Locator, name: string): Promise<number> {
  return Number(await page.getByRole('figure', { name }).getAttribute('data-points'));
}

export async function expectStatus(scope: Page | Locator, status: string, timeout = 30_000): Promise<void> {
  await expect(scope.getByRole('status', { name: `status: ${status}` }).first()).toBeVisible({ timeout });
}

/** Every view's link in the navigation bar, in its order (src/renderer/src/app/nav.ts). */
export const VIEW_LABELS = [
  'Playground', 'Runs', 'Compare', 'Loss landscape', 'Feature visualization', 'Channels', 'Representations',
  'Perceptron', 'XOR by hand', 'Activations', 'Stacked linear', 'Universal approx.', 'Backprop step by step',
  'Gradient descent', 'Making it work',
] as const;

/** Clicks a view's link in the navigation bar ("Playground", "Runs", …). */
export async function nav(page: Page, name: string, { exact }: { exact?: boolean } = {}): Promise<void> {
  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', exact === undefined ? { name } : { name, exact }).click();
}

/**
 * From the Runs view: a sweep named `name` over the given settings and values (each a comma list),
 * started and followed to 100%.
 */
export async function runSweep(page: Page, name: string, parameters: [setting: string, values: string][]): Promise<void> {
  await page.getByRole('button', { name: 'New sweep…' }).click();
  const dialog = page.getByRole('dialog', { name: 'New sweep' });
  await dialog.getByLabel('Name').fill(name);
  for (const [k, [setting, values]] of parameters.entries()) {
    await dialog.getByLabel(`Parameter ${k + 1} setting`).fill(setting);
    await dialog.getByLabel(`Parameter ${k + 1} values`).fill(values);
  }
  await dialog.getByRole('button', { name: 'Start sweep' }).click();
  await expect(page.getByRole('progressbar', { name: 'Sweep progress' })).toHaveAttribute('aria-valuenow', '100', { timeout: 60_000 });
}

/** Selects whose chosen option is wider than the room the select gives it (Chromium draws its arrow in about 20px). */
export async function cutSelects(scope: Locator): Promise<string[]> {
  return scope.evaluate((root: InPageElement) => {
    const { document, getComputedStyle } = globalThis as unknown as InPage;
    const measure = document.createElement('canvas').getContext('2d');
    const cut: string[] = [];
    for (const select of root.querySelectorAll('select') as Iterable<InPageSelect>) {
      if (select.offsetParent === null) continue;
      const style = getComputedStyle(select);
      measure.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
      const text = select.selectedOptions[0]?.text ?? '';
      const room = select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - 20;
      if (measure.measureText(text).width > room) cut.push(`"${text}" in ${select.labels[0]?.textContent?.trim() ?? select.id}`);
    }
    return cut;
  });
}
