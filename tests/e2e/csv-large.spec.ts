// A large CSV through the import dialog in browser mode: parsed in a worker, then every
// preview and the run carry its ~46 MB of rows (over one frame's 32 MiB) over the socket in chunks, and the socket
// stays up (before, anything over 32 MiB closed it and the page reconnected forever).
import { expect, test } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import { serverForSpec } from './fixture';
import { expectStatus } from './ui';

const lab = serverForSpec();

test('imports a large CSV and trains on it without losing the connection', async ({ page }, info) => {
  const file = info.outputPath('large.csv');
  const columns = 38;
  const rows = 100_000;
  const lines = [[...Array.from({ length: columns }, (_, c) => `x${c + 1}`), 'y'].join(',')];
  for (let r = 0; r < rows; r++) {
    const x = Array.from({ length: columns }, (_, c) => (((r * 7919 + c * 104729) % 1_000_003) / 1_000_003).toFixed(9));
    lines.push([...x, Number(x[0]) > 0.5 ? 'yes' : 'no'].join(','));
  }
  writeFileSync(file, `${lines.join('\n')}\n`);

  await page.goto(lab.server.url);
  await page.getByRole('radio', { name: 'CSV import' }).click();
  await page.getByLabel('CSV file').setInputFiles(file);
  await expect(page.getByText('100000 rows · classification')).toBeVisible({ timeout: 60_000 });
  await page.getByRole('button', { name: 'Use this data' }).click();
  await expect(page.getByRole('button', { name: 'Training on this table' })).toBeVisible({ timeout: 60_000 });
  await page.getByLabel('Epochs').fill('1');
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expectStatus(page, 'completed', 120_000);
  await expect(page.getByText(/Lost the connection|Reconnecting/)).toHaveCount(0);
});
