import { describe, expect, it } from 'vitest';
import { lossSurface } from '../../../src/shared/analysis/landscape/landscape';
import { trajectoryPlane } from '../../../src/shared/analysis/landscape/trajectory';
import { dot, subtract } from '../../../src/shared/analysis/vectors';
import { Trainer } from '../../../src/shared/training/trainer';
import { trainSpec } from '../nn/helpers';
import { spiralData } from './helpers';

/** Checkpoints of a short Adam run on the spirals: the start, every 5 epochs, and the end. */
function trainingPath(): { checkpoints: Float64Array[]; final: Float64Array; trainer: Trainer } {
  const trainer = new Trainer(trainSpec({
    layers: [{ units: 6, activation: 'tanh' }, { units: 1, activation: 'sigmoid' }],
    loss: 'bce', optimizer: { kind: 'adam' }, learningRate: 0.02, batchSize: 50, epochs: 30, seed: 3,
  }), spiralData());
  const checkpoints = [trainer.net.params.slice()];
  while (!trainer.done) {
    trainer.trainEpoch();
    if (trainer.epoch % 5 === 0) checkpoints.push(trainer.net.params.slice());
  }
  return { checkpoints, final: trainer.net.params.slice(), trainer };
}

describe('trajectory plane', () => {
  it('gives a path along a line one direction that explains 100%', () => {
    const final = Float64Array.from([1, 2, 3, 4, 5]);
    const step = [0.5, -1, 0, 2, 0.25];
    const checkpoints = [4, 3, 2, 1.5, 1, 0.5].map((t) => Float64Array.from(final, (v, k) => v + t * step[k]));
    const plane = trajectoryPlane(checkpoints, final);
    expect(plane.explainedVarianceRatio[0]).toBeCloseTo(1, 12);
    expect(plane.explainedVarianceRatio[1]).toBe(0);
    expect(plane.pathIsLine).toBe(true);
    // the second coordinate of every point is 0 and the first is its signed distance from the end
    const length = Math.hypot(...step);
    const sign = Math.sign(dot(plane.d1, step));
    checkpoints.forEach((_, i) => {
      expect(plane.coordinates[2 * i + 1]).toBeCloseTo(0, 12);
      expect(plane.coordinates[2 * i] * sign).toBeCloseTo([4, 3, 2, 1.5, 1, 0.5][i] * length, 12);
    });
  });

  it('says so when the path is a line: unit, orthogonal d1 and d2, ratio 0 along d2', () => {
    // the case: the Gram branch used to return d1 = d2 = e5
    const points = [[0.2, -0.4, 0.9, 0.1, 1], [0.2, -0.4, 0.9, 0.1, 0.6], [0.2, -0.4, 0.9, 0.1, 0.3]].map((p) => Float64Array.from(p));
    const plane = trajectoryPlane(points, points[2]);
    expect(plane.pathIsLine).toBe(true);
    expect(Array.from(plane.d1)).toEqual([0, 0, 0, 0, 1]);
    expect(Math.hypot(...plane.d2)).toBeCloseTo(1, 15);
    expect(dot(plane.d1, plane.d2)).toBe(0);
    expect(plane.explainedVarianceRatio[1]).toBe(0);
    expect(Array.from(plane.coordinates)).toEqual([0.7, 0, 0.3, 0, 0, 0].map((v, k) => (k % 2 === 0 ? expect.closeTo(v, 15) : 0)));
  });

  it('projects a real training path exactly: the coordinates rebuild each point\'s projection onto the plane', () => {
    const { checkpoints, final } = trainingPath();
    const plane = trajectoryPlane(checkpoints, final);
    const [r1, r2] = plane.explainedVarianceRatio;
    expect(r1).toBeGreaterThan(r2);
    expect(r1 + r2).toBeLessThanOrEqual(1 + 1e-12);
    expect(dot(plane.d1, plane.d1)).toBeCloseTo(1, 12);
    expect(dot(plane.d2, plane.d2)).toBeCloseTo(1, 12);
    expect(dot(plane.d1, plane.d2)).toBeCloseTo(0, 12);
    checkpoints.forEach((theta, i) => {
      const offset = subtract(theta, final);
      const [a, b] = [plane.coordinates[2 * i], plane.coordinates[2 * i + 1]];
      // offset minus its in-plane part a d1 + b d2 is orthogonal to the plane
      const residual = offset.map((v, k) => v - a * plane.d1[k] - b * plane.d2[k]);
      expect(dot(residual, plane.d1)).toBeCloseTo(0, 10);
      expect(dot(residual, plane.d2)).toBeCloseTo(0, 10);
      expect(a).toBeGreaterThanOrEqual(plane.alphaRange[0]);
      expect(a).toBeLessThanOrEqual(plane.alphaRange[1]);
      expect(b).toBeGreaterThanOrEqual(plane.betaRange[0]);
      expect(b).toBeLessThanOrEqual(plane.betaRange[1]);
    });
    expect(plane.alphaRange[0]).toBeLessThan(0);
    expect(plane.alphaRange[1]).toBeGreaterThan(0);
  });

  it('puts the final parameters at the origin of the surface drawn over the plane', () => {
    const { checkpoints, final, trainer } = trainingPath();
    const plane = trajectoryPlane(checkpoints, final);
    const data = spiralData().train;
    const surface = lossSurface(trainer.net, data, {
      theta: final, d1: plane.d1, d2: plane.d2, resolution: 5, alphaRange: [-1, 1], betaRange: [-2, 2],
    });
    expect(surface.loss[2 * 5 + 2]).toBe(trainer.net.loss(data.x, data.y, data.n));
  });
});
