/**
 * Starting settings for activation maximization. Pictures get L2, total variation and one
 * pixel of jitter (Distill's regularizers): without them an MLP's optimum is the sign pattern
 * of its weights pushed to the bounds, a blob; with L2 0.05 and TV 0.1 the class images of an
 * MNIST net read as strokes of the digit and are still classified as it with p > 0.99.
 * Points on the plane or rows of a table get no regularizer: there the bounds are the point.
 */
import type { FeatureVisSettings } from './featureVisSettings';
import type { InputLayout } from './reportTypes';

export function defaultFeatureVisSettings(layout: InputLayout): FeatureVisSettings {
  const image = layout.kind === 'image';
  return {
    steps: 256,
    learningRate: 0.05,
    l2: image ? 0.05 : 0,
    totalVariation: image ? 0.1 : 0,
    jitter: image ? 1 : 0,
    keepInRange: 'per-feature',
    starts: 4,
    count: 1,
    diversity: 0,
    seed: 1,
  };
}
