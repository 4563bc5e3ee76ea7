/**
 * Loss landscapes (Li et al., NeurIPS 2018): the loss and accuracy of a network on a split
 *   2-D  f(a, b) = L(theta + a d1 + b d2)  over a grid (random directions, or a trajectory's PCA plane)
 *   1-D  f(a)    = L(theta + a d)
 *   interpolation  f(a) = L((1 - a) theta0 + a theta1)   (Goodfellow, Vinyals, Saxe, ICLR 2015)
 * All three are pointEvaluator points: full batch, forward only, one Network reused.
 */
import type { Split } from '../../data/spec';
import type { Network } from '../../nn/network';
import { reportProgress, type JobControl } from '../control';
import { pointEvaluator } from './planeEvaluator';
import { linspace } from '../vectors';

export type Interval = readonly [min: number, max: number];

export interface EvaluationOptions {
  /** Report accuracy too (default: true when the network has a classification loss, bce or softmax-ce). */
  classification?: boolean;
  /** Evaluate on the first `rows` rows of the split only (default: all). */
  rows?: number;
}

export interface SurfaceOptions extends EvaluationOptions {
  /** The centre; default: the network's current params. */
  theta?: Float64Array;
  d1: Float64Array;
  d2: Float64Array;
  /** Points per axis, default 51. */
  resolution?: number;
  /** Coefficient range of d1 (rows), default [-1, 1]. */
  alphaRange?: Interval;
  /** Coefficient range of d2 (columns), default alphaRange. */
  betaRange?: Interval;
}

export interface LossSurface {
  /** Coefficients of d1, one per grid row. */
  alphas: Float64Array;
  /** Coefficients of d2, one per grid column. */
  betas: Float64Array;
  /** Row-major, loss[i * betas.length + j] = L(theta + alphas[i] d1 + betas[j] d2). */
  loss: Float64Array;
  /** Same layout; null unless classification. */
  accuracy: Float64Array | null;
}

export interface LossCurve {
  alphas: Float64Array;
  loss: Float64Array;
  accuracy: Float64Array | null;
}

const isClassificationLoss = (net: Network): boolean => net.spec.loss === 'bce' || net.spec.loss === 'softmax-ce';

/** The 2-D slice theta + a d1 + b d2; progress after every grid row (one alpha). */
export function lossSurface(net: Network, split: Split, options: SurfaceOptions, control?: JobControl): LossSurface {
  const alphaRange = options.alphaRange ?? [-1, 1];
  const betaRange = options.betaRange ?? alphaRange;
  const resolution = options.resolution ?? 51;
  const alphas = linspace(alphaRange[0], alphaRange[1], resolution);
  const betas = linspace(betaRange[0], betaRange[1], resolution);
  const classification = options.classification ?? isClassificationLoss(net);
  const theta = options.theta ?? net.params.slice();
  const evaluator = pointEvaluator(net.spec, split, [theta, options.d1, options.d2], { classification, rows: options.rows });
  const loss = new Float64Array(alphas.length * betas.length);
  const accuracy = classification ? new Float64Array(loss.length) : null;
  const coefficients = [1, 0, 0];
  for (let i = 0; i < alphas.length; i++) {
    coefficients[1] = alphas[i];
    for (let j = 0; j < betas.length; j++) {
      coefficients[2] = betas[j];
      const point = evaluator.evaluate(coefficients);
      loss[i * betas.length + j] = point.loss;
      if (accuracy) accuracy[i * betas.length + j] = point.accuracy ?? NaN;
    }
    reportProgress(control, i + 1, alphas.length);
  }
  return { alphas, betas, loss, accuracy };
}

export interface LineOptions extends EvaluationOptions {
  theta?: Float64Array;
  direction: Float64Array;
  /** Default [-1, 1]. */
  range?: Interval;
  /** Points, default 51. */
  resolution?: number;
}

/** L(theta + a d) along one direction. */
export function lossLine(net: Network, split: Split, options: LineOptions, control?: JobControl): LossCurve {
  const theta = options.theta ?? net.params.slice();
  return curve(net, split, [theta, options.direction], (a) => [1, a], options.range ?? [-1, 1], options, control);
}

export interface InterpolationOptions extends EvaluationOptions {
  from: Float64Array;
  to: Float64Array;
  /** Default [-0.5, 1.5]: a little beyond both ends. */
  range?: Interval;
  /** Points, default 41 (0 and 1 are grid points for the default range). */
  resolution?: number;
}

/** L((1 - a) theta0 + a theta1), written with both weights so that a = 0 and a = 1 give theta0 and theta1 exactly. */
export function interpolationLine(net: Network, split: Split, options: InterpolationOptions, control?: JobControl): LossCurve {
  return curve(net, split, [options.from, options.to], (a) => [1 - a, a], options.range ?? [-0.5, 1.5],
    { ...options, resolution: options.resolution ?? 41 }, control);
}

function curve(
  net: Network, split: Split, vectors: Float64Array[], weights: (a: number) => number[], range: Interval,
  options: EvaluationOptions & { resolution?: number }, control?: JobControl,
): LossCurve {
  const alphas = linspace(range[0], range[1], options.resolution ?? 51);
  const classification = options.classification ?? isClassificationLoss(net);
  const evaluator = pointEvaluator(net.spec, split, vectors, { classification, rows: options.rows });
  const loss = new Float64Array(alphas.length);
  const accuracy = classification ? new Float64Array(alphas.length) : null;
  for (let i = 0; i < alphas.length; i++) {
    const point = evaluator.evaluate(weights(alphas[i]));
    loss[i] = point.loss;
    if (accuracy) accuracy[i] = point.accuracy ?? NaN;
    reportProgress(control, i + 1, alphas.length);
  }
  return { alphas, loss, accuracy };
}
