/**
 * How to draw a network's input: MNIST (and any square imported table of at least 8x8 values)
 * as a picture, two raw inputs as a point on the plane, anything else as named numbers.
 */
import type { InputLayout } from './reportTypes';

/** Below this an input is a handful of numbers, not a picture. */
const MIN_IMAGE_SIDE = 8;

export function inputLayout(datasetName: string, inputNames: readonly string[]): InputLayout {
  const dim = inputNames.length;
  if (datasetName === 'mnist') return { kind: 'image', width: 28, height: 28 };
  if (dim === 2) return { kind: 'plane', names: [inputNames[0], inputNames[1]] };
  const side = Math.round(Math.sqrt(dim));
  if (side >= MIN_IMAGE_SIDE && side * side === dim) return { kind: 'image', width: side, height: side };
  return { kind: 'vector', names: [...inputNames] };
}
