/** TensorFlow Playground's input features: the network sees these functions of the point (x1, x2). */
import { DataError } from './errors';
import type { FeatureName } from './spec';

const FEATURE_FUNCTIONS: Record<FeatureName, (x1: number, x2: number) => number> = {
  x1: (x1) => x1,
  x2: (_x1, x2) => x2,
  'x1^2': (x1) => x1 * x1,
  'x2^2': (_x1, x2) => x2 * x2,
  'x1*x2': (x1, x2) => x1 * x2,
  'sin x1': (x1) => Math.sin(x1),
  'sin x2': (_x1, x2) => Math.sin(x2),
};
const USES_X2: ReadonlySet<FeatureName> = new Set(['x2', 'x2^2', 'x1*x2', 'sin x2']);

export type RowMapper = (src: ArrayLike<number>, srcOffset: number, dst: Float64Array, dstOffset: number) => void;

export function copyRow(dim: number): RowMapper {
  return (src, s, dst, d) => {
    for (let k = 0; k < dim; k++) dst[d + k] = src[s + k];
  };
}

/** The mapper from a raw point of `rawDim` coordinates (1 or 2) to the feature columns, in the order given. */
export function featureMapper(features: readonly FeatureName[], rawDim: number, setName: string): RowMapper {
  if (rawDim > 2) throw new DataError(`features apply to points on a line or the plane; '${setName}' has ${rawDim} inputs: remove "features"`);
  const unusable = features.find((f) => rawDim === 1 && USES_X2.has(f));
  if (unusable) throw new DataError(`feature '${unusable}' needs x2, but '${setName}' has only x1: use x1, x1^2 or sin x1`);
  const fns = features.map((f) => FEATURE_FUNCTIONS[f]);
  return (src, s, dst, d) => {
    const x1 = src[s];
    const x2 = rawDim === 2 ? src[s + 1] : 0;
    for (let k = 0; k < fns.length; k++) dst[d + k] = fns[k](x1, x2);
  };
}
