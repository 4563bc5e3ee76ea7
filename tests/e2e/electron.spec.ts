// The desktop window itself. Everything else is tested in browser mode; this only checks that
// Electron opens the same UI through the preload. Skipped where the Electron binary is absent.
import { _electron as electron, expect, test } from '@playwright/test';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { newDataDir, SCREENSHOT_DIR } from './server';

const hasElectron = existsSync('node_modules/electron/dist');
if (!hasElectron) console.log('electron.spec.ts skipped: node_modules/electron/dist is missing (run `npx install-electron` on a connected machine).');

test('opens the Playground in the Electron window and reaches main through the preload', async () => {
  test.skip(!hasElectron, 'the Electron binary is not installed (node_modules/electron/dist is missing)');
  const app = await electron.launch({ args: ['out/main/index.js'], env: { ...process.env, BACKPROP_LAB_HOME: newDataDir() } });
  try {
    const window = await app.firstWindow();
    await expect(window.getByRole('navigation', { name: 'Views' })).toBeVisible();
    await expect(window.getByText(/· electron/)).toBeVisible();
    await window.screenshot({ path: join(SCREENSHOT_DIR, 'electron-window.png') });
  } finally {
    await app.close();
  }
});
