// electron-vite 6: main (Electron entry, browser-mode server, training/analysis/compute workers, CLI), the
// sandboxed preload as CommonJS, and the Vue renderer built into out/renderer.
import { resolve } from 'node:path';
import { existsSync } from 'node:fs';
import { defineConfig } from 'electron-vite';
import vue from '@vitejs/plugin-vue';
import { echartsGlWithoutEval } from './scripts/echartsGlWithoutEval';

// BACKPROP_LAB_OUT lets several builds live side by side (parallel e2e runs); default out/.
const outDir = resolve(process.env.BACKPROP_LAB_OUT ?? 'out');

const mainInputs: Record<string, string> = {
  index: resolve('src/main/index.ts'),
  serve: resolve('src/main/serve.ts'),
  // a worker_threads entry is just another main input; workerEntry.ts finds it next to the chunks
  'train.worker': resolve('src/main/worker/train.worker.ts'),
  'analysis.worker': resolve('src/main/worker/analysis.worker.ts'),
  'compute.worker': resolve('src/main/worker/compute.worker.ts'),
};
if (existsSync('src/main/cli.ts')) mainInputs.cli = resolve('src/main/cli.ts');

export default defineConfig({
  main: {
    build: {
      outDir: resolve(outDir, 'main'),
      // native and socket packages stay in node_modules (package.json dependencies are external by default)
      externalizeDeps: { include: ['better-sqlite3', 'ws'] },
      rolldownOptions: {
        input: mainInputs,
        // flat: workerEntry.ts and rendererDir.ts resolve siblings relative to whichever chunk they end up in
        output: { entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js' },
      },
    },
  },
  preload: {
    build: {
      outDir: resolve(outDir, 'preload'),
      // a sandboxed preload can require only electron: zod and the contract are bundled in
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve('src/main/preload/index.ts') },
        // a sandboxed preload cannot be an ES module
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'src/renderer',
    // echartsGlWithoutEval: the 3-D loss landscape under the strict CSP (see the file)
    plugins: [vue(), echartsGlWithoutEval()],
    build: {
      outDir: resolve(outDir, 'renderer'),
      rolldownOptions: { input: resolve('src/renderer/index.html') },
    },
  },
});
