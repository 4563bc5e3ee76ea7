/**
 * Initial weights, layer by layer in the flat vector's order (image layers, then dense ones),
 * element by element in W's row-major order; biases are zeros and take no draws
 * (bench/TASKS.md, "Initialization"):
 *   uniform         (2u - 1) * range
 *   glorot-uniform  (2u - 1) * sqrt(6 / (fanIn + fanOut))
 *   glorot-normal   N(0, 1) * sqrt(2 / (fanIn + fanOut))
 *   he-uniform      (2u - 1) * sqrt(6 / fanIn)
 *   he-normal       N(0, 1) * sqrt(2 / fanIn)
 * A conv filter's fanIn is channels x kernelH x kernelW (the inputs one output sees) and its
 * fanOut filters x kernelH x kernelW, as PyTorch and Keras count them.
 */
import type { Network } from './network';
import { normal, type Rng } from './rng';
import type { InitSpec } from './spec';

export function initializeParams(net: Network, init: InitSpec, rng: Rng): void {
  const imageLayers = (net.imageStack?.layers ?? []).filter((layer) => layer.conv !== undefined).map((layer) => {
    const { inChannels, filters, window: { kernelH, kernelW } } = layer.conv!;
    return { fanIn: inChannels * kernelH * kernelW, fanOut: filters * kernelH * kernelW, W: layer.W, b: layer.b };
  });
  for (const layer of [...imageLayers, ...net.layers]) {
    const { fanIn, fanOut, W } = layer;
    switch (init.kind) {
      case 'uniform': {
        const range = init.range;
        for (let k = 0; k < W.length; k++) W[k] = (2 * rng() - 1) * range;
        break;
      }
      case 'glorot-uniform': {
        const limit = Math.sqrt(6 / (fanIn + fanOut));
        for (let k = 0; k < W.length; k++) W[k] = (2 * rng() - 1) * limit;
        break;
      }
      case 'glorot-normal': {
        const sd = Math.sqrt(2 / (fanIn + fanOut));
        for (let k = 0; k < W.length; k++) W[k] = normal(rng) * sd;
        break;
      }
      case 'he-uniform': {
        const limit = Math.sqrt(6 / fanIn);
        for (let k = 0; k < W.length; k++) W[k] = (2 * rng() - 1) * limit;
        break;
      }
      case 'he-normal': {
        const sd = Math.sqrt(2 / fanIn);
        for (let k = 0; k < W.length; k++) W[k] = normal(rng) * sd;
        break;
      }
    }
    layer.b.fill(0);
  }
}
