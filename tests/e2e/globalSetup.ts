// Fails fast, with the fix, when the build the tests drive is missing.
import { existsSync, mkdirSync } from 'node:fs';
import { SERVE_JS, SCREENSHOT_DIR } from './server';

export default function globalSetup(): void {
  if (!existsSync(SERVE_JS) || !existsSync('out/renderer/index.html')) {
    throw new Error('out/main/serve.js or out/renderer is missing: run `npx electron-vite build` (npm run test:e2e does).');
  }
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
}
