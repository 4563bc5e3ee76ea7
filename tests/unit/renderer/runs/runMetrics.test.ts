import { describe, expect, it } from 'vitest';
import { RunMetrics } from '../../../../src/renderer/src/runs/runMetrics';

const pts = (name: string, steps: number[]) => ({ name, step: steps, epoch: steps, value: steps.map((s) => 1 / s), time: steps });

describe('run metrics held outside reactivity', () => {
  it('appends live points per metric', () => {
    const m = new RunMetrics();
    m.append([pts('train_loss', [1, 2]), pts('train_acc', [1])]);
    m.append([pts('train_loss', [3])]);
    expect(m.get('train_loss')!.step).toEqual([1, 2, 3]);
    expect(m.names().sort()).toEqual(['train_acc', 'train_loss']);
  });

  it('drops points that repeat steps it already has', () => {
    const m = new RunMetrics();
    m.append([pts('train_loss', [1, 2])]);
    m.append([pts('train_loss', [2, 3])]);
    expect(m.get('train_loss')!.step).toEqual([1, 2, 3]);
  });

  it('puts stored history first and keeps live points that arrived after it', () => {
    const m = new RunMetrics();
    m.append([pts('train_loss', [5, 6])]);
    m.mergeHistory([{ ...pts('train_loss', [1, 2, 3, 4, 5]) }]);
    expect(m.get('train_loss')!.step).toEqual([1, 2, 3, 4, 5, 6]);
  });
});
