/**
 * The built renderer's folder: out/renderer, a sibling of out/main where the bundle runs
 * (electron.vite.config.ts keeps main chunks flat, so every chunk is one level down), or the
 * same folder of the repository when main runs from source (tsx, vitest).
 */
import { fileURLToPath } from 'node:url';

export function rendererDir(moduleUrl: string = import.meta.url): string {
  const fromSource = fileURLToPath(moduleUrl).endsWith('.ts');
  return fileURLToPath(new URL(fromSource ? '../../../out/renderer' : '../renderer', moduleUrl));
}
