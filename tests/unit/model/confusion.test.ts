/**
 * The confusion matrix and the misclassified rows of a classifier, on a network whose answers are
 * known by hand: counts by true and given class, the most confident mistakes first, a single
 * sigmoid output read as two classes, and refusals in words.
 */
import { describe, expect, it } from 'vitest';
import type { Dataset } from '../../../src/shared/data/spec';
import { confusionOf } from '../../../src/shared/model/confusion';
import type { NetworkSpec } from '../../../src/shared/nn/spec';

/** One input x; three linear-softmax outputs with logits [0, x, 2x - 3]: class 0 for x < 0, class 1 for 0 < x < 3, class 2 above. */
const THREE: { spec: NetworkSpec; params: number[] } = {
  spec: { inputs: 1, layers: [{ units: 3, activation: 'softmax' }], loss: 'softmax-ce' },
  params: [0, 1, 2, 0, 0, -3],
};

function dataset(xs: number[], labels: number[], classes: number): Dataset {
  const y = new Float64Array(xs.length * classes);
  labels.forEach((l, r) => { y[r * classes + l] = 1; });
  const split = { x: Float64Array.from(xs), y, n: xs.length };
  return {
    name: 'toy', task: 'classification', inputDim: 1, outputDim: classes, inputNames: ['x'],
    outputNames: Array.from({ length: classes }, (_, k) => `c${k}`), classes, train: split, test: { x: new Float64Array(0), y: new Float64Array(0), n: 0 },
  };
}

describe('confusionOf', () => {
  it('counts rows by true class (down) and given class (across), mistakes most confident first', () => {
    // given classes: -1 → 0, 1 → 1, 5 → 2, -3 → 0, 10 → 2, 2 → 1
    const data = dataset([-1, 1, 5, -3, 10, 2], [0, 1, 1, 2, 2, 0], 3);
    const report = confusionOf(THREE, data, 'train', 10);
    expect(report.classNames).toEqual(['c0', 'c1', 'c2']);
    expect(report.counts).toEqual([
      [1, 1, 0],
      [0, 1, 1],
      [1, 0, 1],
    ]);
    expect(report.rows).toBe(6);
    expect(report.wrong).toBe(3);
    expect(report.accuracy).toBeCloseTo(0.5, 12);
    // x = 5: p(class 2) = e^7 / (1 + e^5 + e^7) ≈ 0.88; x = -3: p(class 0) = 1 / (1 + e^-3 + e^-9) ≈ 0.95; x = 2: p(class 1) = e^2 / (1 + e^2 + e^1) ≈ 0.67
    expect(report.misclassified.map((m) => [m.row, m.label, m.predicted])).toEqual([[3, 2, 0], [2, 1, 2], [5, 0, 1]]);
    expect(report.misclassified[2].confidence).toBeCloseTo(Math.exp(2) / (1 + Math.exp(2) + Math.exp(1)), 12);
    expect(report.misclassified[0].x).toEqual([-3]);
    expect(confusionOf(THREE, data, 'train', 1).misclassified).toHaveLength(1);
  });

  it('reads a single sigmoid output as classes 0 and 1, with the confidence of the class it gives', () => {
    const spec: NetworkSpec = { inputs: 1, layers: [{ units: 1, activation: 'sigmoid' }], loss: 'bce' };
    const y = Float64Array.from([0, 1, 1]);
    const split = { x: Float64Array.from([-3, 3, -1]), y, n: 3 };
    const data: Dataset = { name: 'gate', task: 'classification', inputDim: 1, outputDim: 1, inputNames: ['x'], outputNames: ['y'], classes: 2, train: split, test: split };
    const report = confusionOf({ spec, params: [1, 0] }, data, 'test', 5);
    expect(report.classNames).toEqual(['0', '1']);
    expect(report.counts).toEqual([[1, 0], [1, 1]]);
    expect(report.misclassified[0]).toMatchObject({ row: 2, label: 1, predicted: 0 });
    expect(report.misclassified[0].confidence).toBeCloseTo(1 - 1 / (1 + Math.exp(1)), 12);
  });

  it('refuses a regression, a data set that does not fit and an empty split, in words', () => {
    const data = dataset([1], [0], 3);
    expect(() => confusionOf(THREE, { ...data, task: 'regression' }, 'train', 5)).toThrow('"toy" is a regression: a confusion matrix needs classes');
    expect(() => confusionOf(THREE, data, 'test', 5)).toThrow('the test split of "toy" is empty');
    expect(() => confusionOf(THREE, { ...data, inputDim: 2 }, 'train', 5)).toThrow('the model maps 1 inputs to 3 outputs but "toy" has 2 inputs and 3 outputs');
  });
});
