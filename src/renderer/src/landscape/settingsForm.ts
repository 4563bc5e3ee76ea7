/**
 * The settings form's state and its translation to the API's LandscapeSettings. Each mode has
 * its own sensible range and resolution: [-1, 1] at 51 x 51 for a plane (the paper's default
 * view), a little beyond both ends for an interpolation, and more points for a curve. A network
 * with conv layers evaluates each point with a full forward pass (planeEvaluator.ts: about 0.2 s
 * per point on 1,600 MNIST rows), so its plane starts at 21 x 21 (a minute and a half), not 51 x 51
 * (nine minutes).
 */
import type { LandscapeMode, LandscapeSettingsInput } from '../../../shared/analysis/landscape/landscapeSettings';
import { isTwoDimensional } from '../../../shared/analysis/landscape/landscapeSettings';

export interface LandscapeForm {
  mode: LandscapeMode;
  normalization: 'filter' | 'layer' | 'none';
  includeBiases: boolean;
  seed: number | undefined;
  resolution: number | undefined;
  rangeMin: number | undefined;
  rangeMax: number | undefined;
  split: 'train' | 'test';
  endpoints: 'initToFinal' | 'runToRun';
  /** The second run of a runToRun interpolation. */
  otherRunId: number | null;
  pathMargin: number | undefined;
}

export function defaultsFor(mode: LandscapeMode, convNet = false): Pick<LandscapeForm, 'resolution' | 'rangeMin' | 'rangeMax'> {
  if (mode === 'interpolation') return { resolution: convNet ? 41 : 81, rangeMin: -0.5, rangeMax: 1.5 };
  if (!isTwoDimensional(mode)) return { resolution: convNet ? 51 : 101, rangeMin: -1, rangeMax: 1 };
  return { resolution: convNet ? 21 : 51, rangeMin: -1, rangeMax: 1 };
}

export const initialForm = (): LandscapeForm => ({
  mode: 'pathPlane', normalization: 'filter', includeBiases: false, seed: 1, split: 'train',
  endpoints: 'initToFinal', otherRunId: null, pathMargin: 0.2, ...defaultsFor('pathPlane'),
});

/** The request's settings; fields the mode does not use are left out, missing numbers go as undefined so the API names them. */
export function toSettings(form: LandscapeForm): LandscapeSettingsInput {
  const settings: Record<string, unknown> = {
    mode: form.mode,
    split: form.split,
    resolution: form.resolution,
  };
  if (form.mode !== 'pathPlane') settings.range = [form.rangeMin, form.rangeMax];
  if (form.mode === 'surface' || form.mode === 'line') {
    Object.assign(settings, { normalization: form.normalization, includeBiases: form.includeBiases, seed: form.seed });
  }
  if (form.mode === 'pathPlane') settings.pathMargin = form.pathMargin;
  if (form.mode === 'interpolation') {
    settings.endpoints = form.endpoints;
    if (form.endpoints === 'runToRun') settings.otherRunId = form.otherRunId ?? undefined;
  }
  return settings as LandscapeSettingsInput;
}
