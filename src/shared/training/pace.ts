/**
 * How a run is driven, as opposed to what it computes (the TrainSpec): whether it waits at its
 * initialization for a first command, and how many optimizer steps it may take per second.
 * Neither changes a single number of the run, so neither is part of the spec or its seed.
 */
import { z } from 'zod';

/** Beyond this a throttle is pointless: one step takes about a millisecond on the smallest nets. */
export const MAX_STEPS_PER_SECOND = 1000;

/** Optimizer steps per second; null trains as fast as the machine allows. */
export const StepsPerSecondSchema = z.number().positive().max(MAX_STEPS_PER_SECOND).nullable();
export type StepsPerSecond = z.infer<typeof StepsPerSecondSchema>;

export const RunPaceSchema = z.object({
  /** The worker builds the network, records its initial losses and pauses before the first step. */
  startPaused: z.boolean().default(false),
  stepsPerSecond: StepsPerSecondSchema.default(null),
});
export type RunPace = z.infer<typeof RunPaceSchema>;
export type RunPaceInput = z.input<typeof RunPaceSchema>;
