/**
 * Floating-point work of the bench tasks and the peak of our dense kernel, so that a throughput
 * can be read as GFLOP/s. Counts are of the dense formulation (a multiply-add is 2 FLOPs, the
 * blank pixels our kernels skip are counted as done), as a BLAS-backed peer does the work; the
 * activations, losses and biases are left out (under 2% of T2's work).
 */
import { dense, float32Kernels, kernelVector, NonZeroRows } from '../src/shared/nn/kernels';
import { sparseEntries32 } from '../src/shared/nn/float32Kernels';
import { mulberry32 } from '../src/shared/nn/rng';
import type { TrainSpec } from '../src/shared/training';
import type { TaskId } from './tasks';

/** fanIn x fanOut of every layer. */
function layerShapes(spec: TrainSpec, inputDim: number): [number, number][] {
  const shapes: [number, number][] = [];
  let fanIn = inputDim;
  for (const layer of spec.layers) {
    shapes.push([fanIn, layer.units]);
    fanIn = layer.units;
  }
  return shapes;
}

/**
 * FLOPs per unit of a task's throughput. Training, per sample: the forward product, the weight
 * gradient (same size) and the backpropagated sums of every layer but the first; T3's unit is a
 * full-batch step of `rows` samples. T4, per evaluation: the forward product over `rows` points.
 */
export function flopsPerUnit(task: TaskId, spec: TrainSpec, inputDim: number, rows: number): number {
  const shapes = layerShapes(spec, inputDim);
  const products = shapes.reduce((sum, [fanIn, fanOut]) => sum + fanIn * fanOut, 0);
  const forward = 2 * products;
  if (task === 'T4') return rows * forward;
  const perSample = forward + 2 * products + 2 * (products - shapes[0][0] * shapes[0][1]);
  return task === 'T3' ? rows * perSample : perSample;
}

/**
 * GFLOP/s of the engine's dense kernel (whichever is installed) on a dense n x n by n x n
 * product, no zeros to skip: the kernel's peak on this machine, for comparison with a task's figure.
 */
export function densePeakGflops(n = 512, repeat = 5): number {
  const rng = mulberry32(1);
  const fill = (a: Float64Array) => { for (let k = 0; k < a.length; k++) a[k] = 2 * rng() - 1 || 0.5; return a; };
  const x = fill(kernelVector(n * n));
  const W = fill(kernelVector(n * n));
  const b = fill(kernelVector(n));
  const z = kernelVector(n * n);
  const scratch = new NonZeroRows();
  scratch.ensure(n);
  scratch.inKernelMemory = true;
  let best = Infinity;
  for (let k = 0; k < repeat; k++) {
    const start = performance.now();
    dense(x, 0, n, n, n, W, b, z, scratch);
    best = Math.min(best, (performance.now() - start) / 1000);
  }
  return (2 * n ** 3) / best / 1e9;
}

/**
 * The same for the float32 dense kernel (TrainSpec precision float32): its entry listing and its
 * product on a dense n x n by n x n float32 input, no zeros to skip.
 */
export function float32PeakGflops(n = 512, repeat = 5): number {
  const rng = mulberry32(1);
  const kernels = float32Kernels();
  const fill = (a: Float32Array) => { for (let k = 0; k < a.length; k++) a[k] = 2 * rng() - 1 || 0.5; return a; };
  const x = fill(kernels.vector(n * n));
  const W = fill(kernels.vector(n * n));
  const b = fill(kernels.vector(n));
  const z = kernels.vector(n * n);
  const entries = sparseEntries32(kernels, n, n);
  let best = Infinity;
  for (let k = 0; k < repeat; k++) {
    const start = performance.now();
    kernels.sparseRows(x, 0, n, n, entries);
    kernels.denseSparse(n, n, entries, W, b, z);
    best = Math.min(best, (performance.now() - start) / 1000);
  }
  return (2 * n ** 3) / best / 1e9;
}
