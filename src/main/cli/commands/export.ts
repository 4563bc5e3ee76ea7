/**
 * `export`: a trained network as a model file (json) or as ONNX (opset 13), from a stored run
 * (its latest checkpoint, or --checkpoint) or from a model file or ONNX file (so it converts ONNX to the lab's format). Nothing is written unless the
 * whole model is valid.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { encodeOnnx, writeModel, type ModelMeta } from '../../../shared/model';
import type { NetworkSpec } from '../../../shared/nn/spec';
import { ApiError } from '../../services/errors';
import { resolveModel } from '../../services/modelSource';
import { parseFlags, type FlagSpec } from '../args';
import { CliFailure, UsageError } from '../errors';
import { loadModel } from '../files';
import { openRunStore, type CliIo } from '../storeAccess';
import { version } from '../../../../package.json';

export const EXPORT_FLAGS = {
  run: { kind: 'integer', value: 'ID', help: 'export this stored run (its latest checkpoint)' },
  checkpoint: { kind: 'integer', value: 'ID', help: 'with --run: this checkpoint instead of the latest' },
  model: { kind: 'string', value: 'M.json|M.onnx', help: 'export this model file (or ONNX file) instead of a run' },
  format: { kind: 'string', required: true, value: 'json|onnx', help: 'the model file format, or ONNX (opset 13)' },
  out: { kind: 'string', required: true, value: 'FILE', help: 'where to write it' },
  'data-dir': { kind: 'string', value: 'DIR', help: 'the runs are in DIR/backprop-lab.sqlite (default: $BACKPROP_LAB_HOME or ~/.backprop-lab)' },
  db: { kind: 'string', value: 'FILE', help: 'the runs are in this SQLite file' },
} satisfies FlagSpec;

export const EXPORT_SUMMARY = 'write a stored run or a model file as a model file (json) or ONNX';

interface Source { spec: NetworkSpec; params: ArrayLike<number>; meta: ModelMeta; label: string }

export async function exportCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const flags = parseFlags('export', argv, EXPORT_FLAGS);
  if ((flags.run === undefined) === (flags.model === undefined)) throw new UsageError('export: give either --run ID or --model M.json|M.onnx');
  if (flags.format !== 'json' && flags.format !== 'onnx') throw new UsageError(`export: --format takes json or onnx, not '${flags.format}'`);
  if (flags.checkpoint !== undefined && flags.run === undefined) throw new UsageError('export: --checkpoint needs --run');

  let source: Source;
  if (flags.model) {
    const model = loadModel(flags.model);
    source = { ...model, label: flags.model };
  } else {
    const store = await openRunStore('export', flags, io.env);
    try {
      source = resolveModel(store, { runId: flags.run, checkpointId: flags.checkpoint }, true);
    } catch (error) {
      if (error instanceof ApiError) throw new CliFailure(`export: ${error.message}`);
      throw error;
    } finally {
      store.close();
    }
  }

  let bytes: Uint8Array | string;
  try {
    bytes = flags.format === 'onnx'
      ? encodeOnnx(source, source.meta, { producerVersion: version })
      : `${JSON.stringify(writeModel(source, source.meta), null, 2)}\n`;
  } catch (error) {
    throw new CliFailure(`export: cannot export ${source.label} as ${flags.format}: ${(error as Error).message}`);
  }
  const out = resolve(flags.out);
  try {
    writeFileSync(out, bytes);
  } catch (error) {
    throw new CliFailure(`export: cannot write '${flags.out}': ${(error as Error).message}`);
  }
  io.stdout.write(`${JSON.stringify({ out, format: flags.format, bytes: typeof bytes === 'string' ? Buffer.byteLength(bytes) : bytes.length })}\n`);
  return 0;
}
