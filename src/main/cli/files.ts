/** Reading the files a command names, with messages that say which file and what is wrong. */
import { readFileSync } from 'node:fs';
import { readModel, type ReadModel } from '../../shared/model';
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

export function loadModel(path: string): ReadModel {
  const json = readJson(path, 'model file');
  try {
    return readModel(json);
  } catch (error) {
    throw new CliFailure(`model file '${path}': ${(error as Error).message}`);
  }
}
