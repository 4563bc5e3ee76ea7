/**
 * A model file as the user hands it in (the lab's JSON text, or ONNX bytes): parsed, validated
 * and written back in the app's own form, which is what `models.import` stores. A compute
 * worker runs it.
 */
import { ModelFileError, readModel, type ReadModel } from './read';
import { readOnnx } from './onnxImport';
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

/** What the user imports: a model file's text or an ONNX file's bytes. */
export type ModelSource = { text: string } | { onnx: Uint8Array };

export const readModelSource = (source: ModelSource): ReadModel => ('text' in source ? readModelText(source.text) : readOnnx(source.onnx));

/** The stored form of an imported model (a model file or ONNX), named `name` when given, else by the file's own name. */
export function importModelSource(source: ModelSource, name?: string): ImportedModelFile {
  const model = readModelSource(source);
  const file: ModelFile = writeModel(model, { ...model.meta, ...(name ? { name } : {}) });
  return {
    text: JSON.stringify(file),
    ...(file.name !== undefined ? { name: file.name } : {}),
    inputs: file.inputs,
    architecture: [file.inputs, ...file.layers.map((l) => l.units)].join('-'),
    loss: file.loss,
  };
}

/** The stored form of an imported model file's text. */
export const importModelText = (text: string, name?: string): ImportedModelFile => importModelSource({ text }, name);
