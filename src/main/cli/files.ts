/** Reading the files a command names, with messages that say which file and what is wrong. */
import { readFileSync, statSync } from 'node:fs';
import { isOnnxFileName, MAX_ONNX_BYTES, readModel, readOnnx, type ReadModel } from '../../shared/model';
import { sniffEncoding } from '../../shared/data/csvText';
import { CliFailure } from './errors';

/** A text file as UTF-8, or UTF-16 when it starts with that byte-order mark (as the import dialog reads it). */
export function readText(path: string, what: string): string {
  try {
    const bytes = readFileSync(path);
    return new TextDecoder(sniffEncoding(bytes)).decode(bytes);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new CliFailure(`${what} '${path}' does not exist: check the path`);
    if (code === 'EISDIR') throw new CliFailure(`${what} '${path}' is a folder: give a file`);
    throw new CliFailure(`cannot read ${what} '${path}': ${(error as Error).message}`);
  }
}

export function readJson(path: string, what: string): unknown {
  const text = readText(path, what);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new CliFailure(`${what} '${path}' is not valid JSON: ${(error as Error).message}`);
  }
}

/** A model file (JSON), or an ONNX file when its name ends in .onnx. */
export function loadModel(path: string): ReadModel {
  if (isOnnxFileName(path)) return loadOnnx(path);
  const json = readJson(path, 'model file');
  try {
    return readModel(json);
  } catch (error) {
    throw new CliFailure(`model file '${path}': ${(error as Error).message}`);
  }
}

function loadOnnx(path: string): ReadModel {
  let bytes: Uint8Array;
  try {
    // the size first: a file far over the limit is not read into memory
    const size = statSync(path).size;
    if (size > MAX_ONNX_BYTES) {
      throw new CliFailure(`ONNX file '${path}' is ${size.toLocaleString('en')} bytes; the limit is ${MAX_ONNX_BYTES.toLocaleString('en')} (MAX_ONNX_BYTES)`);
    }
    bytes = readFileSync(path);
  } catch (error) {
    if (error instanceof CliFailure) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new CliFailure(`ONNX file '${path}' does not exist: check the path`);
    if (code === 'EISDIR') throw new CliFailure(`ONNX file '${path}' is a folder: give a file`);
    throw new CliFailure(`cannot read ONNX file '${path}': ${(error as Error).message}`);
  }
  try {
    return readOnnx(bytes);
  } catch (error) {
    throw new CliFailure(`ONNX file '${path}': ${(error as Error).message}`);
  }
}
