/**
 * Loads the WebAssembly SIMD kernels (out/wasm/kernels.wasm, built from assembly/kernels.ts by
 * scripts/build-wasm.mjs) and installs them in this thread's engine (src/shared/nn/kernels.ts).
 * Each worker thread and the CLI call `useWasmKernels()` once at start. Without the file, or
 * where WebAssembly SIMD is missing, the engine keeps its JavaScript kernels, which give the same
 * numbers to the bit, only slower; `BACKPROP_KERNELS=js` asks for them on purpose (to compare).
 */
import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { acceleratedKernels, installAcceleratedKernels, type AcceleratedKernels } from '../../shared/nn/kernels';
import { createWasmKernels, type KernelMemory, type WasmKernelExports } from '../../shared/nn/wasmKernels';
import { startKernelHelper } from './kernelHelper';

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

export interface ThreadOptions {
  /** 2: a helper thread shares the float32 kernels' large layers (kernelHelper.ts). */
  threads?: number;
  /** Asked before each shareable job: false keeps it on this thread (another run is training). */
  shareWhen?: () => boolean;
}

/**
 * Compiles the module and returns its kernels over a fresh shared memory; with `threads: 2`, the
 * float32 kernels share large layers with a helper thread (kernelHelper.ts).
 */
export function instantiateWasmKernels(bytes: Uint8Array, { threads = 1, shareWhen }: ThreadOptions = {}): AcceleratedKernels {
  const memory = new wasm.Memory({ initial: INITIAL_PAGES, maximum: MAXIMUM_PAGES, shared: true });
  const module = new wasm.Module(bytes);
  const instance = new wasm.Instance(module, { env: { memory } });
  const helper = threads >= 2 ? (mailbox: number) => startKernelHelper(module, memory, mailbox, shareWhen) : undefined;
  return createWasmKernels(instance.exports as WasmKernelExports, memory, helper);
}

/**
 * Threads for training's float32 kernels: BACKPROP_THREADS (1 or 2) when set, else 2 where the
 * machine has two cores or more. Only the thread that trains asks for a helper (the training
 * worker, the CLI's train, the bench), never the analysis and compute workers, so that the
 * threads spinning at once stay within two per run.
 */
export function trainingThreads(env: NodeJS.ProcessEnv = process.env): number {
  const asked = Number(env.BACKPROP_THREADS);
  if (asked === 1 || asked === 2) return asked;
  return availableParallelism() >= 2 ? 2 : 1;
}

/** Installs the WebAssembly kernels in this thread unless asked not to or they cannot load; says which kernels run. */
export function useWasmKernels(env: NodeJS.ProcessEnv = process.env, threadOptions: ThreadOptions = {}): KernelChoice {
  const installed = acceleratedKernels();
  if (installed !== null) return { kernels: installed.name };
  if (env.BACKPROP_KERNELS === 'js') return { kernels: 'js', reason: 'BACKPROP_KERNELS=js' };
  const file = kernelsWasmPath();
  if (!existsSync(file)) return { kernels: 'js', reason: `${file} is missing (npm run build:wasm builds it)` };
  try {
    const kernels = instantiateWasmKernels(readFileSync(file), threadOptions);
    installAcceleratedKernels(kernels);
    return { kernels: kernels.float32?.name ?? kernels.name };
  } catch (error) {
    return { kernels: 'js', reason: `the WebAssembly kernels did not load: ${error instanceof Error ? error.message : String(error)}` };
  }
}
