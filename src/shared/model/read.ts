/**
 * Reading a model file (version 1 or 2): validate everything, naming the offending field,
 * before trusting any dimension; only then allocate the flat parameter vector (the conv
 * layers' W and b, then W1, b1, W2, b2, ...: docs/architecture.md, "Parameter layout").
 */
import { tooDeepField } from '../nn/jsonDepth';
import { parameterCount } from '../nn/network';
import { planImageLayers } from '../nn/imageShapes';
import { NetworkSpecSchema, parameterBudgetProblem, type ImageLayerSpec, type NetworkSpec } from '../nn/spec';
import { MAX_MODEL_DEPTH, MLP_MODEL_VERSION, MODEL_FORMAT, MODEL_VERSION, ModelHeaderSchema, type ModelMeta } from './modelFile';

export class ModelFileError extends Error {
  constructor(readonly field: string, message: string) {
    super(field ? `${field}: ${message}` : message);
    this.name = 'ModelFileError';
  }
}

export interface ReadModel { spec: NetworkSpec; params: Float64Array; meta: ModelMeta }

/** ['layers', 1, 'weights'] -> "layers[1].weights" */
export function fieldPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : acc ? `${acc}.${String(key)}` : String(key)), '');
}

function describe(value: unknown): string {
  if (typeof value === 'number') return String(value);
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value === 'object' && value !== null) return 'an object';
  const text = JSON.stringify(value) ?? typeof value;
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Copies a finite number into params or throws naming the entry. */
function finite(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new ModelFileError(field, `expected a finite number, got ${describe(value)}`);
  }
  return value;
}

export function readModel(json: unknown): ReadModel {
  if (!isRecord(json)) throw new ModelFileError('', `a model file is a JSON object, got ${Array.isArray(json) ? 'an array' : describe(json)}`);
  const deep = tooDeepField(json, MAX_MODEL_DEPTH);
  if (deep !== undefined) {
    const field = deep.length > 80 ? `${deep.slice(0, 80)}...` : deep;
    throw new ModelFileError(field, `nested more than ${MAX_MODEL_DEPTH} levels deep; a model file's numbers sit at most 4 levels down (layers[l].weights[i][j])`);
  }
  if (json.format !== MODEL_FORMAT) {
    throw new ModelFileError('format', `unknown format ${describe(json.format)}; expected "${MODEL_FORMAT}"`);
  }
  if (json.version !== MODEL_VERSION && json.version !== MLP_MODEL_VERSION) {
    throw new ModelFileError('version', typeof json.version === 'number'
      ? `version ${json.version} is not supported; this app reads versions ${MLP_MODEL_VERSION} and ${MODEL_VERSION}`
      : `expected the number ${MLP_MODEL_VERSION} or ${MODEL_VERSION}, got ${describe(json.version)}`);
  }
  if (json.version === MLP_MODEL_VERSION && (json.imageLayers !== undefined || json.inputShape !== undefined)) {
    throw new ModelFileError(json.imageLayers !== undefined ? 'imageLayers' : 'inputShape', `image layers need version ${MODEL_VERSION} of the model file; this one says version ${MLP_MODEL_VERSION}`);
  }
  const header = ModelHeaderSchema.safeParse(json);
  if (!header.success) {
    const issue = header.error.issues[0];
    throw new ModelFileError(fieldPath(issue.path), issue.message);
  }
  const file = header.data;
  const imageLayers: ImageLayerSpec[] | undefined = file.imageLayers?.map((layer) => {
    if (layer.kind !== 'conv') return layer;
    const { weights: _weights, bias: _bias, ...spec } = layer;
    return spec;
  });
  const spec: NetworkSpec = {
    inputs: file.inputs,
    ...(file.inputShape ? { inputShape: file.inputShape } : {}),
    ...(imageLayers?.length ? { imageLayers } : {}),
    layers: file.layers.map(({ units, activation }) => ({ units, activation })),
    loss: file.loss,
  };
  const shape = NetworkSpecSchema.safeParse(spec);
  if (!shape.success) {
    const issue = shape.error.issues[0];
    throw new ModelFileError(fieldPath(issue.path), issue.message);
  }
  const budget = parameterBudgetProblem(spec);
  if (budget) throw new ModelFileError('layers', budget);
  const count = parameterCount(spec);
  const outputs = spec.layers[spec.layers.length - 1].units;
  checkLength(file.inputNames, spec.inputs, 'inputNames', 'inputs');
  checkLength(file.outputNames, outputs, 'outputNames', 'outputs');
  checkLength(file.scaling?.inputs, spec.inputs, 'scaling.inputs', 'inputs');
  checkLength(file.scaling?.outputs, outputs, 'scaling.outputs', 'outputs');

  const params = new Float64Array(count);
  let offset = 0;
  let fanIn = spec.inputs;
  if (spec.imageLayers) {
    // the schema has planned these layers on the input shape
    const plan = planImageLayers(spec.inputShape!, spec.imageLayers);
    if ('problem' in plan) throw new ModelFileError(`imageLayers[${plan.layer}]`, plan.problem);
    plan.layers.forEach((planned, l) => {
      const layer = file.imageLayers![l];
      if (layer.kind !== 'conv') return;
      const field = `imageLayers[${l}]`;
      const perFilter = planned.input[0] * planned.window!.kernelH * planned.window!.kernelW;
      offset = readRows(layer.weights, layer.filters, perFilter, params, offset, `${field}.weights`,
        "filters", `the filter's channels x kernel height x kernel width`);
      offset = readRows([layer.bias], 1, layer.filters, params, offset, `${field}.bias`, '', 'filters', true);
    });
    fanIn = plan.outputSize;
  }
  file.layers.forEach((layer, l) => {
    const fanOut = layer.units;
    const field = `layers[${l}]`;
    const weights = layer.weights;
    if (!Array.isArray(weights) || weights.length !== fanIn) {
      throw new ModelFileError(`${field}.weights`,
        `expected ${fanIn} rows (the layer's inputs), got ${Array.isArray(weights) ? weights.length : describe(weights)}`);
    }
    weights.forEach((row: unknown, i) => {
      if (!Array.isArray(row) || row.length !== fanOut) {
        throw new ModelFileError(`${field}.weights[${i}]`,
          `expected ${fanOut} columns (the layer's units), got ${Array.isArray(row) ? row.length : describe(row)}`);
      }
      for (let j = 0; j < fanOut; j++) params[offset + i * fanOut + j] = finite(row[j], `${field}.weights[${i}][${j}]`);
    });
    offset += fanIn * fanOut;
    const bias = layer.bias;
    if (!Array.isArray(bias) || bias.length !== fanOut) {
      throw new ModelFileError(`${field}.bias`,
        `expected ${fanOut} values (the layer's units), got ${Array.isArray(bias) ? bias.length : describe(bias)}`);
    }
    for (let j = 0; j < fanOut; j++) params[offset + j] = finite(bias[j], `${field}.bias[${j}]`);
    offset += fanOut;
    fanIn = fanOut;
  });

  const meta: ModelMeta = {};
  if (file.name !== undefined) meta.name = file.name;
  if (file.inputNames) meta.inputNames = file.inputNames;
  if (file.outputNames) meta.outputNames = file.outputNames;
  if (file.scaling) meta.scaling = file.scaling;
  return { spec: shape.data, params, meta };
}

/**
 * Copies `rows` arrays of `columns` finite numbers into params from `offset` (or, `single`, one
 * array of `columns` named by `field` itself); returns the offset after them.
 */
function readRows(value: unknown, rows: number, columns: number, params: Float64Array, offset: number, field: string,
  rowWhat: string, columnWhat: string, single = false): number {
  const list = value as unknown[];
  if (!single && (!Array.isArray(value) || value.length !== rows)) {
    throw new ModelFileError(field, `expected ${rows} rows (the layer's ${rowWhat}), got ${Array.isArray(value) ? value.length : describe(value)}`);
  }
  for (let i = 0; i < rows; i++) {
    const row = list[i];
    const at = single ? field : `${field}[${i}]`;
    if (!Array.isArray(row) || row.length !== columns) {
      throw new ModelFileError(at, `expected ${columns} values (${columnWhat}), got ${Array.isArray(row) ? row.length : describe(row)}`);
    }
    for (let j = 0; j < columns; j++) params[offset++] = finite(row[j], `${at}[${j}]`);
  }
  return offset;
}

function checkLength(list: unknown[] | undefined, expected: number, field: string, what: string): void {
  if (list && list.length !== expected) {
    throw new ModelFileError(field, `expected ${expected} entries (the model's ${what}), got ${list.length}`);
  }
}
