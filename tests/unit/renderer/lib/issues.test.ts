import { describe, expect, it } from 'vitest';
import { currentIssues, fieldLabel, fieldOf, toFieldIssues } from '../../../../src/renderer/src/lib/issues';

describe('field issues from the API', () => {
  it('names the field inside the spec whatever the path notation', () => {
    expect(fieldOf('spec.layers[0].units')).toBe('layers.0.units');
    expect(fieldOf('spec/learningRate')).toBe('learningRate');
    expect(fieldOf('loss')).toBe('loss');
    expect(fieldOf('spec')).toBe('');
  });

  it('hides a message once its field no longer holds the refused value', () => {
    const refused = { learningRate: 0, epochs: 10 };
    const issues = toFieldIssues([{ path: 'spec.learningRate', message: 'Too small' }], refused);
    expect(currentIssues(issues, refused)).toHaveLength(1);
    expect(currentIssues(issues, { ...refused, epochs: 20 })).toHaveLength(1);
    expect(currentIssues(issues, { ...refused, learningRate: 0.1 })).toHaveLength(0);
  });

  it('keeps a message about a missing value until a value is entered', () => {
    const issues = toFieldIssues([{ path: 'spec.seed', message: 'Required' }], {});
    expect(currentIssues(issues, {})).toHaveLength(1);
    expect(currentIssues(issues, { seed: 3 })).toHaveLength(0);
  });

  it('names fields the way the editor labels them', () => {
    expect(fieldLabel('layers.0.units')).toBe('layer 1 units');
    expect(fieldLabel('learningRate')).toBe('learning rate');
    expect(fieldLabel('dataset.testFraction')).toBe('dataset test fraction');
  });
});
