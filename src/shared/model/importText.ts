/**
 * A model file as the user hands it in (text): parsed, validated by readModel and written back
 * in the app's own form, which is what `models.import` stores. A compute worker runs it.
 */
import { ModelFileError, readModel, type ReadModel } from './read';
import { writeModel } from './write';
import type { ModelFile } from './modelFile';

/** readModel of a text; text that is not JSON is a ModelFileError like any other fault. */
export function readModelText(text: string): ReadModel {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new ModelFileError('', `not valid JSON (${(err as Error).message})`);
  }
  return readModel(json);
}

export interface ImportedModelFile {
  /** The file to store, serialized (JSON.stringify of `file`'s fields). */
  text: string;
  name?: string;
  inputs: number;
  /** `2-2-1`. */
  architecture: string;
  loss: string;
}

/** The stored form of an imported model file, named `name` when given. */
export function importModelText(text: string, name?: string): ImportedModelFile {
  const model = readModelText(text);
  const file: ModelFile = writeModel(model, { ...model.meta, ...(name ? { name } : {}) });
  return {
    text: JSON.stringify(file),
    ...(file.name !== undefined ? { name: file.name } : {}),
    inputs: file.inputs,
    architecture: [file.inputs, ...file.layers.map((l) => l.units)].join('-'),
    loss: file.loss,
  };
}
