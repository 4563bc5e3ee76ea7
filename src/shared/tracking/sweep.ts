/**
 * Sweeps: a base TrainSpec and the hyperparameters to vary, expanded into one validated spec
 * per run. Grid search takes the Cartesian product of value lists; random search draws
 * `samples` assignments, seeded, from value lists or ranges (log-uniform for the learning
 * rate and for ranges marked `scale: 'log'`). Paths are dotted: `learningRate`, `batchSize`,
 * `optimizer.kind`, `layers.0.units`.
 */
import { z } from 'zod';
import { mulberry32 } from '../nn/rng';
import { SeedSchema } from '../nn/spec';
import { NewTrainSpecSchema, TrainSpecSchema, type TrainSpec } from '../training/trainSpec';

/** A hostile or mistaken sweep must not queue more runs than anyone would wait for. */
export const MAX_SWEEP_RUNS = 500;

const PathSchema = z.string().min(1).max(200).regex(/^[A-Za-z_]\w*(\.\w+)*$/, 'a dotted path like learningRate or layers.0.units');
const ScalarSchema = z.union([z.number(), z.string().max(200), z.boolean()]);

export const SweepParameterSchema = z.object({
  path: PathSchema,
  /** The values to try (grid), or to draw from (random). */
  values: z.array(ScalarSchema).min(1).max(100).optional(),
  /** A range to draw from (random search only). */
  min: z.number().optional(),
  max: z.number().optional(),
  scale: z.enum(['linear', 'log']).optional(),
  integer: z.boolean().optional(),
}).superRefine((p, ctx) => {
  const hasRange = p.min !== undefined || p.max !== undefined;
  if (!p.values && !hasRange) ctx.addIssue({ code: 'custom', message: 'give values, or min and max' });
  if (hasRange && (p.min === undefined || p.max === undefined || !(p.min <= p.max))) {
    ctx.addIssue({ code: 'custom', path: ['max'], message: 'a range needs min <= max' });
  }
  if (p.scale === 'log' && p.min !== undefined && p.min <= 0) ctx.addIssue({ code: 'custom', path: ['min'], message: 'a log range needs min > 0' });
});
export type SweepParameter = z.infer<typeof SweepParameterSchema>;

export const SweepSpecSchema = z.object({
  name: z.string().trim().min(1).max(200).optional(),
  method: z.enum(['grid', 'random']),
  base: TrainSpecSchema,
  parameters: z.array(SweepParameterSchema).min(1).max(20),
  /** Random search: how many runs. */
  samples: z.number().int().min(1).max(MAX_SWEEP_RUNS).optional(),
  seed: SeedSchema.default(1),
});
export type SweepSpec = z.infer<typeof SweepSpecSchema>;
export type SweepSpecInput = z.input<typeof SweepSpecSchema>;

export type Assignment = Record<string, string | number | boolean>;
export interface SweepRun { spec: TrainSpec; assignment: Assignment; name: string }

export class SweepError extends Error {
  override readonly name = 'SweepError';
}

const FORBIDDEN_KEYS = new Set(['__proto__', 'prototype', 'constructor']);

/** A copy of `target` with the value at a dotted path replaced; the path's parent must exist. */
export function setPath<T>(target: T, path: string, value: unknown): T {
  const keys = path.split('.');
  if (keys.some((k) => FORBIDDEN_KEYS.has(k))) throw new SweepError(`${path}: not a setting`);
  const copy = JSON.parse(JSON.stringify(target)) as unknown;
  let node = copy as Record<string, unknown> | unknown[];
  keys.slice(0, -1).forEach((key, depth) => {
    const child = Array.isArray(node) ? node[Number(key)] : node[key];
    if (child === null || typeof child !== 'object') {
      throw new SweepError(`${path}: ${keys.slice(0, depth + 1).join('.')} is not in the base spec`);
    }
    node = child as Record<string, unknown> | unknown[];
  });
  const last = keys[keys.length - 1];
  if (Array.isArray(node)) {
    const index = Number(last);
    if (!Number.isInteger(index) || index < 0 || index >= node.length) throw new SweepError(`${path}: the base spec has no entry ${last} there (it has ${node.length})`);
    node[index] = value;
  } else {
    node[last] = value;
  }
  return copy as T;
}

/** Applies an assignment to a spec and validates the result; errors name the run's assignment and the field. */
export function applyAssignment(base: TrainSpec, assignment: Assignment): TrainSpec {
  let spec: unknown = base;
  for (const [path, value] of Object.entries(assignment)) spec = setPath(spec, path, value);
  const parsed = NewTrainSpecSchema.safeParse(spec);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue.path.reduce<string>((acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : acc ? `${acc}.${String(key)}` : String(key)), '') || '(spec)';
    throw new SweepError(`${describeAssignment(assignment)}: ${where}: ${issue.message}`);
  }
  return parsed.data;
}

export const describeAssignment = (assignment: Assignment): string =>
  Object.entries(assignment).map(([k, v]) => `${k}=${v}`).join(' ');

const isLearningRate = (path: string): boolean => /(^|\.)(learningRate|lr|minLr)$/.test(path);

function draw(p: SweepParameter, rng: () => number): string | number | boolean {
  if (p.values) return p.values[Math.min(p.values.length - 1, Math.floor(rng() * p.values.length))];
  const min = p.min!;
  const max = p.max!;
  const log = p.scale === 'log' || (p.scale === undefined && isLearningRate(p.path) && min > 0);
  let v = log ? Math.exp(Math.log(min) + (Math.log(max) - Math.log(min)) * rng()) : min + (max - min) * rng();
  if (p.integer) v = Math.round(v);
  // a sampled rate reads better as 0.0123 than 0.012345678912345
  return p.integer ? v : Number(v.toPrecision(4));
}

export function expandSweep(input: SweepSpecInput): SweepRun[] {
  const sweep = SweepSpecSchema.parse(input);
  const assignments: Assignment[] = [];
  if (sweep.method === 'grid') {
    const missing = sweep.parameters.find((p) => !p.values);
    if (missing) throw new SweepError(`${missing.path}: grid search needs a list of values, not a range`);
    const total = sweep.parameters.reduce((n, p) => n * p.values!.length, 1);
    if (total > MAX_SWEEP_RUNS) throw new SweepError(`the grid has ${total} combinations; at most ${MAX_SWEEP_RUNS} runs per sweep`);
    let partial: Assignment[] = [{}];
    for (const p of sweep.parameters) partial = partial.flatMap((a) => p.values!.map((v) => ({ ...a, [p.path]: v })));
    assignments.push(...partial);
  } else {
    if (sweep.samples === undefined) throw new SweepError('random search needs samples: how many runs to draw');
    const rng = mulberry32(sweep.seed);
    for (let k = 0; k < sweep.samples; k++) {
      assignments.push(Object.fromEntries(sweep.parameters.map((p) => [p.path, draw(p, rng)])));
    }
  }
  const prefix = sweep.name ?? sweep.base.name;
  return assignments.map((assignment) => {
    const name = `${prefix ? `${prefix} ` : ''}${describeAssignment(assignment)}`.slice(0, 200);
    const spec = applyAssignment(sweep.base, assignment);
    return { spec: { ...spec, name }, assignment, name };
  });
}
