/**
 * A sweep planned for machines the app does not drive (a cluster, several processes): the same
 * sweep definition the app's sweep form makes (grid or random, sweep.ts), expanded into one
 * training spec per trial plus a manifest. Each trial spec is an ordinary TrainSpec with one
 * more field, `sweep`, saying which sweep and trial it is; `backprop-lab train` reads it and
 * stores the run in the sweep's experiment (its uid is the sweep's id), so the trials' bundles,
 * merged with `runs import`, meet in one experiment, as the app's own sweep would.
 */
import { z } from 'zod';
import type { TrainSpec } from '../training/trainSpec';
import { expandSweep, SweepSpecSchema, type Assignment, type SweepSpecInput } from './sweep';

export const SWEEP_PLAN_FORMAT = 'backprop-lab.sweep-plan';
export const SWEEP_PLAN_VERSION = 1;
export const SWEEP_MANIFEST_FILE = 'sweep.json';

const Scalar = z.union([z.number(), z.string().max(200), z.boolean()]);

/** The `sweep` field of a trial spec. */
export const SweepTrialSchema = z.strictObject({
  /** The sweep's id: the uid of the experiment its trials are stored in. */
  id: z.string().regex(/^[0-9A-Za-z-]{8,64}$/, 'an id of 8 to 64 letters, digits and dashes (sweep plan writes a UUID)'),
  /** The experiment's name (what the app names a sweep's experiment). */
  name: z.string().trim().min(1).max(200),
  trial: z.number().int().min(1),
  trials: z.number().int().min(1),
  assignment: z.record(z.string().max(200), Scalar),
});
export type SweepTrial = z.infer<typeof SweepTrialSchema>;

/** What the app calls a sweep's experiment, and so every store a planned sweep's trials land in. */
export function sweepExperimentName(sweep: { name?: string; method: string; base: { name?: string; dataset: { name: string } } }): string {
  return sweep.name ?? `${sweep.method} sweep of ${sweep.base.name ?? sweep.base.dataset.name}`;
}

/** trial-001.spec.json: numbered from 1 (a Slurm array index), three digits (a sweep has at most 500 trials). */
export const trialFileName = (trial: number): string => `trial-${String(trial).padStart(3, '0')}.spec.json`;

export interface SweepManifest {
  format: typeof SWEEP_PLAN_FORMAT;
  version: typeof SWEEP_PLAN_VERSION;
  id: string;
  name: string;
  method: 'grid' | 'random';
  /** The swept settings as the sweep defines them (value lists or ranges). */
  axes: z.infer<typeof SweepSpecSchema>['parameters'];
  seed: number;
  samples?: number;
  trials: { trial: number; file: string; name: string; assignment: Assignment }[];
}

export interface PlannedTrial { file: string; spec: TrainSpec & { sweep: SweepTrial } }

/** Expands the sweep (throws SweepError or a zod error, as sweeps.start would refuse it) into trial specs and the manifest. */
export function planSweep(input: SweepSpecInput, id: string): { manifest: SweepManifest; trials: PlannedTrial[] } {
  const sweep = SweepSpecSchema.parse(input);
  const runs = expandSweep(sweep);
  const name = sweepExperimentName(sweep);
  const trials = runs.map((run, k): PlannedTrial => ({
    file: trialFileName(k + 1),
    spec: { ...run.spec, sweep: { id, name, trial: k + 1, trials: runs.length, assignment: run.assignment } },
  }));
  return {
    manifest: {
      format: SWEEP_PLAN_FORMAT, version: SWEEP_PLAN_VERSION, id, name, method: sweep.method, axes: sweep.parameters, seed: sweep.seed,
      ...(sweep.samples !== undefined ? { samples: sweep.samples } : {}),
      trials: runs.map((run, k) => ({ trial: k + 1, file: trials[k].file, name: run.name, assignment: run.assignment })),
    },
    trials,
  };
}
