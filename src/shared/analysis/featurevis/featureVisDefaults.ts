/**
 * Starting settings for activation maximization. Pictures get L2, total variation and one
 * pixel of jitter (Distill's regularizers): without them an MLP's optimum is the sign pattern
 * of its weights pushed to the bounds, a blob; with L2 0.05 and TV 0.1 the class images of an
 * MNIST net read as strokes of the digit and are still classified as it with p > 0.99.
 * Points on the plane or rows of a table get no regularizer: there the bounds are the point.
 * A conv channel's objective is the mean of its map, a value near 1 rather than a unit's z near
 * 10, so its regularizers are fifty times weaker: with 0.05 and 0.1 the picture fades to black
 * (mean activation 0.3 where the digits that excite the channel reach 1.5), and even with 0.005
 * and 0.01 a briefly trained net's channel stays below its best digit; with 0.001 and 0.002 the
 * optimized input excites the channel more than any digit does (tests/integration/cnnRun.test.ts).
 */
import type { FeatureVisSettings } from './featureVisSettings';
import type { InputLayout } from './reportTypes';

export function defaultFeatureVisSettings(layout: InputLayout, objective: 'unit' | 'channel' = 'unit'): FeatureVisSettings {
  const image = layout.kind === 'image';
  const weight = objective === 'channel' ? 0.02 : 1;
  return {
    steps: 256,
    learningRate: 0.05,
    l2: image ? 0.05 * weight : 0,
    totalVariation: image ? 0.1 * weight : 0,
    jitter: image ? 1 : 0,
    keepInRange: 'per-feature',
    starts: 4,
    count: 1,
    diversity: 0,
    seed: 1,
  };
}
