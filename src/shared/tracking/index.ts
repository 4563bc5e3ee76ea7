/** Experiment tracking's pure logic: filtering, curves, grouping, sweeps and exports. */
export * from './hyperparams';
export * from './filter';
export * from './curves';
export * from './grouping';
export * from './hyperTable';
export * from './sweep';
export * from './seriesExport';
export * from './compare';
export * from './runs';
export * from './sweepPlan';
