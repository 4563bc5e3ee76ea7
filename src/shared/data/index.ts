/** The data layer's public API: built-in sets, CSV import, and the Dataset the engine trains on. */
export { buildDataset, listBuiltinDatasets, previewDataset, previewOf, previewSample, type DatasetSpecInput } from './build';
export { importCsv, type CsvImportOptions, type ColumnRef } from './csv';
export { parseCsvText, parseNumber, type CsvText, type CsvTextOptions, type Delimiter } from './csvText';
export { DataError } from './errors';
export { inputSize, type InputSizeSource } from './inputSize';
export { type DataSources, type MnistDigits, MNIST_PIXELS, MNIST_CLASSES, MNIST_SIDE } from './mnist';
export { ENERGY_ROWS, ENERGY_INPUT_NAMES, ENERGY_OUTPUT_NAMES } from './energy';
export { fitScaling, applyScaling, unscale } from './scaling';
export * from './spec';
