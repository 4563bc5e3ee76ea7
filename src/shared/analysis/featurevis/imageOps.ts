/**
 * Image operations for feature visualization of inputs that are pictures (MNIST), laid out
 * row-major: pixel (row r, column c) of a width x height image at r * width + c.
 *
 * Total variation, with forward differences dx = x[r][c+1] - x[r][c], dy = x[r+1][c] - x[r][c]
 * (0 past the last column or row):
 *   anisotropic  TV(x) = sum |dx| + |dy|                 (gradient: signs, 0 where a difference is 0)
 *   isotropic    TV(x) = sum sqrt(dx^2 + dy^2 + e^2) - e  (Rudin, Osher, Fatemi 1992; e = TV_EPSILON smooths the kink at 0)
 * Jitter (Mordvintsev, Olah, Tyka 2015; Distill's "transformation robustness") shifts the image by
 * whole pixels, filling with 0; the gradient is shifted back (the transpose of the shift).
 */

export interface ImageShape { width: number; height: number }

export type TotalVariationKind = 'isotropic' | 'anisotropic';

/** Smoothing of the isotropic norm, in pixel units (MNIST pixels span [0, 1]). */
export const TV_EPSILON = 1e-3;

/** TV(x); adds weight * dTV/dx into `gradient`. */
export function totalVariation(x: ArrayLike<number>, shape: ImageShape, kind: TotalVariationKind, weight: number, gradient: Float64Array): number {
  const { width, height } = shape;
  let tv = 0;
  for (let r = 0; r < height; r++) {
    for (let c = 0; c < width; c++) {
      const p = r * width + c;
      const dx = c + 1 < width ? x[p + 1] - x[p] : 0;
      const dy = r + 1 < height ? x[p + width] - x[p] : 0;
      let gx: number;
      let gy: number;
      if (kind === 'anisotropic') {
        tv += Math.abs(dx) + Math.abs(dy);
        gx = Math.sign(dx);
        gy = Math.sign(dy);
      } else {
        const length = Math.sqrt(dx * dx + dy * dy + TV_EPSILON * TV_EPSILON);
        tv += length - TV_EPSILON;
        gx = dx / length;
        gy = dy / length;
      }
      // d/dx[p] of the terms that contain x[p] through this pixel's differences
      if (c + 1 < width) { gradient[p + 1] += weight * gx; gradient[p] -= weight * gx; }
      if (r + 1 < height) { gradient[p + width] += weight * gy; gradient[p] -= weight * gy; }
    }
  }
  return tv;
}

/** out[r][c] = x[r - dy][c - dx], 0 where that falls outside the image: the content moves by (dx, dy). */
export function shiftImage(x: ArrayLike<number>, shape: ImageShape, dx: number, dy: number, out: Float64Array): Float64Array {
  const { width, height } = shape;
  for (let r = 0; r < height; r++) {
    const sr = r - dy;
    for (let c = 0; c < width; c++) {
      const sc = c - dx;
      out[r * width + c] = sr >= 0 && sr < height && sc >= 0 && sc < width ? x[sr * width + sc] : 0;
    }
  }
  return out;
}

export function checkImageShape(shape: ImageShape, inputs: number): void {
  const { width, height } = shape;
  if (!(Number.isInteger(width) && Number.isInteger(height) && width >= 1 && height >= 1 && width * height === inputs)) {
    throw new Error(`image: width x height must be the ${inputs} inputs, got ${width} x ${height}`);
  }
}
