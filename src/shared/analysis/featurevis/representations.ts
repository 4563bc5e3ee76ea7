/**
 * Hidden representations: where a layer puts the data. A 2-unit layer is drawn on its own axes
 * (the lecture's XOR net, whose hidden units become OR and AND); a wider layer is projected on
 * its top two principal components (pca.ts). First-layer weights of an image net are pictures:
 * column j of W1 (w[i][j] for every pixel i) is what unit j looks for.
 */
import type { Network } from '../../nn/network';
import type { ImageShape } from './imageOps';
import { checkImageShape } from './imageOps';
import { pca } from '../pca';

export interface RepresentationOptions {
  /** z instead of a (default false). */
  preActivation?: boolean;
}

export interface Representation {
  /** 'raw': the units' own values (layers of 1 or 2 units); 'pca': the top two principal components. */
  kind: 'raw' | 'pca';
  /** Coordinates per row: 2 (or 1 for a 1-unit layer), row-major. */
  dims: number;
  coordinates: Float64Array;
  /** For 'pca', the fraction of variance along each axis; null for 'raw'. */
  explainedVarianceRatio: Float64Array | null;
  /** For 'pca', the unit-space directions of the axes (so a UI can label them by their largest units). */
  components: Float64Array[] | null;
}

/** A layer's values (z or a) for `rows` rows of x: rows x units, row-major. Runs on `net`'s own buffers (its parameters are untouched). */
export function layerValues(net: Network, x: Float64Array, rows: number, layer: number, options: RepresentationOptions = {}): { values: Float64Array; units: number } {
  if (!(Number.isInteger(layer) && layer >= 0 && layer < net.layers.length)) {
    throw new Error(`layer: expected 0..${net.layers.length - 1}, got ${layer}`);
  }
  if (!(Number.isInteger(rows) && rows >= 1 && rows * net.inputs <= x.length)) throw new Error(`rows: expected 1..${Math.floor(x.length / net.inputs)}, got ${rows}`);
  const { z, a } = net.activations(x, rows);
  return { values: options.preActivation ? z[layer] : a[layer], units: net.layers[layer].fanOut };
}

/** A conv or pool layer's maps (index into the image layers) for `rows` rows of x: rows x (channels·height·width), on `net`'s own buffers. */
export function imageLayerValues(net: Network, x: Float64Array, rows: number, imageLayer: number): { values: Float64Array; units: number } {
  const stack = net.imageStack?.layers ?? [];
  const layer = stack[imageLayer];
  if (!layer) throw new Error(`imageLayer: this network has image layers 0..${stack.length - 1}, got ${imageLayer}`);
  return { values: net.imageLayerMaps(x, rows, [imageLayer])[0], units: layer.outSize };
}

/** The representation of `rows` rows of x at hidden layer `layer` (0 = first hidden layer). */
export function hiddenRepresentation(net: Network, x: Float64Array, rows: number, layer: number, options: RepresentationOptions = {}): Representation {
  return representationOf(layerValues(net, x, rows, layer, options), rows);
}

/** The units' own values for 1 or 2 units, else the top two principal components (pca.ts; wide conv maps by subspace iteration). */
export function representationOf({ values, units }: { values: Float64Array; units: number }, rows: number): Representation {
  if (units <= 2) {
    return { kind: 'raw', dims: units, coordinates: values, explainedVarianceRatio: null, components: null };
  }
  const points = Array.from({ length: rows }, (_, r) => values.subarray(r * units, (r + 1) * units));
  const result = pca(points, 2);
  return { kind: 'pca', dims: 2, coordinates: result.coordinates, explainedVarianceRatio: result.explainedVarianceRatio, components: result.components };
}

export interface WeightImages {
  /** One width x height picture per unit, row-major. */
  images: Float64Array[];
  /** max |w| over all of them, for one symmetric colour scale. */
  maxAbs: number;
}

/** Column j of the first layer's W, reshaped to the input picture. */
export function firstLayerWeightImages(net: Network, image: ImageShape): WeightImages {
  checkImageShape(image, net.inputs);
  const { W, fanIn, fanOut } = net.layers[0];
  let maxAbs = 0;
  const images = Array.from({ length: fanOut }, (_, j) => {
    const picture = new Float64Array(fanIn);
    for (let i = 0; i < fanIn; i++) {
      picture[i] = W[i * fanOut + j];
      maxAbs = Math.max(maxAbs, Math.abs(picture[i]));
    }
    return picture;
  });
  return { images, maxAbs };
}
