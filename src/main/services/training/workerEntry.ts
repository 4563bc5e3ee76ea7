/**
 * Where the training worker's code is, in the two ways this module can be running:
 * - from source (vitest, tsx): this file ends in .ts; Node 20 workers cannot load TypeScript,
 *   so a small JS bootstrap imports the .ts entry through tsx's `tsImport`;
 * - bundled by electron-vite: the worker is an extra main input emitted next to every main
 *   chunk (electron.vite.config.ts keeps chunks flat in out/main), so it is a sibling file.
 */
import { fileURLToPath, pathToFileURL } from 'node:url';

export interface WorkerEntry {
  /** The file `new Worker` runs. */
  file: URL;
  /** Extra process.argv of the worker: the TypeScript entry the bootstrap should import. */
  argv: string[];
}

export function trainWorkerEntry(moduleUrl: string = import.meta.url): WorkerEntry {
  return workerEntry('train.worker', moduleUrl);
}

/** Any worker of src/main/worker by name (`train.worker`, `analysis.worker`), from source or bundled. */
export function workerEntry(name: string, moduleUrl: string = import.meta.url): WorkerEntry {
  if (fileURLToPath(moduleUrl).endsWith('.ts')) {
    const tsEntry = new URL(`../../worker/${name}.ts`, moduleUrl);
    return { file: new URL('../../worker/tsx-bootstrap.mjs', moduleUrl), argv: [pathToFileURL(fileURLToPath(tsEntry)).href] };
  }
  return { file: new URL(`./${name}.js`, moduleUrl), argv: [] };
}
