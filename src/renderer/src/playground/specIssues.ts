/**
 * What is wrong with the Playground's spec as it is typed, field by field and in words: the
 * shared TrainSpecSchema (its dataset left to the data panel and the API) plus the rules between
 * fields (trainSpecIssues). The form shows each next to its field and Train stays off until none
 * is left; the labels here are the ones the form's fields carry, so a message names what the
 * user sees.
 */
import { TrainSpecSchema, trainSpecIssues } from '../../../shared/training/trainSpec';
import { issueSentence } from '../lib/issueWords';
import { valueAt, type FieldIssue } from '../lib/issues';
import type { PlaygroundSpec } from './playgroundSpec';

/** Field labels of the training form, by path inside the spec. */
export const SPEC_LABELS = {
  name: 'Run name',
  layers: 'The network',
  loss: 'Loss',
  'optimizer.kind': 'Optimizer',
  'optimizer.momentum': 'Momentum',
  'optimizer.beta1': 'Adam β1',
  'optimizer.beta2': 'Adam β2',
  'optimizer.epsilon': 'Adam ε',
  learningRate: 'Learning rate',
  'schedule.kind': 'Learning-rate schedule',
  'schedule.every': 'Decay every (epochs)',
  'schedule.factor': 'Decay factor',
  'schedule.minLr': 'Final learning rate',
  'regularization.kind': 'Regularization',
  'regularization.lambda': 'Regularization rate λ',
  'init.kind': 'Initialization',
  'init.range': 'Init range',
  batchSize: 'Batch size',
  epochs: 'Epochs',
  seed: 'Seed',
  precision: 'Precision',
  shuffle: 'Shuffle',
  checkpointEvery: 'Checkpoint every',
} as const;

/** "Hidden layer 2 units", "Output activation": a layer's fields as the layer editor labels them. */
export function layerFieldLabel(index: number, layerCount: number, part: 'units' | 'activation'): string {
  return index === layerCount - 1 ? `Output ${part}` : `Hidden layer ${index + 1} ${part}`;
}

/** "Image layer 2 filters": an image layer's fields as the image-layer editor labels them. */
export function imageLayerFieldLabel(index: number, part?: string): string {
  const words: Record<string, string> = { filters: 'filters', kernel: 'kernel', stride: 'stride', padding: 'padding', activation: 'activation', size: 'window', kind: 'kind' };
  return `Image layer ${index + 1}${part ? ` ${words[part] ?? part}` : ''}`;
}

export function specFieldLabel(field: string, layerCount: number): string {
  const [head, index, part] = field.split('.');
  if (head === 'imageLayers' && index !== undefined) return imageLayerFieldLabel(Number(index), part);
  if (head === 'layers' && index !== undefined) {
    return part === 'units' || part === 'activation' ? layerFieldLabel(Number(index), layerCount, part) : layerFieldLabel(Number(index), layerCount, 'units').replace(/ units$/, '');
  }
  return (SPEC_LABELS as Record<string, string>)[field] ?? field;
}

const FormSpecSchema = TrainSpecSchema.omit({ dataset: true });

export function specIssues(spec: PlaygroundSpec): FieldIssue[] {
  const layerCount = Array.isArray(spec.layers) ? spec.layers.length : 0;
  const issues: FieldIssue[] = [];
  const add = (field: string, message: string): void => {
    if (!issues.some((i) => i.field === field && i.message === message)) issues.push({ field, message, valueAtError: '' });
  };
  const parsed = FormSpecSchema.safeParse(spec);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path.map(String).join('.');
      add(field, issueSentence(issue, specFieldLabel(field, layerCount), valueAt(spec, field)));
    }
  }
  try {
    for (const issue of trainSpecIssues(spec)) add(issue.path.map(String).join('.'), issue.message);
  } catch {
    // a half-typed layer or dataset: the schema's sentences above say what is missing
  }
  return issues;
}
