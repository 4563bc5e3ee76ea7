import { describe, expect, it } from 'vitest';
import { LandscapeSettingsSchema } from '../../../../src/shared/analysis/landscape/landscapeSettings';
import { defaultsFor, initialForm, toSettings } from '../../../../src/renderer/src/landscape/settingsForm';

describe('the landscape settings form', () => {
  it('starts on the path plane at 51 x 51, and its settings are valid as they are', () => {
    const form = initialForm();
    expect(form.mode).toBe('pathPlane');
    expect(LandscapeSettingsSchema.parse(toSettings(form))).toMatchObject({ mode: 'pathPlane', resolution: 51, pathMargin: 0.2 });
  });

  it('sends only what the mode uses', () => {
    const surface = toSettings({ ...initialForm(), mode: 'surface', normalization: 'none', seed: 9, rangeMin: -2, rangeMax: 2 });
    expect(surface).toEqual({ mode: 'surface', split: 'train', resolution: 51, range: [-2, 2], normalization: 'none', includeBiases: false, seed: 9 });
    const runToRun = toSettings({ ...initialForm(), mode: 'interpolation', endpoints: 'runToRun', otherRunId: 4, ...defaultsFor('interpolation') });
    expect(runToRun).toMatchObject({ mode: 'interpolation', endpoints: 'runToRun', otherRunId: 4, range: [-0.5, 1.5], resolution: 81 });
  });

  it('starts a conv net\'s plane at 21 x 21 and its curves at half the points: each point is a full forward pass', () => {
    expect(defaultsFor('surface', true).resolution).toBe(21);
    expect(defaultsFor('pathPlane', true).resolution).toBe(21);
    expect(defaultsFor('line', true).resolution).toBe(51);
    expect(defaultsFor('interpolation', true)).toEqual({ resolution: 41, rangeMin: -0.5, rangeMax: 1.5 });
    expect(defaultsFor('surface')).toEqual({ resolution: 51, rangeMin: -1, rangeMax: 1 });
  });

  it('leaves an emptied number out so the API names the missing field', () => {
    const result = LandscapeSettingsSchema.safeParse(toSettings({ ...initialForm(), mode: 'line', rangeMax: undefined }));
    expect(result.success).toBe(false);
    expect(result.error!.issues[0].path).toEqual(['range', 1]);
  });
});
