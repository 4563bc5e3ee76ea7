import { describe, expect, it } from 'vitest';
import { buildMetricOption, curvesFor, toPoints } from '../../../../src/renderer/src/runs/metricOption';
import { countPoints } from '../../../../src/renderer/src/ui/chartPoints';
import type { SeriesBuffer } from '../../../../src/renderer/src/runs/runMetrics';

const buffer = (value: number[]): SeriesBuffer => ({ step: value.map((_, i) => i + 1), epoch: value.map((_, i) => i + 1), value });

type LineSeries = { type: string; data: [number, number][]; showSymbol: boolean; sampling: string; name: string };

describe('metric chart options', () => {
  it('draws one line per curve with step on x and the value on y', () => {
    const option = buildMetricOption({ kind: 'loss', curves: [{ label: 'train loss', color: '#000', data: buffer([0.7, 0.5, 0.2]) }] });
    const series = option.series as LineSeries[];
    expect(series).toHaveLength(1);
    expect(series[0]).toMatchObject({ type: 'line', name: 'train loss', data: [[1, 0.7], [2, 0.5], [3, 0.2]] });
  });

  it('is built for live updates: no animation, no symbols, lttb sampling', () => {
    const option = buildMetricOption({ kind: 'loss', curves: [{ label: 'train loss', color: '#000', data: buffer([1]) }] });
    expect(option.animation).toBe(false);
    const [s] = option.series as LineSeries[];
    expect(s.showSymbol).toBe(false);
    expect(s.sampling).toBe('lttb');
  });

  it('uses a log y axis for loss when asked and leaves out values a log axis cannot place', () => {
    const option = buildMetricOption({ kind: 'loss', logScale: true, curves: [{ label: 'train loss', color: '#000', data: buffer([0.5, 0, Number.NaN, 0.1]) }] });
    expect((option.yAxis as { type: string }).type).toBe('log');
    expect((option.series as LineSeries[])[0].data).toEqual([[1, 0.5], [4, 0.1]]);
  });

  it('keeps accuracy on a linear axis from 0 to 1 even when log scale is on', () => {
    const option = buildMetricOption({ kind: 'accuracy', logScale: true, curves: [] });
    expect(option.yAxis).toMatchObject({ type: 'value', min: 0, max: 1 });
  });

  it('leaves out a test curve when the run has no test split', () => {
    const get = (name: string) => (name === 'train_loss' ? buffer([1]) : undefined);
    expect(curvesFor('loss', get).map((c) => c.label)).toEqual(['train loss']);
  });

  it('includes the test curve when the run records one', () => {
    const get = (name: string) => (name.endsWith('_acc') ? buffer([0.5]) : undefined);
    expect(curvesFor('accuracy', get).map((c) => c.label)).toEqual(['train accuracy', 'test accuracy']);
  });

  it('counts the points it will draw', () => {
    const option = buildMetricOption({ kind: 'loss', curves: curvesFor('loss', () => buffer([1, 2, 3])) });
    expect(countPoints(option)).toBe(6);
  });

  it('returns no points for a curve that has not started', () => {
    expect(toPoints(undefined, false)).toEqual([]);
  });
});
