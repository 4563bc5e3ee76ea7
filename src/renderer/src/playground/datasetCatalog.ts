/**
 * How the Playground offers the built-in datasets: grouping, fallback labels, and which
 * generator settings apply. The task and shape come from `datasets.list` (the data layer
 * knows them); this file only knows what the picker needs to show.
 */
import { BUILTIN_DATASETS, type BuiltinDatasetName } from '../../../shared/data/spec';

export interface DatasetEntry {
  name: BuiltinDatasetName;
  group: string;
  label: string;
  /** Generated sets (and MNIST, drawn from its 10,000 digits) take a sample count. */
  sampled: boolean;
  /** Generated sets take noise; gates, the energy table and MNIST are what they are. */
  noisy: boolean;
  /** The multi-class sets take a class count. */
  hasClasses: boolean;
}

const GROUPS: [string, BuiltinDatasetName[]][] = [
  ['Logic gates', ['and', 'or', 'nand', 'xor-gate']],
  ['2-D classification', ['circle', 'xor', 'gauss', 'spiral', 'moons']],
  ['2-D multi-class', ['spiral-multi', 'blobs']],
  ['Regression', ['plane', 'multi-gauss', 'sine', 'abs', 'step-fn']],
  ['Lecture', ['energy']],
  ['Digits', ['mnist']],
];

const LABELS: Record<BuiltinDatasetName, string> = {
  and: 'AND gate', or: 'OR gate', nand: 'NAND gate', 'xor-gate': 'XOR gate',
  circle: 'Circle', xor: 'XOR (quadrants)', gauss: 'Two Gaussians', spiral: 'Two spirals', moons: 'Two moons',
  'spiral-multi': 'Spirals (multi-class)', blobs: 'Blobs',
  plane: 'Plane', 'multi-gauss': 'Gaussian bumps', sine: 'Sine', abs: 'Absolute value', 'step-fn': 'Step function',
  energy: 'Building energy (lecture table)',
  mnist: 'MNIST digits',
};

const FIXED = new Set<BuiltinDatasetName>(['and', 'or', 'nand', 'xor-gate', 'energy']);
const MULTI_CLASS = new Set<BuiltinDatasetName>(['spiral-multi', 'blobs']);

const groupOf = new Map<BuiltinDatasetName, string>(GROUPS.flatMap(([g, names]) => names.map((n) => [n, g] as const)));

export function datasetEntries(labelFromApi: (name: BuiltinDatasetName) => string | undefined = () => undefined): DatasetEntry[] {
  return BUILTIN_DATASETS.map((name) => ({
    name,
    group: groupOf.get(name) ?? 'Other',
    label: labelFromApi(name) ?? LABELS[name] ?? name,
    sampled: isSampled(name),
    noisy: isNoisy(name),
    hasClasses: MULTI_CLASS.has(name),
  }));
}

export function groupEntries(entries: DatasetEntry[]): { group: string; entries: DatasetEntry[] }[] {
  const groups: { group: string; entries: DatasetEntry[] }[] = [];
  for (const e of entries) {
    let g = groups.find((x) => x.group === e.group);
    if (!g) groups.push((g = { group: e.group, entries: [] }));
    g.entries.push(e);
  }
  return groups;
}

export const isSampled = (name: BuiltinDatasetName): boolean => !FIXED.has(name);
export const isNoisy = (name: BuiltinDatasetName): boolean => !FIXED.has(name) && name !== 'mnist';
export const hasClasses = (name: BuiltinDatasetName): boolean => MULTI_CLASS.has(name);

/**
 * Batch size and epochs that fit a data set: the one place the Playground and "continue an
 * imported model" take them from. Gates and the energy table have a handful of rows: full batch,
 * many epochs. Larger 2-D sets learn faster in mini-batches. MNIST's thousands of 784-pixel rows
 * learn in a few epochs of 32, where 500 epochs of 16 would take the better part of an hour.
 */
export function trainingDefaults(name: BuiltinDatasetName): { batchSize: number; epochs: number } {
  if (name === 'mnist') return { batchSize: 32, epochs: 5 };
  return { batchSize: isSampled(name) ? 16 : 0, epochs: 2000 };
}
