import { describe, expect, it } from 'vitest';
import { AnalysisCancelled } from '../../../src/shared/analysis/control';
import { randomDirections } from '../../../src/shared/analysis/landscape/directions';
import { interpolationLine, lossLine, lossSurface } from '../../../src/shared/analysis/landscape/landscape';
import { PlaneEvaluator } from '../../../src/shared/analysis/landscape/planeEvaluator';
import { Network } from '../../../src/shared/nn/network';
import { mulberry32 } from '../../../src/shared/nn/rng';
import { randomNetwork, randomSplit, spiralData, t1Network, uniformDirections } from './helpers';

describe('loss surface', () => {
  it('reproduces bench T4: sum 1594.20752, minimum 0.680219 at index 188, centre 0.849369', () => {
    const net = t1Network();
    const [d1, d2] = uniformDirections(net.params.length, 3);
    const { loss, alphas, betas } = lossSurface(net, spiralData().train, { d1, d2, resolution: 41 });
    expect(loss.length).toBe(1681);
    expect(alphas[4]).toBe(-1 + 8 / 40);
    expect(betas[24]).toBe(-1 + 48 / 40);
    let argmin = 0;
    loss.forEach((v, k) => { if (v < loss[argmin]) argmin = k; });
    expect(loss.reduce((s, v) => s + v, 0).toFixed(5)).toBe('1594.20752');
    expect(argmin).toBe(188);
    expect(loss[argmin].toFixed(6)).toBe('0.680219');
    expect(loss[20 * 41 + 20].toFixed(6)).toBe('0.849369');
  });

  it('has at its centre exactly the loss and accuracy of the network at theta', () => {
    const net = t1Network();
    const data = spiralData().train;
    const [d1, d2] = randomDirections(net, 2, { seed: 11 });
    const surface = lossSurface(net, data, { d1, d2, resolution: 11 });
    const centre = 5 * 11 + 5;
    const atTheta = new Network(net.spec, net.params.slice()).evaluate(data.x, data.y, data.n, true);
    expect(surface.loss[centre]).toBe(atTheta.loss);
    expect(surface.accuracy?.[centre]).toBe(atTheta.accuracy);
  });

  it('gives the identical grid for the same seed, and evaluates every point at theta + a d1 + b d2', () => {
    const net = t1Network();
    const data = spiralData().train;
    const grid = (): Float64Array => {
      const [d1, d2] = randomDirections(net, 2, { seed: 5 });
      return lossSurface(net, data, { d1, d2, resolution: 7, alphaRange: [-2, 2], betaRange: [-0.5, 1] }).loss;
    };
    const first = grid();
    expect(grid()).toEqual(first);
    const [d1, d2] = randomDirections(net, 2, { seed: 5 });
    const probe = new Network(net.spec);
    const [a, b] = [-2 + (4 * 2) / 6, -0.5 + (1.5 * 5) / 6];
    probe.setParams(net.params.map((t, k) => t + a * d1[k] + b * d2[k]));
    expect(first[2 * 7 + 5]).toBeCloseTo(probe.loss(data.x, data.y, data.n), 12);
  });

  it('leaves the network it was given unchanged', () => {
    const net = t1Network();
    const before = net.params.slice();
    const [d1, d2] = randomDirections(net, 2, { seed: 5 });
    lossSurface(net, spiralData().train, { d1, d2, resolution: 3 });
    expect(net.params).toEqual(before);
  });

  it('reports progress after every row and stops with AnalysisCancelled when asked', () => {
    const net = t1Network();
    const [d1, d2] = randomDirections(net, 2, { seed: 5 });
    const seen: [number, number][] = [];
    lossSurface(net, spiralData().train, { d1, d2, resolution: 4 }, { onProgress: (done, total) => seen.push([done, total]) });
    expect(seen).toEqual([[1, 4], [2, 4], [3, 4], [4, 4]]);
    let polls = 0;
    expect(() => lossSurface(net, spiralData().train, { d1, d2, resolution: 9 }, { shouldCancel: () => ++polls === 3 }))
      .toThrow(AnalysisCancelled);
    expect(polls).toBe(3);
  });

  // Speed is the benchmark's business (npm run bench, task T4), never a test's: this checks the
  // full default grid is complete and finite, whatever the machine's load.
  it('computes the default 51 x 51 grid of the T1 network over 500 points, every point finite', () => {
    const net = t1Network();
    const data = spiralData().train;
    const [d1, d2] = randomDirections(net, 2, { seed: 1 });
    const surface = lossSurface(net, data, { d1, d2 });
    expect(surface.alphas).toHaveLength(51);
    expect(surface.betas).toHaveLength(51);
    expect(surface.loss).toHaveLength(51 * 51);
    expect(surface.loss.every(Number.isFinite)).toBe(true);
    expect(surface.accuracy!.every((a) => a >= 0 && a <= 1)).toBe(true);
    // the centre of the grid is the network itself
    expect(surface.loss[25 * 51 + 25]).toBeCloseTo(lossSurface(net, data, { d1, d2, resolution: 3 }).loss[4], 12);
  });
});

describe('plane evaluator', () => {
  it('matches the engine on a wide ReLU/softmax net, whose first layer it precomputes', () => {
    const net = randomNetwork(60, [[16, 'relu'], [8, 'relu'], [4, 'softmax']], 'softmax-ce', 3);
    const split = randomSplit(300, 60, 4, 4, 0, 1);
    // blank "pixels", as in MNIST, exercise the skipped rows of W
    for (let k = 0; k < split.x.length; k += 3) split.x[k] = 0;
    const [d1, d2] = randomDirections(net, 2, { seed: 2, includeBiases: true });
    const evaluator = new PlaneEvaluator(net.spec, split, [net.params, d1, d2], { classification: true });
    const probe = new Network(net.spec);
    const rng = mulberry32(6);
    for (let trial = 0; trial < 5; trial++) {
      const [a, b] = [2 * rng() - 1, 2 * rng() - 1];
      probe.setParams(net.params.map((t, k) => t + a * d1[k] + b * d2[k]));
      const expected = probe.evaluate(split.x, split.y, split.n, true);
      const actual = evaluator.evaluate([1, a, b]);
      expect(actual.loss).toBeCloseTo(expected.loss, 12);
      expect(actual.accuracy).toBe(expected.accuracy);
    }
  });

  it('uses only the first rows when asked', () => {
    const net = t1Network();
    const data = spiralData().train;
    const evaluator = new PlaneEvaluator(net.spec, data, [net.params], { classification: false, rows: 100 });
    expect(evaluator.evaluate([1]).loss).toBe(net.loss(data.x, data.y, 100));
  });
});

describe('loss curves', () => {
  it('interpolates between two parameter vectors with the endpoints at their exact losses', () => {
    const net = t1Network();
    const data = spiralData().train;
    const theta0 = net.params.slice();
    const theta1 = randomNetwork(2, [[8, 'tanh'], [8, 'tanh'], [1, 'sigmoid']], 'bce', 9).params;
    const curve = interpolationLine(net, data, { from: theta0, to: theta1 });
    expect(curve.alphas[0]).toBe(-0.5);
    expect(curve.alphas[10]).toBe(0);
    expect(curve.alphas[30]).toBe(1);
    expect(curve.alphas[40]).toBe(1.5);
    const probe = new Network(net.spec, theta0.slice());
    expect(curve.loss[10]).toBe(probe.loss(data.x, data.y, data.n));
    probe.setParams(theta1);
    expect(curve.loss[30]).toBe(probe.loss(data.x, data.y, data.n));
    expect(curve.accuracy?.[30]).toBe(probe.evaluate(data.x, data.y, data.n, true).accuracy);
  });

  it('walks one direction from theta, through theta at a = 0', () => {
    const net = t1Network();
    const data = spiralData().train;
    const [d] = randomDirections(net, 1, { seed: 4 });
    const curve = lossLine(net, data, { direction: d, resolution: 21, range: [-2, 2] });
    expect(curve.alphas[10]).toBe(0);
    expect(curve.loss[10]).toBe(net.loss(data.x, data.y, data.n));
    const probe = new Network(net.spec, net.params.map((t, k) => t + 2 * d[k]));
    expect(curve.loss[20]).toBeCloseTo(probe.loss(data.x, data.y, data.n), 12);
  });
});
