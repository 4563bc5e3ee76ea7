/**
 * `predict`: the model's outputs for every example of a CSV (one example per row, inputs
 * only, header optional) or a JSON file ([[...], ...] or { "inputs": [[...], ...] }).
 * Inputs are in the training data's units: the model file's scaling, if any, is applied
 * to them and undone on the outputs.
 */
import { extname } from 'node:path';
import { DataError, parseCsvText } from '../../../shared/data';
import { numericCell } from '../../../shared/data/csv';
import type { ModelScaling } from '../../../shared/model';
import { Network } from '../../../shared/nn/network';
import { parseFlags, type FlagSpec } from '../args';
import { CliFailure } from '../errors';
import { loadModel, readJson, readText } from '../files';
import { formatTable } from '../table';

export const PREDICT_FLAGS = {
  model: { kind: 'string', required: true, value: 'M.json|M.onnx', help: 'the model file, or an ONNX file (read by its .onnx name)' },
  data: { kind: 'string', required: true, value: 'FILE.csv|FILE.json', help: 'examples, one per row, inputs only' },
  json: { kind: 'boolean', help: 'print { "outputs": [[...], ...] } instead of a table' },
} satisfies FlagSpec;

export const PREDICT_SUMMARY = "print a model's outputs for each example of a CSV or JSON file";

export function predictCommand(argv: readonly string[]): string {
  const flags = parseFlags('predict', argv, PREDICT_FLAGS);
  const model = loadModel(flags.model);
  const net = new Network(model.spec, model.params);
  const rows = extname(flags.data).toLowerCase() === '.json' ? jsonRows(flags.data) : csvRows(flags.data);
  rows.forEach((row, r) => {
    if (row.length !== net.inputs) {
      throw new CliFailure(`${flags.data}: example ${r + 1} has ${row.length} values but the model takes ${net.inputs} inputs${model.meta.inputNames ? ` (${model.meta.inputNames.join(', ')})` : ''}`);
    }
  });
  const outputs = predictRows(net, rows, model.meta.scaling);
  if (flags.json) return JSON.stringify({ outputs });
  const inputNames = model.meta.inputNames ?? Array.from({ length: net.inputs }, (_, i) => `x${i + 1}`);
  const outputNames = model.meta.outputNames ?? Array.from({ length: net.outputs }, (_, k) => `y${k + 1}`);
  const softmax = net.outputLayer.activation === 'softmax';
  const header = [...inputNames, ...outputNames, ...(softmax ? ['class'] : [])];
  const body = rows.map((row, r) => [
    ...row.map(String),
    ...outputs[r].map((v) => v.toPrecision(6)),
    ...(softmax ? [outputNames[outputs[r].indexOf(Math.max(...outputs[r]))]] : []),
  ]);
  return formatTable(header, body);
}

function predictRows(net: Network, rows: number[][], scaling: ModelScaling | undefined): number[][] {
  const n = rows.length;
  const x = new Float64Array(n * net.inputs);
  rows.forEach((row, r) => row.forEach((v, i) => {
    const column = scaling?.inputs[i];
    x[r * net.inputs + i] = column ? (v - column.offset) / column.scale : v;
  }));
  const y = net.predict(x, n);
  return rows.map((_, r) => Array.from(y.subarray(r * net.outputs, (r + 1) * net.outputs), (v, k) => {
    const column = scaling?.outputs[k];
    return column ? v * column.scale + column.offset : v;
  }));
}

function csvRows(path: string): number[][] {
  try {
    const csv = parseCsvText(readText(path, 'data file'));
    return csv.rows.map((row) => row.cells.map((_, c) => numericCell(csv, row, c)));
  } catch (error) {
    if (error instanceof DataError) throw new CliFailure(`${path}: ${error.message}`);
    throw error;
  }
}

function jsonRows(path: string): number[][] {
  const json = readJson(path, 'data file');
  const rows = Array.isArray(json) ? json : (json as { inputs?: unknown })?.inputs;
  if (!Array.isArray(rows) || rows.length === 0) throw new CliFailure(`${path}: expected a non-empty array of examples, [[x1, x2, ...], ...], or { "inputs": [[...], ...] }`);
  return rows.map((row: unknown, r) => {
    if (!Array.isArray(row) || !row.every((v) => typeof v === 'number' && Number.isFinite(v))) {
      throw new CliFailure(`${path}: example ${r + 1} is not an array of finite numbers`);
    }
    return row as number[];
  });
}
