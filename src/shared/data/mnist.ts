/**
 * MNIST digits reach the shared code injected (src/shared cannot read files): the main
 * process loads the `mnist` package's 10,000 digits and passes them in a DataSources.
 */
import { DataError } from './errors';
import type { RawTable } from './table';
import { oneHot } from './table';

export const MNIST_SIDE = 28;
export const MNIST_PIXELS = MNIST_SIDE * MNIST_SIDE;
export const MNIST_CLASSES = 10;

/** Digit-major (all 0s in the package's order, then all 1s, ...); pixels are float32 in [0, 1]. */
export interface MnistDigits {
  /** count * 784 pixels, row-major within an image. */
  images: Float32Array;
  /** count digits 0..9. */
  labels: Uint8Array;
  count: number;
}

/** Where data that shared code cannot load itself comes from. Loaders are called only when a set needs them. */
export interface DataSources {
  mnist?: () => MnistDigits;
}

export function mnistTable(sources: DataSources | undefined): RawTable {
  if (!sources?.mnist) throw new DataError("the 'mnist' dataset needs the digits, which only the main process can load");
  const digits = sources.mnist();
  const y = new Float64Array(digits.count * MNIST_CLASSES);
  for (let i = 0; i < digits.count; i++) y.set(oneHot(digits.labels[i], MNIST_CLASSES), i * MNIST_CLASSES);
  return { n: digits.count, xDim: MNIST_PIXELS, yDim: MNIST_CLASSES, x: digits.images, y };
}
