import { describe, expect, it } from 'vitest';
import { Network } from '../../../../src/shared/nn/network';
import { TrainSpecSchema } from '../../../../src/shared/training/trainSpec';
import { activationCurves, nudge } from '../../../../src/renderer/src/lecture/activations';
import { deepSpec, learningRateSpec, lossByUnits, parseUniversalName, scalingSpec, stackedSpec, universalCurveSpec, universalPlaneSpec } from '../../../../src/renderer/src/lecture/experiments';
import { outputField } from '../../../../src/renderer/src/lecture/field';
import { gradientShrink, layersWith, perLayerMean, smoothEma } from '../../../../src/renderer/src/lecture/layerMetrics';
import { collapseLinear } from '../../../../src/renderer/src/lecture/linearCollapse';
import { lectureNumber, linearExpression, mathHtml } from '../../../../src/renderer/src/lecture/math';

describe('lecture math text', () => {
  it('turns sub- and superscripts into markup after escaping everything else', () => {
    expect(mathHtml('w_{11}^{(2)}')).toBe('w<sub>11</sub><sup>(2)</sup>');
    expect(mathHtml('<img src=x>_{1}')).toBe('&lt;img src=x&gt;<sub>1</sub>');
  });

  it('writes numbers with a real minus sign and weighted sums without "+ −"', () => {
    expect(lectureNumber(-0.08995609)).toBe('−0.08996');
    expect(linearExpression([1, -1], ['OR', 'AND'], -0.5)).toBe('1·OR − 1·AND − 0.5');
  });
});

describe('activations', () => {
  it('samples f and its derivative, with the sigmoid slope at most 0.25', () => {
    const { f, df } = activationCurves('sigmoid');
    expect(f[100]).toEqual([0, 0.5]);
    expect(Math.max(...df.map(([, d]) => d))).toBeCloseTo(0.25, 12);
  });

  it('shows a small weight change flipping a step unit but moving a sigmoid unit slightly', () => {
    const r = nudge(0.99, 0.02, 1, -1);
    expect(r.step).toEqual([0, 1]);
    expect(r.sigmoid[1] - r.sigmoid[0]).toBeGreaterThan(0);
    expect(r.sigmoid[1] - r.sigmoid[0]).toBeLessThan(0.01);
  });
});

describe('stacked linear layers', () => {
  it('multiply out to one affine map equal to the network before its output activation', () => {
    const spec = TrainSpecSchema.parse(stackedSpec('moons', 3, 4, 'linear'));
    const net = new Network({ inputs: 2, layers: spec.layers, loss: spec.loss });
    net.params.forEach((_, k) => (net.params[k] = Math.sin(k * 1.7)));
    const c = collapseLinear(net.spec, net.params)!;
    for (const [x1, x2] of [[0.3, -2], [4, 1], [-5, 5]]) {
      const z = x1 * c.weights[0][0] + x2 * c.weights[1][0] + c.bias[0];
      const { z: zs } = net.activations(Float64Array.of(x1, x2), 1);
      expect(z).toBeCloseTo(zs[zs.length - 1][0], 10);
    }
  });

  it('does not collapse a network with a non-linear hidden layer', () => {
    const spec = TrainSpecSchema.parse(stackedSpec('moons', 2, 4, 'tanh'));
    expect(collapseLinear({ inputs: 2, layers: spec.layers, loss: spec.loss }, new Float64Array(37))).toBeNull();
  });
});

describe('lecture experiments', () => {
  it('are valid training specs', () => {
    const moons = { x: [[0, 1], [1, 0]], y: [[1], [0]] };
    for (const spec of [universalCurveSpec('sine', 4, 'tanh'), universalPlaneSpec('circle', 3, 'relu'), stackedSpec('xor', 4, 8, 'linear'),
      deepSpec('sigmoid'), deepSpec('relu'), learningRateSpec(10), scalingSpec(moons, true), scalingSpec(moons, false)]) {
      expect(TrainSpecSchema.safeParse(spec).success, spec.name).toBe(true);
    }
  });

  it('reads back units from a universal-approximation run name and keeps the latest loss per unit count', () => {
    expect(parseUniversalName(universalCurveSpec('step-fn', 1, 'tanh').name!)).toEqual({ target: 'step-fn', units: 1, activation: 'tanh' });
    expect(parseUniversalName('Making it work · learning rate 10')).toBeNull();
    const run = (units: number, loss: number, status = 'completed') => ({ name: universalCurveSpec('sine', units, 'tanh').name!, status, lastMetrics: { train_loss: loss } });
    expect(lossByUnits([run(8, 0.001), run(1, 0.07), run(8, 0.5), run(4, 0.2, 'running')], 'sine', 'tanh')).toEqual([[1, 0.07], [8, 0.001]]);
  });
});

describe('per-layer diagnostics', () => {
  const series: Record<string, { step: number[]; epoch: number[]; value: number[] }> = {
    'grad_norm/2': { step: [1, 2], epoch: [1, 2], value: [0.2, 0.4] },
    'grad_norm/1': { step: [1, 2], epoch: [1, 2], value: [0.001, 0.003] },
    'grad_norm/x': { step: [1], epoch: [1], value: [9] },
    train_loss: { step: [1], epoch: [1], value: [1] },
  };
  it('finds the layers of a metric in order and averages each', () => {
    const names = Object.keys(series);
    expect(layersWith(names, 'grad_norm')).toEqual([1, 2]);
    const mean = perLayerMean((n) => series[n], names, 'grad_norm');
    expect(mean[0][0]).toBe(1);
    expect(mean[0][1]).toBeCloseTo(0.002, 12);
    expect(mean[1][1]).toBeCloseTo(0.3, 12);
    expect(gradientShrink(mean)).toBeCloseTo(150, 9);
  });

  it('smooths without pulling the first point towards zero', () => {
    const s = smoothEma([[0, 5], [1, 5], [2, 5]], 0.9);
    s.forEach(([, v]) => expect(v).toBeCloseTo(5, 12));
  });
});

describe('decision fields', () => {
  it('puts row 0 at the top of the plane (largest x2)', () => {
    // output = x2 (linear), so the top row holds the largest values
    const f = outputField({ inputs: 2, layers: [{ units: 1, activation: 'linear' }], loss: 'mse' }, [0, 1, 0], { min: -1, max: 1 }, 4);
    expect(f.values[0]).toBeCloseTo(0.75, 12);
    expect(f.values[15]).toBeCloseTo(-0.75, 12);
  });
});
