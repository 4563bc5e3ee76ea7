/** The feature-visualization form's defaults and its translation into an API request. */
import { defaultFeatureVisSettings } from '../../../shared/analysis/featurevis/featureVisDefaults';
import type { FeatureObjective, FeatureVisContext, FeatureVisSettings, InputLayout } from '../../../shared/api/featureVisDto';

export interface ObjectiveForm {
  layer: number;
  /** A conv or pool layer (index into the context's imageLayers) whose channel `unit` is; null: a dense layer's unit. */
  imageLayer?: number | null;
  /** 1-based, as the page shows units (a channel, for an image layer). */
  unit: number;
  preActivation: boolean;
  classIndex: number;
  output: 'logit' | 'probability';
}

/** The shared defaults (regularized pictures, plain points). */
export const defaultSettings = (layout: InputLayout): FeatureVisSettings => defaultFeatureVisSettings(layout);

/** A classification run opens on its output classes (the lecture's "what does the net think a 7 is"); a regression on the first hidden unit. */
export function defaultObjective(context: FeatureVisContext): ObjectiveForm {
  const output = context.layers[context.layers.length - 1];
  return { layer: context.classes !== null ? output.index : 0, unit: 1, preActivation: false, classIndex: 0, output: 'logit' };
}

/** Whether the chosen layer is asked for by class (the output layer of a classifier) rather than by unit. */
export const choosesClass = (form: ObjectiveForm, context: FeatureVisContext): boolean =>
  !isChannel(form) && context.classes !== null && context.layers[form.layer]?.output === true;

/** Whether the form asks for a channel of a conv or pool layer. */
export const isChannel = (form: ObjectiveForm): boolean => form.imageLayer !== undefined && form.imageLayer !== null;

/** The classes a picker offers: 0..classes-1, named by the output names when they say more than the digit. */
export function classOptions(context: FeatureVisContext): { value: string; label: string }[] {
  const classes = context.classes ?? 0;
  return Array.from({ length: classes }, (_, k) => {
    const name = context.outputNames.length === classes ? context.outputNames[k] : undefined;
    return { value: String(k), label: name && name !== String(k) ? `${k} · ${name}` : `Class ${k}` };
  });
}

export function objectiveFromForm(form: ObjectiveForm, context: FeatureVisContext): FeatureObjective {
  if (isChannel(form)) return { kind: 'channel', imageLayer: form.imageLayer!, channel: form.unit - 1 };
  if (choosesClass(form, context)) return { kind: 'class', class: form.classIndex, output: form.output };
  return { kind: 'unit', layer: form.layer, unit: form.unit - 1, preActivation: form.preActivation };
}

/** The form showing a stored objective again. */
export function formFromObjective(objective: FeatureObjective, context: FeatureVisContext): ObjectiveForm {
  const output = context.layers[context.layers.length - 1].index;
  if (objective.kind === 'class') return { layer: output, unit: 1, preActivation: false, classIndex: objective.class, output: objective.output };
  if (objective.kind === 'channel') return { layer: 0, imageLayer: objective.imageLayer, unit: objective.channel + 1, preActivation: false, classIndex: 0, output: 'logit' };
  return { layer: objective.layer, imageLayer: null, unit: objective.unit + 1, preActivation: objective.preActivation, classIndex: 0, output: 'logit' };
}
