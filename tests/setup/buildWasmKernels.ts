/**
 * vitest global setup: builds the WebAssembly kernels (scripts/build-wasm.mjs; skipped when
 * up to date) before any test, so that worker threads started by the integration tests load
 * them as the app does, and the kernel tests compare them with the JavaScript reference.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export default function setup(): void {
  execFileSync(process.execPath, [fileURLToPath(new URL('../../scripts/build-wasm.mjs', import.meta.url))], { stdio: 'inherit' });
}
