/**
 * The function feature visualization ascends, for N inputs optimized together:
 *   J(x_1..x_N) = sum_n [ s v(T_n x_n) + o - l2 ||x_n||^2 - tv TV(x_n) ] - diversity sum_{a<b} cos(x_a, x_b)
 * with s v + o the objective (objective.ts), T_n an optional jitter shift of image n (imageOps.ts),
 * and the diversity term of Distill's "Feature Visualization" (there on a layer's Gram matrices;
 * here on the inputs themselves, which an MLP's first layer sees directly). Its gradient:
 *   dJ/dx_n = s T_n^T grad v(T_n x_n) - 2 l2 x_n - tv grad TV(x_n)
 *             - diversity sum_{b != n} [ x_b / (|x_n| |x_b|) - cos(x_n, x_b) x_n / |x_n|^2 ].
 */
import { Network } from '../../nn/network';
import { checkImageShape, shiftImage, totalVariation, type ImageShape, type TotalVariationKind } from './imageOps';
import type { ResolvedObjective } from './objective';
import { dot, norm } from '../vectors';

export interface FeatureRegularizers {
  /** l2 in -l2 ||x||^2 (default 0). */
  l2?: number;
  /** tv in -tv TV(x); needs `image`. */
  totalVariation?: { weight: number; kind?: TotalVariationKind };
  /** Weight of -sum_{a<b} cos(x_a, x_b) over the inputs optimized together (default 0). */
  diversity?: number;
  /** The inputs' picture shape, for total variation and jitter. */
  image?: ImageShape;
}

/** A jitter shift in whole pixels: the image content moves right by dx and down by dy. */
export interface Shift { dx: number; dy: number }

export interface ObjectiveEvaluation {
  /** J, the regularized total over all inputs. */
  total: number;
  /** s v + o for each input (without regularizers), at its shifted position when jittered. */
  values: Float64Array;
}

export class RegularizedObjective {
  /** Shares the caller's params; its own forward buffers. */
  private readonly net: Network;
  private readonly shifted: Float64Array;
  private readonly unitGradient: Float64Array;
  private readonly backShifted: Float64Array;

  constructor(net: Network, private readonly objective: ResolvedObjective, private readonly regularizers: FeatureRegularizers = {}) {
    this.net = new Network(net.spec, net.params);
    const inputs = net.inputs;
    if (regularizers.totalVariation && regularizers.totalVariation.weight !== 0 && !regularizers.image) {
      throw new Error('totalVariation: needs the image shape (width x height)');
    }
    if (regularizers.image) checkImageShape(regularizers.image, inputs);
    this.shifted = new Float64Array(inputs);
    this.unitGradient = new Float64Array(inputs);
    this.backShifted = new Float64Array(inputs);
  }

  /** J and, written into gradients[n], dJ/dx_n. `shifts[n]` jitters input n (needs the image shape). */
  evaluate(inputs: readonly Float64Array[], gradients: Float64Array[], shifts?: readonly Shift[]): ObjectiveEvaluation {
    const { objective, regularizers } = this;
    const l2 = regularizers.l2 ?? 0;
    const tv = regularizers.totalVariation;
    const values = new Float64Array(inputs.length);
    let total = 0;
    inputs.forEach((x, n) => {
      const g = gradients[n];
      const shift = shifts?.[n];
      const image = regularizers.image;
      const jittered = shift !== undefined && (shift.dx !== 0 || shift.dy !== 0);
      if (jittered && !image) throw new Error('jitter: needs the image shape (width x height)');
      const at = jittered && image ? shiftImage(x, image, shift.dx, shift.dy, this.shifted) : x;
      const { value } = this.net.inputGradient(at, objective.unit, this.unitGradient);
      const unitGradient = jittered && image ? shiftImage(this.unitGradient, image, -shift.dx, -shift.dy, this.backShifted) : this.unitGradient;
      values[n] = objective.sign * value + objective.offset;
      total += values[n];
      for (let i = 0; i < x.length; i++) g[i] = objective.sign * unitGradient[i] - 2 * l2 * x[i];
      total -= l2 * dot(x, x);
      if (tv && tv.weight !== 0 && image) total -= tv.weight * totalVariation(x, image, tv.kind ?? 'isotropic', -tv.weight, g);
    });
    const diversity = regularizers.diversity ?? 0;
    if (diversity !== 0 && inputs.length > 1) total -= diversity * addDiversityGradient(inputs, gradients, diversity);
    return { total, values };
  }
}

/** sum_{a<b} cos(x_a, x_b); subtracts diversity * d/dx_n of it from each gradient. Zero vectors count as orthogonal. */
function addDiversityGradient(inputs: readonly Float64Array[], gradients: Float64Array[], diversity: number): number {
  const norms = inputs.map(norm);
  let similarity = 0;
  for (let a = 0; a < inputs.length; a++) {
    for (let b = a + 1; b < inputs.length; b++) {
      if (norms[a] === 0 || norms[b] === 0) continue;
      const xa = inputs[a];
      const xb = inputs[b];
      const cos = dot(xa, xb) / (norms[a] * norms[b]);
      similarity += cos;
      const ga = gradients[a];
      const gb = gradients[b];
      const inv = 1 / (norms[a] * norms[b]);
      const selfA = cos / (norms[a] * norms[a]);
      const selfB = cos / (norms[b] * norms[b]);
      for (let i = 0; i < xa.length; i++) {
        ga[i] -= diversity * (xb[i] * inv - selfA * xa[i]);
        gb[i] -= diversity * (xa[i] * inv - selfB * xb[i]);
      }
    }
  }
  return similarity;
}
