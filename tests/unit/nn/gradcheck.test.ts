import { describe, expect, it } from 'vitest';
import { gradientCheck } from '../../../src/shared/nn/gradcheck';
import { initializeParams } from '../../../src/shared/nn/init';
import { Network } from '../../../src/shared/nn/network';
import { mulberry32 } from '../../../src/shared/nn/rng';
import type { ActivationName, LossName, NetworkSpec } from '../../../src/shared/nn/spec';

const HIDDEN: ActivationName[] = ['step', 'linear', 'sigmoid', 'tanh', 'relu', 'leaky-relu'];
/** Every valid output activation x loss pair (the spec forbids the rest). */
const OUTPUTS: { activation: ActivationName; loss: LossName }[] = [
  ...(['step', 'linear', 'sigmoid', 'tanh', 'relu', 'leaky-relu', 'softmax'] as const).flatMap((activation) =>
    (['mse', 'mse-half'] as const).map((loss) => ({ activation, loss }))),
  { activation: 'sigmoid', loss: 'bce' },
  { activation: 'softmax', loss: 'softmax-ce' },
];
const ROWS = 5;
const INPUTS = 3;
const OUT_UNITS = 3;

/** A random 3-4-3-3 network and batch; targets fit the loss (one-hot for softmax-ce, in [0, 1] otherwise). */
function randomCase(hidden: ActivationName, output: ActivationName, loss: LossName, seed: number) {
  const spec: NetworkSpec = {
    inputs: INPUTS,
    layers: [{ units: 4, activation: hidden }, { units: 3, activation: hidden }, { units: OUT_UNITS, activation: output }],
    loss,
  };
  const net = new Network(spec);
  const rng = mulberry32(seed);
  initializeParams(net, { kind: 'uniform', range: 1 }, rng);
  for (const layer of net.layers) for (let j = 0; j < layer.fanOut; j++) layer.b[j] = 2 * rng() - 1;
  const x = Float64Array.from({ length: ROWS * INPUTS }, () => 4 * rng() - 2);
  const y = new Float64Array(ROWS * OUT_UNITS);
  for (let r = 0; r < ROWS; r++) {
    if (loss === 'softmax-ce') y[r * OUT_UNITS + Math.floor(rng() * OUT_UNITS)] = 1;
    else for (let k = 0; k < OUT_UNITS; k++) y[r * OUT_UNITS + k] = rng();
  }
  return { net, x, y };
}

const KINKED: ActivationName[] = ['step', 'relu', 'leaky-relu'];

/**
 * True when a pre-activation of a kinked unit lies so close to 0 that the finite-difference
 * stencil (+-2h, h = 1e-3) would straddle the kink; such a case checks the stencil, not backprop.
 */
function nearKink(net: Network, x: Float64Array): boolean {
  const { z } = net.activations(x, ROWS);
  return net.layers.some((layer, l) => KINKED.includes(layer.activation) && z[l].some((v) => Math.abs(v) < 1e-2));
}

describe('backprop gradients', () => {
  for (const hidden of HIDDEN) {
    for (const { activation, loss } of OUTPUTS) {
      it(`match finite differences for ${hidden} hidden layers, a ${activation} output and ${loss}`, () => {
        let checked = 0;
        for (let seed = 1; checked < 3; seed++) {
          const { net, x, y } = randomCase(hidden, activation, loss, seed * 7919 + hidden.length * 31 + activation.length);
          if (nearKink(net, x)) continue;
          const result = gradientCheck(net, x, y, ROWS);
          expect(result.maxRelativeError, JSON.stringify(result)).toBeLessThan(1e-7);
          checked++;
        }
      });
    }
  }

  it('are exactly zero below a step layer, where the step function has no slope', () => {
    const { net, x, y } = randomCase('step', 'sigmoid', 'mse', 11);
    net.lossAndGradient(x, y, ROWS);
    expect(Array.from(net.layers[0].gradWeights).every((g) => g === 0)).toBe(true);
    expect(Array.from(net.layers[1].gradWeights).every((g) => g === 0)).toBe(true);
    expect(Array.from(net.layers[2].gradWeights).some((g) => g !== 0)).toBe(true);
  });

  it('locate the worst entry of the flat vector by layer, row and column', () => {
    const { net, x, y } = randomCase('tanh', 'linear', 'mse', 5);
    const result = gradientCheck(net, x, y, ROWS);
    const layer = net.layers[result.layer];
    const index = result.kind === 'weight' ? net.weightIndex(result.layer, result.i, result.j) : layer.biasOffset + result.j;
    expect(index).toBe(result.index);
  });
});
