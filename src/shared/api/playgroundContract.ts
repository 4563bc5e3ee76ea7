/**
 * The Playground's part of the contract (merged into apiRequestSchemas/ApiResponses in
 * contract.ts): typing a weight or bias into a paused run, changing its regularization and
 * its speed while it trains. (A run from weights edited before training is runs.start's initialParams.)
 */
import { z } from 'zod';
import { RegularizationSpecSchema } from '../nn/spec';
import { StepsPerSecondSchema } from '../training/pace';
import type { RunSummary } from './dto';

const Id = z.number().int().min(1);
/** A flat parameter vector (W1, b1, W2, b2, ...): zod's numbers are finite; the length is checked against the run's network. */
export const ParamsSchema = z.array(z.number()).min(1).max(20_000_000);

export const playgroundRequestSchemas = {
  /** Replaces every parameter of a paused run; the next progress event carries them and their losses. */
  'runs.setParams': z.object({ id: Id, params: ParamsSchema }),
  /** Changes the weight penalty of a running or paused run from its next step on. */
  'runs.setRegularization': z.object({ id: Id, regularization: RegularizationSpecSchema }),
  /** Paces a queued, running or paused run at this many optimizer steps per second; null: as fast as possible. */
  'runs.setSpeed': z.object({ id: Id, stepsPerSecond: StepsPerSecondSchema }),
} as const;

export interface PlaygroundResponses {
  'runs.setParams': RunSummary;
  'runs.setRegularization': RunSummary;
  'runs.setSpeed': RunSummary;
}
