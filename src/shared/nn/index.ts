/** The engine's public surface. */
export * from './spec';
export * from './rng';
export * from './activations';
export * from './losses';
export * from './network';
export * from './init';
export * from './optimizers';
export * from './schedule';
export * from './regularization';
export * from './diagnostics';
export * from './trace';
export * from './gradcheck';
export * from './perceptron';
