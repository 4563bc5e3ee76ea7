/**
 * Loads the WebAssembly SIMD kernels (out/wasm/kernels.wasm, built from assembly/kernels.ts by
 * scripts/build-wasm.mjs) and installs them in this thread's engine (src/shared/nn/kernels.ts).
 * Each worker thread and the CLI call `useWasmKernels()` once at start. Without the file, or
 * where WebAssembly SIMD is missing, the engine keeps its JavaScript kernels, which give the same
 * numbers to the bit, only slower; `BACKPROP_KERNELS=js` asks for them on purpose (to compare).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { acceleratedKernels, installAcceleratedKernels, type AcceleratedKernels } from '../../shared/nn/kernels';
import { createWasmKernels, type KernelMemory, type WasmKernelExports } from '../../shared/nn/wasmKernels';

/** Pages of 64 KiB: the memory starts at 1 MiB and may grow to 1 GiB (the module's declared maximum). */
const INITIAL_PAGES = 16;
const MAXIMUM_PAGES = 16384;

export interface KernelChoice {
  /** 'wasm-simd' or 'js'. */
  kernels: string;
  /** Why the JavaScript kernels are in use, when they are. */
  reason?: string;
}

/** The folder holding package.json: two levels above out/main/*.js, three above src/main/data/*.ts. */
function appRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let up = 0; up < 6; up++) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    dir = dirname(dir);
  }
  return process.cwd();
}

export const kernelsWasmPath = (): string => join(appRoot(), 'out', 'wasm', 'kernels.wasm');

/** The few WebAssembly constructors used here (Node's type definitions leave the global's values out). */
interface WebAssemblyApi {
  Memory: new (descriptor: { initial: number; maximum: number; shared: boolean }) => KernelMemory;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: object };
}
const wasm = (globalThis as unknown as { WebAssembly: WebAssemblyApi }).WebAssembly;

/** Compiles the module and returns its kernels over a fresh shared memory. */
export function instantiateWasmKernels(bytes: Uint8Array): AcceleratedKernels {
  const memory = new wasm.Memory({ initial: INITIAL_PAGES, maximum: MAXIMUM_PAGES, shared: true });
  const instance = new wasm.Instance(new wasm.Module(bytes), { env: { memory } });
  return createWasmKernels(instance.exports as WasmKernelExports, memory);
}

/** Installs the WebAssembly kernels in this thread unless asked not to or they cannot load; says which kernels run. */
export function useWasmKernels(env: NodeJS.ProcessEnv = process.env): KernelChoice {
  const installed = acceleratedKernels();
  if (installed !== null) return { kernels: installed.name };
  if (env.BACKPROP_KERNELS === 'js') return { kernels: 'js', reason: 'BACKPROP_KERNELS=js' };
  const file = kernelsWasmPath();
  if (!existsSync(file)) return { kernels: 'js', reason: `${file} is missing (npm run build:wasm builds it)` };
  try {
    installAcceleratedKernels(instantiateWasmKernels(readFileSync(file)));
    return { kernels: 'wasm-simd' };
  } catch (error) {
    return { kernels: 'js', reason: `the WebAssembly kernels did not load: ${error instanceof Error ? error.message : String(error)}` };
  }
}
