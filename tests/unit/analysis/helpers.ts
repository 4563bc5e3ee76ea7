/** Networks and data for the analysis tests: bench T1/T4's spiral net, and small random nets. */
import type { Split } from '../../../src/shared/data/spec';
import { initializeParams } from '../../../src/shared/nn/init';
import { Network } from '../../../src/shared/nn/network';
import { mulberry32 } from '../../../src/shared/nn/rng';
import type { ActivationName, LossName } from '../../../src/shared/nn/spec';

export { spiralData } from '../nn/helpers';

/** Bench T1's 2-8-8-1 tanh/sigmoid bce network with its initial (glorot-uniform, seed 2) parameters. */
export function t1Network(): Network {
  const net = new Network({
    inputs: 2,
    layers: [{ units: 8, activation: 'tanh' }, { units: 8, activation: 'tanh' }, { units: 1, activation: 'sigmoid' }],
    loss: 'bce',
  });
  initializeParams(net, { kind: 'glorot-uniform', range: 0.5 }, mulberry32(2));
  return net;
}

/** A network with uniform(-1, 1) weights and nonzero biases, so no parameter is special. */
export function randomNetwork(inputs: number, layers: [number, ActivationName][], loss: LossName, seed: number): Network {
  const net = new Network({ inputs, layers: layers.map(([units, activation]) => ({ units, activation })), loss });
  const rng = mulberry32(seed);
  initializeParams(net, { kind: 'uniform', range: 1 }, rng);
  for (const layer of net.layers) for (let j = 0; j < layer.fanOut; j++) layer.b[j] = rng() - 0.5;
  return net;
}

/** `rows` random inputs in [lo, hi) and one-hot targets over `classes` (or 0/1 for one output). */
export function randomSplit(rows: number, inputs: number, classes: number, seed: number, lo = -1, hi = 1): Split {
  const rng = mulberry32(seed);
  const x = Float64Array.from({ length: rows * inputs }, () => lo + (hi - lo) * rng());
  const outputs = classes === 2 ? 1 : classes;
  const y = new Float64Array(rows * outputs);
  for (let r = 0; r < rows; r++) {
    const label = Math.floor(rng() * classes);
    if (outputs === 1) y[r] = label;
    else y[r * outputs + label] = 1;
  }
  return { x, y, n: rows };
}

/** d then d2 as bench T4 draws them: `size` values of 2u - 1 each, from one stream. */
export function uniformDirections(size: number, seed: number): [Float64Array, Float64Array] {
  const rng = mulberry32(seed);
  const draw = (): Float64Array => Float64Array.from({ length: size }, () => 2 * rng() - 1);
  const d1 = draw();
  return [d1, draw()];
}
