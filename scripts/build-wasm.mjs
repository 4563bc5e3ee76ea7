#!/usr/bin/env node
// Builds the WebAssembly SIMD kernels (assembly/kernels.ts) into out/wasm/kernels.wasm with
// AssemblyScript. Run by `npm run build`, `npm run bench`, the e2e build and vitest's global
// setup, so a clean clone needs nothing prebuilt. Skips the build when the output is newer
// than the source. Flags: a shared, imported memory (growing it keeps earlier views valid,
// see src/shared/nn/wasmKernels.ts), SIMD, no runtime (the kernels allocate nothing).
import { mkdirSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
export const KERNELS_SOURCE = join(root, 'assembly', 'kernels.ts');
export const KERNELS_WASM = join(root, 'out', 'wasm', 'kernels.wasm');

const mtime = (file) => {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return -1;
  }
};

/** Builds the kernels unless they are up to date; throws with asc's messages on failure. */
export async function buildWasmKernels({ force = false } = {}) {
  // kernels.ts imports the folder's other files, so the newest of them decides
  const sources = readdirSync(dirname(KERNELS_SOURCE)).filter((name) => name.endsWith('.ts')).map((name) => join(dirname(KERNELS_SOURCE), name));
  if (!force && mtime(KERNELS_WASM) > Math.max(...sources.map(mtime))) return { built: false, file: KERNELS_WASM };
  mkdirSync(dirname(KERNELS_WASM), { recursive: true });
  const asc = await import('assemblyscript/asc');
  const messages = [];
  const { error } = await asc.main([
    KERNELS_SOURCE, '--outFile', KERNELS_WASM, '-O3', '--noAssert', '--runtime', 'stub',
    '--enable', 'simd', '--enable', 'threads', '--importMemory', '--sharedMemory',
    '--initialMemory', '1', '--maximumMemory', '16384',
  ], { stdout: { write: (s) => messages.push(String(s)) }, stderr: { write: (s) => messages.push(String(s)) } });
  if (error) throw new Error(`building the WebAssembly kernels failed: ${error.message}\n${messages.join('')}`);
  return { built: true, file: KERNELS_WASM };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  buildWasmKernels({ force: process.argv.includes('--force') })
    .then(({ built, file }) => process.stderr.write(`build-wasm: ${built ? 'built' : 'up to date'} ${file}\n`))
    .catch((error) => {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    });
}
