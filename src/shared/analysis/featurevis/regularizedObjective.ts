/**
 * The function feature visualization ascends, for N inputs optimized together:
 *   J(x_1..x_N) = sum_n [ s v(T_n x_n) + o - l2 ||x_n||^2 - tv TV(x_n) ] - diversity √D sum_{a<b} cos²(x_a - c, x_b - c)
 * with s v + o the objective (objective.ts), T_n an optional jitter shift of image n (imageOps.ts),
 * and the diversity term of Distill's "Feature Visualization" (there on a layer's Gram matrices;
 * here on the inputs themselves, which an MLP's first layer sees directly), the cosines taken
 * around `diversityCenter` (the middle of the data's range): measured from 0, two pictures of
 * non-negative pixels are alike until they share no pixel, so a weight that separates them at all
 * leaves them nothing in common; and squared, so that they are pushed apart towards unlike
 * (orthogonal) rather than opposite pictures, which pairs of four inputs settled into as two
 * mirrored twins (issue #11, defect 12). Its gradient (x read as x - c in the diversity terms):
 *   dJ/dx_n = s T_n^T grad v(T_n x_n) - 2 l2 x_n - tv grad TV(x_n)
 *             - diversity √D sum_{b != n} 2 cos(x_n, x_b) [ x_b / (|x_n| |x_b|) - cos(x_n, x_b) x_n / |x_n|^2 ].
 * Measured on a 784-32-10 MNIST net, 4 inputs per start: diversity 1 gave pictures whose raw
 * cosines were 0.99 before (alike) and 0.44–0.82 after, at 70–100% of the objective's value.
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
  /** Weight of -√D sum_{a<b} cos²(x_a - c, x_b - c) over the inputs optimized together (default 0; D inputs, c the centre). */
  diversity?: number;
  /** The inputs' picture shape, for total variation and jitter. */
  image?: ImageShape;
  /** Where the diversity term's cosines are measured from (default 0). */
  diversityCenter?: Float64Array;
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
    // a cosine's gradient shrinks as 1/|x|, so on D inputs the weight is taken times √D: diversity 1
    // then pulls as hard on a 784-pixel digit as on a 2-D point
    const diversity = (regularizers.diversity ?? 0) * Math.sqrt(this.shifted.length);
    if (diversity !== 0 && inputs.length > 1) {
      const center = regularizers.diversityCenter;
      const around = center ? inputs.map((x) => Float64Array.from(x, (v, i) => v - center[i])) : inputs;
      total -= diversity * addDiversityGradient(around, gradients, diversity);
    }
    return { total, values };
  }
}

/** sum_{a<b} cos²(x_a, x_b); subtracts diversity * d/dx_n of it from each gradient. Zero vectors count as orthogonal. */
function addDiversityGradient(inputs: readonly Float64Array[], gradients: Float64Array[], diversity: number): number {
  const norms = inputs.map(norm);
  let similarity = 0;
  for (let a = 0; a < inputs.length; a++) {
    for (let b = a + 1; b < inputs.length; b++) {
      if (norms[a] === 0 || norms[b] === 0) continue;
      const xa = inputs[a];
      const xb = inputs[b];
      const cos = dot(xa, xb) / (norms[a] * norms[b]);
      similarity += cos * cos;
      const ga = gradients[a];
      const gb = gradients[b];
      // d(cos²) = 2 cos d(cos)
      const inv = (2 * cos) / (norms[a] * norms[b]);
      const selfA = (2 * cos * cos) / (norms[a] * norms[a]);
      const selfB = (2 * cos * cos) / (norms[b] * norms[b]);
      for (let i = 0; i < xa.length; i++) {
        ga[i] -= diversity * (xb[i] * inv - selfA * xa[i]);
        gb[i] -= diversity * (xa[i] * inv - selfB * xb[i]);
      }
    }
  }
  return similarity;
}
