import { describe, expect, it } from 'vitest';
import { defaultMetricColumns, formatMetric, hyperparamLabel, metricField, varyingHyperparams } from '../../../../src/renderer/src/runs/columns';
import { rowWindow } from '../../../../src/renderer/src/runs/virtualRows';
import { fittingDatasets, specFromModel } from '../../../../src/renderer/src/runs/modelSpec';
import { trainingDefaults } from '../../../../src/renderer/src/playground/datasetCatalog';
import type { DatasetInfo } from '../../../../src/shared/api/dto';
import { TrainSpecSchema } from '../../../../src/shared/training/trainSpec';

describe('the runs table columns', () => {
  it('shows the train and test curves first and leaves per-layer diagnostics out by default', () => {
    expect(defaultMetricColumns(['grad_norm/1', 'test_acc', 'train_acc', 'train_loss'])).toEqual(['train_loss', 'train_acc', 'test_acc']);
    expect(defaultMetricColumns(['grad_norm/1', 'mae'])).toEqual(['mae']);
  });

  it('gives a column to the hyperparameters that differ between runs, not to the ones every run shares or the table already shows', () => {
    const rows = [
      { hyperparams: { learningRate: 0.1, 'layers.0.units': 2, 'layers.0.activation': 'tanh', 'dataset.name': 'xor-gate', 'optimizer.momentum': 0.9 } },
      { hyperparams: { learningRate: 0.01, 'layers.0.units': 4, 'layers.0.activation': 'relu', 'dataset.name': 'xor-gate', 'optimizer.momentum': 0.9 } },
    ];
    expect(varyingHyperparams(rows)).toEqual(['layers.0.units']);
    expect(varyingHyperparams(rows.slice(0, 1))).toEqual([]);
  });

  it('formats a metric statistic as a percentage for accuracies and names its filter field', () => {
    const summary = { count: 3, last: 0.5, lastStep: 3, min: 0.25, max: 0.75, best: 0.75 };
    expect(formatMetric('test_acc', summary, 'best')).toBe('75.0%');
    expect(formatMetric('train_loss', summary, 'min')).toBe('0.25');
    expect(formatMetric('train_loss', undefined, 'min')).toBe('–');
    expect(metricField('test_acc', 'last')).toBe('test_acc');
    expect(metricField('test_acc', 'max')).toBe('test_acc.max');
    expect(hyperparamLabel('layers.0.units')).toBe('layer 1 units');
  });
});

describe('the virtual table window', () => {
  it('renders only the rows in view plus a margin, with spacers standing in for the rest', () => {
    const w = rowWindow(4000, 600, 40, 1000, 5);
    expect(w.start).toBe(95);
    expect(w.end).toBe(120);
    expect(w.padTop).toBe(95 * 40);
    expect(w.padBottom).toBe((1000 - 120) * 40);
    expect(rowWindow(0, 600, 40, 3)).toEqual({ start: 0, end: 3, padTop: 0, padBottom: 0 });
    expect(rowWindow(0, 600, 40, 0)).toEqual({ start: 0, end: 0, padTop: 0, padBottom: 0 });
  });

  it('keeps the last rows reachable when scrolled past the end', () => {
    const w = rowWindow(1e6, 600, 40, 100, 2);
    expect(w.end).toBe(100);
    expect(w.start).toBeLessThan(100);
  });
});

describe('continuing an imported model', () => {
  const datasets: DatasetInfo[] = [
    { name: 'xor-gate', label: 'XOR gate', task: 'classification', inputDim: 2, outputDim: 1, description: '' },
    { name: 'sine', label: 'Sine', task: 'regression', inputDim: 1, outputDim: 1, description: '' },
    { name: 'spiral-multi', label: 'Spirals', task: 'classification', inputDim: 2, outputDim: 3, description: '' },
  ];

  it('offers only datasets whose inputs and outputs fit the model', () => {
    expect(fittingDatasets(2, 1, datasets).map((d) => d.name)).toEqual(['xor-gate']);
    expect(fittingDatasets(2, 5, datasets).map((d) => d.name)).toEqual(['spiral-multi']);
    expect(fittingDatasets(3, 1, datasets)).toEqual([]);
  });

  it('builds a valid training configuration with the model layers and loss', () => {
    const spec = specFromModel({ name: 'xor', loss: 'bce', layers: [
      { units: 3, activation: 'tanh', weights: [[0, 0, 0], [0, 0, 0]], bias: [0, 0, 0] },
      { units: 1, activation: 'sigmoid', weights: [[0], [0], [0]], bias: [0] },
    ] }, 'xor-gate');
    const parsed = TrainSpecSchema.parse(spec);
    expect(parsed.layers).toEqual([{ units: 3, activation: 'tanh' }, { units: 1, activation: 'sigmoid' }]);
    expect(parsed.loss).toBe('bce');
    // named for what it trains when it starts; "from model xor" is its stored lineage
    expect(parsed.name).toBeUndefined();
    expect({ batchSize: parsed.batchSize, epochs: parsed.epochs }).toEqual({ batchSize: 0, epochs: 2000 });
  });

  it('fits MNIST with a few epochs in mini-batches of 32, not 500 epochs of 16 (issue #11, defect 13)', () => {
    const layer = (units: number, fanIn: number) => ({ units, activation: 'relu' as const, weights: Array.from({ length: fanIn }, () => new Array(units).fill(0)), bias: new Array(units).fill(0) });
    const spec = specFromModel({ name: 'digits', loss: 'softmax-ce', layers: [layer(16, 784), { ...layer(10, 16), activation: 'softmax' as const }] }, 'mnist');
    expect({ batchSize: spec.batchSize, epochs: spec.epochs }).toEqual({ batchSize: 32, epochs: 5 });
    expect(trainingDefaults('spiral')).toEqual({ batchSize: 16, epochs: 2000 });
  });
});
