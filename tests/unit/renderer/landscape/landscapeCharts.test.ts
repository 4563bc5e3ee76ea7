import { describe, expect, it } from 'vitest';
import type { LandscapeData } from '../../../../src/shared/api/landscapeDto';
import { landscapeCsv } from '../../../../src/renderer/src/landscape/landscapeCsv';
import { fadeColor, gridOption, landscapeSubtitle, lineOption, surfaceOption } from '../../../../src/renderer/src/landscape/landscapeOption';
import { displayValue, sharedAxes, sharedScale, type DisplayOptions } from '../../../../src/renderer/src/landscape/landscapeScale';

const settings = {
  mode: 'pathPlane' as const, normalization: 'filter' as const, includeBiases: false, seed: 1, resolution: 3,
  range: [-1, 1] as [number, number], split: 'train' as const, endpoints: 'initToFinal' as const, pathMargin: 0.2,
};

/** A 3 x 3 bowl around (0, 0) over [-1, 1]^2 with a two-checkpoint path. */
function plane(overrides: Partial<LandscapeData> = {}): LandscapeData {
  const alphas = [-1, 0, 1];
  const betas = [-1, 0, 1];
  return {
    id: 7, runId: 3, createdAt: 0, settings, dimensions: 2, alphaRange: [-1, 1], betaRange: [-1, 1],
    checkpointStep: 100, checkpointEpoch: 10, centerLoss: 0.1, centerAccuracy: 0.9, minLoss: 0.1, maxLoss: 2.1,
    explainedVarianceRatio: [0.9, 0.05], rows: 50, durationMs: 12, otherRunName: null,
    alphas, betas,
    loss: alphas.flatMap((a) => betas.map((b) => 0.1 + a * a + b * b)),
    accuracy: alphas.flatMap(() => betas.map(() => 0.5)),
    endpointLoss: null,
    path: { alpha: [-0.8, 0], beta: [0.5, 0], step: [0, 100], epoch: [0, 10], loss: [1.5, 0.1] },
    ...overrides,
  };
}

const loss: DisplayOptions = { metric: 'loss', log: false };
const seriesById = (option: { series: unknown[] }, id: string) => (option.series as { id: string; data: unknown[] }[]).find((s) => s.id === id);

describe('landscape scales', () => {
  it('clips high losses, then takes log10, and cannot draw what is not finite or positive', () => {
    expect(displayValue(5, { metric: 'loss', log: false, clip: 2 })).toBe(2);
    expect(displayValue(100, { metric: 'loss', log: true })).toBeCloseTo(2, 12);
    expect(displayValue(0, { metric: 'loss', log: true })).toBeNull();
    expect(displayValue(null, loss)).toBeNull();
    expect(displayValue(Infinity, loss)).toBeNull();
    // accuracy is never clipped or logged
    expect(displayValue(0.5, { metric: 'accuracy', log: true, clip: 0.1 })).toBe(0.5);
  });

  it('gives two landscapes one colour scale and axes covering both', () => {
    const a = plane();
    const b = plane({ id: 8, loss: a.loss.map((v) => (v === null ? null : v * 10)), alphaRange: [-2, 2], alphas: [-2, 0, 2] });
    const scale = sharedScale([a, b], loss);
    expect(scale.min).toBeCloseTo(0.1, 12);
    expect(scale.max).toBeCloseTo(21, 12);
    const axes = sharedAxes([a, b]);
    // half a cell beyond the outer grid points: cells are 1 and 2 wide
    expect(axes.alpha).toEqual([-3, 3]);
    expect(axes.beta).toEqual([-1.5, 1.5]);
  });
});

describe('landscape chart options', () => {
  const options = (kind: 'contour' | 'heatmap', l = plane()) => ({
    kind, display: loss, scale: sharedScale([l], loss), axes: sharedAxes([l]), labels: { title: 'Run 3' },
  });

  it('draws every grid cell, isolines, the path through each checkpoint, and its two ends', () => {
    const option = gridOption(plane(), options('contour'));
    expect(option.series.map((s) => s.id)).toEqual(['cells', 'contours', 'path', 'marks']);
    expect(seriesById(option, 'cells')!.data).toHaveLength(9);
    expect(seriesById(option, 'contours')!.data.length).toBeGreaterThan(0);
    expect(seriesById(option, 'path')!.data).toEqual([[-0.8, 0.5, 0, 0, 1.5], [0, 0, 100, 10, 0.1]]);
    expect(seriesById(option, 'marks')!.data).toEqual([{ value: [-0.8, 0.5], name: 'start' }, { value: [0, 0], name: 'final' }]);
    expect(option.visualMap).toMatchObject({ min: expect.closeTo(0.1, 12), max: expect.closeTo(2.1, 12) });
  });

  it('leaves the isolines out of a heatmap and marks the trained point when there is no path', () => {
    const option = gridOption(plane({ path: null, explainedVarianceRatio: null }), options('heatmap'));
    expect(option.series.map((s) => s.id)).toEqual(['cells', 'marks']);
    expect(seriesById(option, 'marks')!.data).toEqual([{ value: [0, 0], name: 'trained' }]);
  });

  it("says how the slice was made, with the variance the path's directions explain", () => {
    expect(landscapeSubtitle(plane())).toBe('plane of the optimizer’s path · explained variance 90.0% + 5.0% · step 100');
  });

  it('says so when the optimizer path is a straight line, whose plane has no second axis of its own', () => {
    expect(landscapeSubtitle(plane({ explainedVarianceRatio: [1, 0], pathIsLine: true })))
      .toBe('plane of the optimizer’s path · explained variance 100.0% + 0.0% · the path is a straight line: the second axis is not the path’s · step 100');
  });

  it('draws a 1-D curve with the interpolation ends marked, on a log axis when asked', () => {
    const line = plane({
      dimensions: 1, betas: null, betaRange: null, alphas: [0, 0.5, 1], loss: [1, 0.5, 0.1], accuracy: null, path: null,
      settings: { ...settings, mode: 'interpolation' }, endpointLoss: [1, 0.1],
    });
    const display: DisplayOptions = { metric: 'loss', log: true };
    const option = lineOption(line, { display, scale: sharedScale([line], display), axes: sharedAxes([line]), labels: { title: 'Run 3' } });
    expect(option.yAxis.type).toBe('log');
    expect(option.series[0].data).toEqual([[0, 1], [0.5, expect.closeTo(0.5, 12)], [1, expect.closeTo(0.1, 12)]]);
    expect(option.series[0].markLine.data.map((d) => d.name)).toEqual(['initial', 'final']);
  });

  it('lays the 3-D surface out in rows of constant beta, alpha varying fastest, with the path on it', () => {
    const l = plane();
    const option = surfaceOption(l, { display: loss, scale: sharedScale([l], loss), axes: sharedAxes([l]), labels: { title: 'Run 3' } });
    const surface = option.series[0] as { data: number[][]; dataShape: number[] };
    expect(surface.dataShape).toEqual([3, 3]);
    expect(surface.data.slice(0, 3).map((p) => p.slice(0, 2))).toEqual([[-1, -1], [0, -1], [1, -1]]);
    expect(option.series.map((s) => s.id)).toEqual(['surface', 'path', 'marks']);
  });

  it('fades colours towards white for the contour background', () => {
    expect(fadeColor('#000000', 0.5)).toBe('rgb(128,128,128)');
    expect(fadeColor('rgba(255, 0, 100, 1)', 0)).toBe('rgb(255,0,100)');
    expect(fadeColor('red', 0.5)).toBe('red');
  });
});

describe('landscape CSV', () => {
  it('writes one row per grid point, then the path', () => {
    const csv = landscapeCsv(plane({ loss: [1, 2, 3, 4, null, 6, 7, 8, 9] }));
    const lines = csv.trimEnd().split('\n');
    expect(lines[0]).toBe('alpha,beta,loss,accuracy');
    expect(lines[1]).toBe('-1,-1,1,0.5');
    expect(lines[5]).toBe('0,0,,0.5');
    expect(lines[10]).toBe('');
    expect(lines.slice(11)).toEqual(['step,epoch,alpha,beta,loss', '0,0,-0.8,0.5,1.5', '100,10,0,0,0.1']);
  });

  it('writes a 1-D curve as alpha and loss', () => {
    const csv = landscapeCsv(plane({ dimensions: 1, betas: null, alphas: [0, 1], loss: [0.3, 0.2], accuracy: null, path: null }));
    expect(csv).toBe('alpha,loss\n0,0.3\n1,0.2\n');
  });
});
