import { describe, expect, it } from 'vitest';
import { descentPath, descentVerdict, lossAndSlope, lossCurve, parameterLabels, tangentSegment, type WeightSlice } from '../../../../src/renderer/src/lecture/gradientDescent';
import { energyExample } from '../../../../src/renderer/src/lecture/stepNetworks';

const W11_2 = 6;
const slice = (activation: 'sigmoid' | 'linear' = 'sigmoid'): WeightSlice => {
  const ex = energyExample();
  return { ...ex, spec: { ...ex.spec, layers: [ex.spec.layers[0], { ...ex.spec.layers[1], activation }] }, index: W11_2 };
};

describe('gradient descent on one weight', () => {
  it('labels the flat parameter vector as the lecture does', () => {
    expect(parameterLabels(energyExample().spec)[W11_2].label).toBe('w_{11}^{(2)}');
  });

  it('gives the lecture loss and slope at the starting weight', () => {
    const p = lossAndSlope(slice(), 0.6);
    expect(p.loss).toBeCloseTo(0.08915, 5);
    expect(p.slope).toBeCloseTo(0.0532, 4);
  });

  it('has a slope that matches the curve by finite differences', () => {
    const h = 1e-5;
    for (const w of [-3, -1, 0.6, 2]) {
      const [[, lo], [, hi]] = lossCurve(slice(), w - h, w + h, 2);
      expect(lossAndSlope(slice(), w).slope).toBeCloseTo((hi - lo) / (2 * h), 7);
    }
  });

  it('draws the tangent through the point with the slope', () => {
    const p = { w: 1, loss: 0.2, slope: 0.5 };
    const [[x0, y0], [x1, y1]] = tangentSegment(p, 2);
    expect([x0, x1]).toEqual([-1, 3]);
    expect((y1 - y0) / (x1 - x0)).toBeCloseTo(0.5, 12);
    expect((y0 + y1) / 2).toBeCloseTo(0.2, 12);
  });

  it('steps by eta times the slope, and the loss falls for a small eta', () => {
    const path = descentPath(slice(), 0.6, 0.01, 3);
    expect(path).toHaveLength(4);
    expect(path[1].w).toBeCloseTo(0.599468, 6);
    expect(path[1].w).toBe(path[0].w - 0.01 * path[0].slope);
    expect(descentVerdict(path)).toBe('descending');
  });

  it('calls a step past the bottom overshooting and a rising loss diverging', () => {
    expect(descentVerdict(descentPath(slice(), 0.6, 100, 5))).toBe('overshooting');
    // linear output: the loss is a parabola with curvature a1² ≈ 0.35, so η = 10 > 2 / 0.35 grows every step
    expect(descentVerdict(descentPath(slice('linear'), 0.6, 10, 5))).toBe('diverging');
  });
});
