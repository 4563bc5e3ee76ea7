import { describe, expect, it } from 'vitest';
import { compareChartOption } from '../../../../src/renderer/src/compare/compareOption';
import { axisFor, differingKeys, parallelOption, scatterOption } from '../../../../src/renderer/src/compare/runsOption';
import { optionToSvg } from '../../../../src/renderer/src/ui/chartExport';
import { dataUrlToBlob } from '../../../../src/renderer/src/lib/download';
import { gridPixels, landscapeRows } from '../../../../src/renderer/src/compare/thumbnail';
import { buildCompareChart, type CompareOptions } from '../../../../src/shared/tracking';
import type { CompareSeries } from '../../../../src/shared/api/trackingDto';

const series = (runId: number, values: number[]): CompareSeries => ({
  runId, name: 'train_loss', step: values.map((_, k) => k + 1), epoch: values.map((_, k) => k + 1), time: values.map((_, k) => 1000 * k), value: values, total: values.length,
});
const runs = [
  { id: 1, name: 'a', hyperparams: { units: 2 } },
  { id: 2, name: 'b', hyperparams: { units: 4 } },
  { id: 3, name: 'c', hyperparams: { units: 4 } },
];
const data = [series(1, [1, 0.5, 0.25]), series(2, [2, 1, 0.5]), series(3, [4, 2, 1])];
const base: CompareOptions = { xAxis: 'step', smoothing: 0, logX: false, logY: false, ignoreOutliers: false, band: 'minmax' };
const view = { metric: 'train_loss', xAxis: 'step' as const, logX: false, logY: false };
type Series = { id: string; name: string; stack?: string; data: [number, number][]; areaStyle?: unknown };

describe('the compare chart option', () => {
  it('draws one line per run, named by run number and name so runs of one name stay apart', () => {
    const option = compareChartOption(buildCompareChart(data, runs, base), view) as { series: Series[] };
    expect(option.series.map((s) => s.name)).toEqual(['#1 a', '#2 b', '#3 c']);
    const twins = compareChartOption(buildCompareChart(data, runs.map((r) => ({ ...r, name: 'circle 2-6-1' })), base), view) as { series: Series[] };
    expect(new Set(twins.series.map((s) => s.name)).size).toBe(3);
    expect(option.series[1].data).toEqual([[1, 2], [2, 1], [3, 0.5]]);
  });

  it('draws a group as its mean with a shaded band stacked from lower to upper', () => {
    const option = compareChartOption(buildCompareChart(data, runs, { ...base, groupBy: 'units' }), view) as { series: Series[] };
    const group = option.series.filter((s) => s.name === 'units=4');
    expect(group.map((s) => s.id)).toEqual(['band:1:lower', 'band:1:height', 'curve:1']);
    expect(group[0].data).toEqual([[1, 2], [2, 1], [3, 0.5]]);
    expect(group[1].data).toEqual([[1, 2], [2, 1], [3, 0.5]]);
    expect(group[1].areaStyle).toBeDefined();
    expect(group[0].stack).toBe(group[1].stack);
    expect(group[2].data).toEqual([[1, 3], [2, 1.5], [3, 0.75]]);
  });

  it('uses a log y axis, a time axis for wall-clock time and the outlier-free range when asked', () => {
    const chart = buildCompareChart([...data, series(4, [1000, 0.5, 0.4])], [...runs, { id: 4, name: 'd', hyperparams: {} }], { ...base, ignoreOutliers: true });
    const option = compareChartOption(chart, { ...view, xAxis: 'wall', logY: true }) as { xAxis: { type: string }; yAxis: { type: string; max: number } };
    expect(option.xAxis.type).toBe('time');
    expect(option.yAxis.type).toBe('log');
    expect(option.yAxis.max).toBeLessThan(1000);
  });
});

describe('parallel coordinates and the scatter', () => {
  it('picks category axes for words and log axes for numbers over two decades', () => {
    expect(axisFor(['relu', 'tanh', 'relu'])).toEqual({ type: 'category', data: ['relu', 'tanh'] });
    expect(axisFor([0.1, 0.001, undefined])).toEqual({ type: 'log' });
    expect(axisFor([2, 4, 8])).toEqual({ type: 'value' });
  });

  it('draws each run as one line through every chosen dimension', () => {
    const points = [{ id: 1, name: 'a', values: { lr: 0.1, act: 'relu', loss: 0.5 } }, { id: 2, name: 'b', values: { lr: 0.001, act: 'tanh', loss: 0.2 } }];
    const option = parallelOption(points, ['lr', 'act', 'loss']) as { parallelAxis: { type: string }[]; series: { data: unknown[][] }[] };
    expect(option.parallelAxis.map((a) => a.type)).toEqual(['log', 'category', 'value']);
    expect(option.series[1].data).toEqual([[0.001, 'tanh', 0.2]]);
    const scatter = scatterOption(points, 'lr', 'loss') as { series: { data: unknown[] }[]; xAxis: { type: string } };
    expect(scatter.xAxis.type).toBe('log');
    expect(scatter.series.map((s) => s.data)).toEqual([[[0.1, 0.5]], [[0.001, 0.2]]]);
  });

  it('lists only the settings that differ between runs', () => {
    expect(differingKeys([{ hyperparams: { a: 1, b: 'x' } }, { hyperparams: { a: 1, b: 'y', c: 3 } }])).toEqual(['b', 'c']);
  });
});

describe('chart export', () => {
  it('renders an option to an SVG document off screen', () => {
    const option = compareChartOption(buildCompareChart(data, runs, base), view);
    const svg = optionToSvg(option, 600, 300);
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('width="600"');
    expect(svg).toContain('<path');
  });

  it('turns a base64 data URL back into its bytes', async () => {
    const blob = dataUrlToBlob('data:image/png;base64,iVBORw==');
    expect(blob.type).toBe('image/png');
    expect([...new Uint8Array(await blob.arrayBuffer())]).toEqual([0x89, 0x50, 0x4e, 0x47]);
  });
});

describe('thumbnails of stored analyses', () => {
  it('colours low loss dark and high loss bright, and unknown cells gray', () => {
    const px = gridPixels([0.01, 1, null], 3, 'log-loss');
    const brightness = (k: number) => px[k * 4] + px[k * 4 + 1] + px[k * 4 + 2];
    expect(brightness(0)).toBeLessThan(brightness(1));
    expect([...px.slice(8, 12)]).toEqual([226, 232, 240, 255]);
  });

  it('puts a landscape\'s beta axis upwards', () => {
    // loss[i * betas + j]: alpha i, beta j
    expect(landscapeRows([1, 2, 3, 4], 2, 2)).toEqual([2, 4, 1, 3]);
  });
});
