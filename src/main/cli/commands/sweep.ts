/**
 * `sweep plan --spec SWEEP.json --out DIR`: a sweep for machines the app does not drive. Writes
 * one training spec per trial (DIR/trial-001.spec.json, ...) and DIR/sweep.json (the sweep's id,
 * its axes, the trials); each trial runs anywhere with `train --spec DIR/trial-NNN.spec.json`,
 * and `runs import` merges the trials' bundles into one experiment (docs/scale-out.md).
 */
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ZodError } from 'zod';
import { planSweep, SWEEP_MANIFEST_FILE, SweepError } from '../../../shared/tracking';
import { parseFlags, type FlagSpec } from '../args';
import { CliFailure, UsageError } from '../errors';
import { readJson } from '../files';
import type { CliIo } from '../storeAccess';

export const SWEEP_FLAGS = {
  spec: { kind: 'string', required: true, value: 'SWEEP.json', help: "the sweep: { name?, method: 'grid'|'random', base: a training spec, parameters: [...], samples?, seed? } (the app's sweep form makes the same)" },
  out: { kind: 'string', required: true, value: 'DIR', help: 'write the trial specs and sweep.json here (a new or empty folder)' },
} satisfies FlagSpec;

export const SWEEP_SUMMARY = 'plan a sweep for a cluster: one training spec per trial plus a manifest (sweep plan --spec SWEEP.json --out DIR)';

export async function sweepCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const [action, ...rest] = argv;
  if (action !== 'plan') throw new UsageError(`sweep: expected 'plan', got ${action === undefined ? 'nothing' : `'${action}'`}`);
  const flags = parseFlags('sweep plan', rest, SWEEP_FLAGS);
  const json = readJson(flags.spec, 'sweep');
  let plan: ReturnType<typeof planSweep>;
  try {
    plan = planSweep(json as never, randomUUID());
  } catch (error) {
    if (error instanceof SweepError) throw new CliFailure(`sweep '${flags.spec}': ${error.message}`);
    if (error instanceof ZodError) {
      const issues = error.issues.slice(0, 8).map((i) => `  - ${i.path.map(String).join('.') || '(the sweep)'}: ${i.message}`);
      throw new CliFailure(`sweep '${flags.spec}' has ${error.issues.length === 1 ? 'a problem' : `${error.issues.length} problems`}:\n${issues.join('\n')}`);
    }
    throw error;
  }
  const dir = resolve(flags.out);
  if (existsSync(dir) && readdirSync(dir).length > 0) throw new CliFailure(`sweep plan: '${dir}' is not empty: give a new or empty folder, so no trial of another plan is mixed in`);
  try {
    mkdirSync(dir, { recursive: true });
    for (const trial of plan.trials) writeFileSync(join(dir, trial.file), `${JSON.stringify(trial.spec, null, 2)}\n`);
    writeFileSync(join(dir, SWEEP_MANIFEST_FILE), `${JSON.stringify(plan.manifest, null, 2)}\n`);
  } catch (error) {
    throw new CliFailure(`sweep plan: cannot write to '${dir}': ${(error as Error).message}`);
  }
  io.stdout.write(`${JSON.stringify({ id: plan.manifest.id, name: plan.manifest.name, trials: plan.trials.length, dir, manifest: join(dir, SWEEP_MANIFEST_FILE) })}\n`);
  io.stderr.write(`planned ${plan.trials.length} trials of '${plan.manifest.name}' in ${dir}; run each with: backprop-lab train --spec ${join(dir, plan.trials[0].file)} --data-dir DIR\n`);
  return 0;
}
