// Every chart exports (issue #11, defect 16): the Playground's, run detail's and the lecture's
// charts offer PNG, SVG and the data they show; the files hold what the chart draws.
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { serverForSpec } from './fixture';
import { SCREENSHOT_DIR } from './server';
import { expectStatus, nav } from './ui';

const lab = serverForSpec();

async function exportFrom(page: Page, chart: string, item: string): Promise<{ name: string; text: string }> {
  const [download] = await Promise.all([page.waitForEvent('download'), (async () => {
    await page.getByRole('button', { name: `Export ${chart}`, exact: true }).click();
    await page.getByRole('menuitem', { name: item }).click();
  })()]);
  const path = test.info().outputPath(download.suggestedFilename());
  await download.saveAs(path);
  return { name: download.suggestedFilename(), text: readFileSync(path, 'utf8') };
}

test('the Playground, run detail and lecture charts export pictures and the data they show', async ({ page }) => {
  await page.goto(lab.server.url);
  await page.getByLabel('Dataset').selectOption({ label: 'XOR gate' });
  await page.getByLabel('Epochs').fill('300');
  await page.getByRole('button', { name: 'Train' }).click();
  await expectStatus(page, 'completed');
  await page.screenshot({ path: join(SCREENSHOT_DIR, 'chart-export-playground.png') });

  const csv = await exportFrom(page, 'Loss chart', 'Data shown (CSV)');
  expect(csv.name).toBe('loss-chart.csv');
  const lines = csv.text.trim().split('\n');
  expect(lines[0]).toBe('series,x,y');
  expect(lines.length).toBeGreaterThan(10);
  expect(lines[1]).toMatch(/^train loss,\d+,[\d.e-]+$/);
  const svg = await exportFrom(page, 'Loss chart', 'Vector (SVG)');
  expect(svg.text.startsWith('<svg')).toBe(true);
  expect(svg.text).toContain('>Loss<'); // the title travels with the picture
  const png = await exportFrom(page, 'Accuracy chart', 'Image (PNG)');
  expect(png.name).toBe('accuracy-chart.png');

  await nav(page, 'Runs', { exact: true });
  await page.getByRole('table', { name: 'Runs' }).locator('tbody tr[data-run-id]').first().click();
  const json = await exportFrom(page, 'Accuracy chart', 'Data shown (JSON)');
  const rows = JSON.parse(json.text) as { series: string; x: number; y: number }[];
  expect(rows.length).toBeGreaterThan(10);
  expect(rows.every((r) => typeof r.x === 'number' && r.y >= 0 && r.y <= 1)).toBe(true);

  await nav(page, 'Activations');
  const act = await exportFrom(page, 'Activation chart', 'Data shown (CSV)');
  expect(act.text.split('\n')[0]).toBe('series,x,y');
  expect(act.text.split('\n').length).toBeGreaterThan(20);
  await page.screenshot({ path: join(SCREENSHOT_DIR, 'chart-export-lecture.png') });
});
