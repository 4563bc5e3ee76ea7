import { describe, expect, it } from 'vitest';
import { defaultSpec, type PlaygroundSpec } from '../../../../src/renderer/src/playground/playgroundSpec';
import { specFieldLabel, specIssues } from '../../../../src/renderer/src/playground/specIssues';

const withChanges = (change: (s: PlaygroundSpec) => void): PlaygroundSpec => {
  const spec = defaultSpec();
  change(spec);
  return spec;
};

describe('the Playground spec’s problems as it is typed', () => {
  it('has none for the default spec', () => {
    expect(specIssues(defaultSpec())).toEqual([]);
  });

  it('names each field the way the form labels it', () => {
    const issues = specIssues(withChanges((s) => {
      s.learningRate = -1;
      s.layers[0].units = 0;
      s.layers[1].units = 0;
      s.schedule = { kind: 'step', every: 0, factor: 0.5 };
    }));
    expect(issues.map((i) => [i.field, i.message])).toEqual(expect.arrayContaining([
      ['learningRate', 'Learning rate must be greater than 0'],
      ['layers.0.units', 'Hidden layer 1 units must be at least 1'],
      ['layers.1.units', 'Output units must be at least 1'],
      ['schedule.every', 'Decay every (epochs) must be at least 1'],
    ]));
  });

  it('says a cleared field is missing', () => {
    expect(specIssues(withChanges((s) => { s.epochs = undefined as unknown as number; }))).toEqual([
      { field: 'epochs', message: 'Epochs is missing: enter a value', valueAtError: '' },
    ]);
  });

  it('adds the rules between fields once each reads, in the engine’s words', () => {
    const issues = specIssues(withChanges((s) => { s.layers[1].activation = 'tanh'; }));
    expect(issues).toEqual([{ field: 'loss', message: 'bce needs a sigmoid output layer', valueAtError: '' }]);
  });

  it('labels layers by their place: hidden ones by number, the last as the output', () => {
    expect(specFieldLabel('layers.1.activation', 3)).toBe('Hidden layer 2 activation');
    expect(specFieldLabel('layers.2.units', 3)).toBe('Output units');
    expect(specFieldLabel('schedule.minLr', 3)).toBe('Final learning rate');
  });
});
