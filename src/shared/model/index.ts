/** The model file: read, write, validate. */
export * from './modelFile';
export * from './read';
export * from './write';
export * from './onnx';
export * from './evaluate';
export * from './confusion';
export * from './importText';
export * from './onnxImport';
