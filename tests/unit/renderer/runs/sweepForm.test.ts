import { describe, expect, it } from 'vitest';
import { buildSweep, emptyParam, parseValueList, type SweepForm } from '../../../../src/renderer/src/runs/sweepForm';
import { expandSweep } from '../../../../src/shared/tracking/sweep';
import type { TrainSpecInput } from '../../../../src/shared/training/trainSpec';

const base: TrainSpecInput = {
  dataset: { kind: 'builtin', name: 'xor-gate' },
  layers: [{ units: 4, activation: 'tanh' }, { units: 1, activation: 'sigmoid' }],
  loss: 'bce', learningRate: 0.05, epochs: 10,
};
const form = (over: Partial<SweepForm> = {}): SweepForm => ({ name: '', method: 'grid', samples: 4, seed: 1, parameters: [], ...over });

describe('the sweep form', () => {
  it('reads value lists as numbers, booleans and words', () => {
    expect(parseValueList('0.1, 0.03 ;1e-3')).toEqual([0.1, 0.03, 0.001]);
    expect(parseValueList('relu, tanh, true')).toEqual(['relu', 'tanh', true]);
  });

  it('builds a grid sweep that expands to every combination', () => {
    const { sweep, errors } = buildSweep(form({
      name: 'lr x width',
      parameters: [{ ...emptyParam('learningRate'), values: '0.1, 0.01' }, { ...emptyParam('layers.0.units'), values: '2,4' }],
    }), base);
    expect(errors).toEqual([]);
    const runs = expandSweep(sweep!);
    expect(runs.map((r) => r.assignment)).toEqual([
      { learningRate: 0.1, 'layers.0.units': 2 }, { learningRate: 0.1, 'layers.0.units': 4 },
      { learningRate: 0.01, 'layers.0.units': 2 }, { learningRate: 0.01, 'layers.0.units': 4 },
    ]);
    expect(runs[0].name).toBe('lr x width learningRate=0.1 layers.0.units=2');
  });

  it('builds a random sweep over a log range', () => {
    const { sweep, errors } = buildSweep(form({
      method: 'random', samples: 5,
      parameters: [{ ...emptyParam('learningRate'), mode: 'range', min: '0.001', max: '0.1', log: true }],
    }), base);
    expect(errors).toEqual([]);
    const rates = expandSweep(sweep!).map((r) => r.assignment.learningRate as number);
    expect(rates).toHaveLength(5);
    for (const lr of rates) expect(lr).toBeGreaterThanOrEqual(0.001);
    for (const lr of rates) expect(lr).toBeLessThanOrEqual(0.1);
  });

  it('names the parameter and what to change for each mistake, and sends nothing', () => {
    const { sweep, errors } = buildSweep(form({
      parameters: [{ ...emptyParam('learning rate'), values: '0.1' }, emptyParam('epochs'), { ...emptyParam('seed'), mode: 'range', min: '1', max: '5' }],
    }), base);
    expect(sweep).toBeNull();
    expect(errors).toEqual([
      'Parameter 1 (learning rate): give a setting path like learningRate or layers.0.units.',
      'Parameter 2 (epochs): type the values to try, separated by commas.',
      'Parameter 3 (seed): grid search needs a list of values; ranges are for random search.',
      'Parameter 3 (seed): type the values to try, separated by commas.',
    ]);
  });

  it('refuses a reversed range and a log range through zero', () => {
    const random = (p: Partial<ReturnType<typeof emptyParam>>) => buildSweep(form({ method: 'random', parameters: [{ ...emptyParam('learningRate'), mode: 'range', ...p }] }), base).errors;
    expect(random({ min: '0.1', max: '0.01' })).toEqual(['Parameter 1 (learningRate): min must not be above max.']);
    expect(random({ min: '0', max: '0.1', log: true })).toEqual(['Parameter 1 (learningRate): a log scale needs min above 0.']);
    expect(random({ min: '', max: '1' })).toEqual(['Parameter 1 (learningRate): give a number for both min and max.']);
  });
});
