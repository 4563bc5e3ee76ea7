import { describe, expect, it } from 'vitest';
import { trace } from '../../../../src/shared/nn/trace';
import { energyExample, shapeExample } from '../../../../src/renderer/src/lecture/stepNetworks';
import { stepThroughStages, type Stage } from '../../../../src/renderer/src/lecture/stepThrough';

const line = (stages: Stage[], id: string) => {
  const found = stages.flatMap((s) => s.lines).find((l) => l.id === id);
  if (!found) throw new Error(`no line ${id}`);
  return found;
};

describe('backprop step-through', () => {
  it('shows the lecture figures for the energy example', () => {
    const { stages } = stepThroughStages(energyExample());
    expect(stages.map((s) => s.id)).toEqual(['forward-1', 'forward-2', 'loss', 'output-delta', 'hidden-delta-1', 'gradients', 'updates']);
    expect(line(stages, 'a/1/1').value).toBeCloseTo(0.5915, 4);
    expect(line(stages, 'a/2/1').value).toBeCloseTo(0.6922, 4);
    expect(line(stages, 'loss').value).toBeCloseTo(0.08915, 5);
    expect(line(stages, 'grad/2/1/1').value).toBeCloseTo(0.0532, 4);
    expect(line(stages, 'new/2/1/1').value).toBeCloseTo(0.599468, 6);
  });

  it('puts the numbers into the formulas as the lecture writes them', () => {
    const { stages } = stepThroughStages(energyExample());
    expect(line(stages, 'z/1/1').substituted).toBe('0.4 · 0.3 + 0.5 · 0.5 + 0');
    expect(line(stages, 'delta/2/1').formula).toContain('a(1 − a)');
    expect(line(stages, 'delta/2/1').substituted).toBe('(0.6922 − 0.27) · 0.6922 · (1 − 0.6922)');
    expect(line(stages, 'new/2/1/1').substituted).toBe('0.6 − 0.01 · 0.05321');
  });

  it('takes every number from the engine trace, for each offered shape', () => {
    for (const shape of ['2-2-1', '2-2-2', '2-3-1'] as const) {
      const example = shapeExample(shape, 'tanh', 'sigmoid');
      const { stages } = stepThroughStages(example);
      const t = trace({ spec: example.spec, params: example.params }, example.input, example.target, { lr: example.lr });
      t.layers.forEach((layer, l) => {
        layer.a.forEach((a, j) => expect(line(stages, `a/${l + 1}/${j + 1}`).value).toBe(a));
        layer.delta.forEach((d, j) => expect(line(stages, `delta/${l + 1}/${j + 1}`).value).toBe(d));
        layer.gradWeights.forEach((row, i) => row.forEach((g, j) => expect(line(stages, `grad/${l + 1}/${i + 1}/${j + 1}`).value).toBe(g)));
        layer.newWeights.forEach((row, i) => row.forEach((w, j) => expect(line(stages, `new/${l + 1}/${i + 1}/${j + 1}`).value).toBe(w)));
      });
      expect(line(stages, 'loss').value).toBe(t.loss);
    }
  });

  it('lights the chain rule path of a gradient: the unit below, the weight, the unit above', () => {
    const { stages } = stepThroughStages(energyExample());
    expect(line(stages, 'grad/2/1/1').path).toEqual(['n/1/1', 'e/2/1/1', 'n/2/1']);
    const hidden = stages.find((s) => s.id === 'hidden-delta-1')!;
    expect(hidden.path).toEqual(expect.arrayContaining(['n/1/1', 'e/2/1/1', 'n/2/1', 'e/2/2/1']));
    expect(hidden.path.some((p) => p.startsWith('e/1/'))).toBe(false);
  });

  it('refuses a loss the formulas do not describe, naming it', () => {
    const example = energyExample();
    expect(() => stepThroughStages({ ...example, spec: { ...example.spec, loss: 'mse' } })).toThrow(/loss.*mse/);
  });
});
