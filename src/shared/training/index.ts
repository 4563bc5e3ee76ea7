/** Training on the engine: the spec that describes a run and the Trainer that drives it. */
export * from './trainSpec';
export * from './trainer';
export * from './dataFit';
