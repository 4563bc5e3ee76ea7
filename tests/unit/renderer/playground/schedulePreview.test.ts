import { describe, expect, it } from 'vitest';
import { describeSchedule, scheduledRate } from '../../../../src/shared/nn/schedule';
import { previewPoints, scheduleCurve } from '../../../../src/renderer/src/playground/schedulePreview';

describe('schedule preview', () => {
  it('is flat for a constant rate, over the first to the last epoch', () => {
    const curve = scheduleCurve({ kind: 'constant' }, 0.1, 1000, 11);
    expect(curve.map((p) => p.epoch)).toEqual([0, 100, 200, 300, 400, 500, 599, 699, 799, 899, 999]);
    expect(new Set(curve.map((p) => p.rate))).toEqual(new Set([0.1]));
  });

  it('keeps both sides of every step drop, so the stairs have corners', () => {
    const curve = scheduleCurve({ kind: 'step', every: 30, factor: 0.5 }, 1, 100, 5);
    const at = (epoch: number) => curve.find((p) => p.epoch === epoch)?.rate;
    expect([at(29), at(30), at(59), at(60), at(89), at(90)]).toEqual([1, 0.5, 0.5, 0.25, 0.25, 0.125]);
  });

  it('follows the engine’s cosine from the base rate to the final one', () => {
    const schedule = { kind: 'cosine' as const, minLr: 0.01 };
    const curve = scheduleCurve(schedule, 0.1, 50);
    expect(curve).toHaveLength(50);
    expect(curve[0].rate).toBeCloseTo(0.1, 12);
    expect(curve.at(-1)!.rate).toBeCloseTo(0.01, 12);
    expect(curve[20].rate).toBe(scheduledRate(schedule, 0.1, 20, 50));
  });

  it('draws the largest rate at the top and zero at the bottom, first epoch left, last right', () => {
    expect(previewPoints([{ epoch: 0, rate: 2 }, { epoch: 5, rate: 1 }, { epoch: 10, rate: 0 }], 100, 40)).toBe('0,0 50,20 100,40');
  });

  it('says a schedule in words for a run’s configuration', () => {
    expect(describeSchedule({ kind: 'constant' })).toBe('constant');
    expect(describeSchedule({ kind: 'step', every: 500, factor: 0.5 })).toBe('step: × 0.5 every 500 epochs');
    expect(describeSchedule({ kind: 'cosine', minLr: 0 })).toBe('cosine to 0');
  });
});
