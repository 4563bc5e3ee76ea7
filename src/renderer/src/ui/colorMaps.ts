/**
 * Colour maps for pictures of inputs and weights. Grey for inputs (low black, high white, as
 * MNIST is usually shown); a blue-white-red diverging map for signed values (weights,
 * activations), symmetric around 0 so white always means zero.
 */
export type ColorMapKind = 'grey' | 'diverging';

export interface ColorScale { kind: ColorMapKind; min: number; max: number }

type Rgb = [number, number, number];

/** RdBu end and middle colours (ColorBrewer), negative blue, positive red. */
const NEGATIVE: Rgb = [33, 102, 172];
const ZERO: Rgb = [247, 247, 247];
const POSITIVE: Rgb = [178, 24, 43];

const mix = (a: Rgb, b: Rgb, t: number): Rgb => [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t];
const clamp01 = (t: number): number => (t < 0 ? 0 : t > 1 ? 1 : Number.isFinite(t) ? t : 0.5);

/** The colour of `value` on the scale, channels 0..255. */
export function colorOf(value: number, scale: ColorScale): Rgb {
  if (scale.kind === 'grey') {
    const span = scale.max - scale.min;
    const g = Math.round(255 * clamp01(span > 0 ? (value - scale.min) / span : 0.5));
    return [g, g, g];
  }
  const bound = Math.max(Math.abs(scale.min), Math.abs(scale.max));
  const t = bound > 0 ? Math.max(-1, Math.min(1, value / bound)) : 0;
  const c = t < 0 ? mix(ZERO, NEGATIVE, -t) : mix(ZERO, POSITIVE, t);
  return [Math.round(c[0]), Math.round(c[1]), Math.round(c[2])];
}

/** A diverging scale symmetric around zero that covers every value. */
export function symmetricScale(values: Iterable<number>): ColorScale {
  let bound = 0;
  for (const v of values) if (Number.isFinite(v)) bound = Math.max(bound, Math.abs(v));
  return { kind: 'diverging', min: -bound, max: bound };
}

/** RGBA pixels of a width x height row-major picture, for ImageData. */
export function paintPixels(values: ArrayLike<number>, width: number, height: number, scale: ColorScale): Uint8ClampedArray<ArrayBuffer> {
  if (values.length !== width * height) throw new Error(`picture: expected ${width * height} values, got ${values.length}`);
  const pixels = new Uint8ClampedArray(new ArrayBuffer(width * height * 4));
  for (let p = 0; p < width * height; p++) {
    const [r, g, b] = colorOf(values[p], scale);
    pixels[4 * p] = r;
    pixels[4 * p + 1] = g;
    pixels[4 * p + 2] = b;
    pixels[4 * p + 3] = 255;
  }
  return pixels;
}

/** CSS gradient of a scale, left (min) to right (max), for the value legend. */
export function legendGradient(kind: ColorMapKind): string {
  const css = (c: Rgb) => `rgb(${c.join(', ')})`;
  return kind === 'grey'
    ? 'linear-gradient(90deg, rgb(0, 0, 0), rgb(255, 255, 255))'
    : `linear-gradient(90deg, ${css(NEGATIVE)}, ${css(ZERO)}, ${css(POSITIVE)})`;
}

/** The colours of a diverging scale as ECharts' visualMap wants them, low to high. */
export const DIVERGING_STOPS = [NEGATIVE, ZERO, POSITIVE].map((c) => `rgb(${c.join(', ')})`);
