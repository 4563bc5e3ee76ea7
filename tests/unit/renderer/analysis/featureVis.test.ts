// The pure pieces of the feature-visualization views: colour maps, picture layout, the form's
// request, the captions under pictures and the chart options.
import { describe, expect, it } from 'vitest';
import type { FeatureVisContext, FeatureVisReport, RepresentationReport } from '../../../../src/shared/api/featureVisDto';
import { planeOption, representationOption, trajectoryOption } from '../../../../src/renderer/src/analysis/chartOptions';
import { colorOf, paintPixels, symmetricScale } from '../../../../src/renderer/src/ui/colorMaps';
import { choosesClass, defaultObjective, formFromObjective, objectiveFromForm } from '../../../../src/renderer/src/analysis/formDefaults';
import { pixelScale, pngName, sheetLayout } from '../../../../src/renderer/src/ui/imageLayout';
import { deadOnData, exampleItems, highestInput, optimizedItems, predicted } from '../../../../src/renderer/src/analysis/resultSheets';

describe('colour maps', () => {
  it('maps the grey scale from black at the minimum to white at the maximum, clamping outside', () => {
    const scale = { kind: 'grey' as const, min: 0, max: 1 };
    expect(colorOf(0, scale)).toEqual([0, 0, 0]);
    expect(colorOf(1, scale)).toEqual([255, 255, 255]);
    expect(colorOf(0.5, scale)).toEqual([128, 128, 128]);
    expect(colorOf(7, scale)).toEqual([255, 255, 255]);
  });

  it('keeps zero white on the diverging scale, negative blue and positive red, symmetric in the largest magnitude', () => {
    const scale = symmetricScale([-0.2, 0.5, NaN]);
    expect(scale).toEqual({ kind: 'diverging', min: -0.5, max: 0.5 });
    expect(colorOf(0, scale)).toEqual([247, 247, 247]);
    const [r, , b] = colorOf(0.5, scale);
    expect(r).toBeGreaterThan(b);
    const [rn, , bn] = colorOf(-0.5, scale);
    expect(bn).toBeGreaterThan(rn);
  });

  it('paints one opaque RGBA pixel per value and refuses a picture of the wrong size', () => {
    const pixels = paintPixels([0, 1, 0, 1], 2, 2, { kind: 'grey', min: 0, max: 1 });
    expect(Array.from(pixels)).toEqual([0, 0, 0, 255, 255, 255, 255, 255, 0, 0, 0, 255, 255, 255, 255, 255]);
    expect(() => paintPixels([0, 1, 0], 2, 2, { kind: 'grey', min: 0, max: 1 })).toThrow(/expected 4 values, got 3/);
  });
});

describe('picture layout', () => {
  it('wraps cells into rows with captions between them and sizes the sheet to fit', () => {
    const layout = sheetLayout(5, { cell: 28, gap: 4, caption: 10, maxColumns: 2 });
    expect([layout.columns, layout.rows]).toEqual([2, 3]);
    expect(layout.positions[3]).toEqual({ x: 4 + 32, y: 4 + 42 });
    expect([layout.width, layout.height]).toEqual([4 + 2 * 32, 4 + 3 * 42]);
  });

  it('upscales by whole pixels only and makes file names from words', () => {
    expect(pixelScale(28, 112)).toBe(4);
    expect(pixelScale(28, 100)).toBe(3);
    expect(pixelScale(28, 10)).toBe(1);
    expect(pngName('run', 3, 'Hidden layer 1, unit 2 (after activation)', 'top')).toBe('run-3-hidden-layer-1-unit-2-after-activation-top.png');
  });
});

const mnistContext = (): FeatureVisContext => ({
  runId: 1, runName: 'mnist', task: 'classification', layout: { kind: 'image', width: 28, height: 28 }, inputDim: 784,
  layers: [
    { index: 0, label: 'Hidden layer 1', units: 32, activation: 'relu', output: false },
    { index: 1, label: 'Output layer', units: 10, activation: 'softmax', output: true },
  ],
  imageLayers: [],
  outputNames: Array.from({ length: 10 }, (_, k) => String(k)), classes: 10, checkpoints: [], rows: { train: 8000, test: 2000 }, weightImages: null,
});

describe('the objective form', () => {
  it('opens a classifier on its classes and turns the form into a class objective', () => {
    const context = mnistContext();
    const form = defaultObjective(context);
    expect(choosesClass(form, context)).toBe(true);
    expect(objectiveFromForm({ ...form, classIndex: 7 }, context)).toEqual({ kind: 'class', class: 7, output: 'logit' });
  });

  it('sends hidden units 0-based while the page counts from 1, and shows a stored objective again', () => {
    const context = mnistContext();
    const objective = objectiveFromForm({ layer: 0, unit: 5, preActivation: true, classIndex: 0, output: 'logit' }, context);
    expect(objective).toEqual({ kind: 'unit', layer: 0, unit: 4, preActivation: true });
    expect(formFromObjective(objective, context)).toMatchObject({ layer: 0, unit: 5, preActivation: true });
  });

  it('sends a conv layer\'s channel 0-based as a channel objective, never as a class, and shows it again', () => {
    const context = { ...mnistContext(), imageLayers: [{ index: 0, label: 'Conv 1 · 8@5×5 relu', kind: 'conv' as const, output: [8, 24, 24] as [number, number, number] }] };
    // the output layer of a classifier is asked by class, but a chosen image layer wins
    const form = { layer: 1, imageLayer: 0, unit: 3, preActivation: false, classIndex: 0, output: 'logit' as const };
    expect(choosesClass(form, context)).toBe(false);
    const objective = objectiveFromForm(form, context);
    expect(objective).toEqual({ kind: 'channel', imageLayer: 0, channel: 2 });
    expect(formFromObjective(objective, context)).toMatchObject({ imageLayer: 0, unit: 3 });
  });
});

const planeReport = (): FeatureVisReport => ({
  objective: { kind: 'unit', layer: 0, unit: 0, preActivation: false },
  objectiveLabel: 'Hidden layer 1, unit 1 (after activation)',
  settings: { steps: 2, learningRate: 0.05, l2: 0, totalVariation: 0, jitter: 0, keepInRange: 'per-feature', starts: 2, count: 1, diversity: 0, seed: 1 },
  checkpoint: { id: 3, step: 100, epoch: 10 },
  layout: { kind: 'plane', names: ['x1', 'x2'] },
  range: { min: -1, max: 1 },
  outputNames: ['y'], classes: 2,
  starts: [
    { inputs: [[0.1, 0.2]], values: [0.3], objective: 0.3, outputs: [[0.2]], trajectory: [0, 0.2, 0.3] },
    { inputs: [[0.5, 0.6]], values: [0.9], objective: 0.9, outputs: [[0.8]], trajectory: [0, 0.5, 0.9] },
  ],
  best: 1,
  examples: {
    split: 'test', slightTarget: 0.1,
    top: [{ index: 4, activation: 0.8, x: [0.4, 0.4], label: 1 }],
    slight: [{ index: 9, activation: 0.1, x: [-0.4, 0.1], label: 0 }],
    bottom: [], stats: { min: -0.5, max: 0.8, mean: 0.1, rows: 20 },
  },
  plane: { x: { min: -1, max: 1 }, y: { min: -1, max: 1 }, resolution: 2, values: [-0.5, 0.1, 0.2, 0.8], data: { x: [[0, 0], [0.5, 0.5]], label: [0, 1] } },
  evolution: [], elapsedMs: 5,
});

describe('result captions', () => {
  it('lists the highest activation first, the only one marked, with its value and the class the network gives it', () => {
    const items = optimizedItems(planeReport());
    expect(items.map((i) => i.caption)).toEqual(['start 2 · highest', 'start 1']);
    expect(items[0].highlight).toBe(true);
    expect(items[0].detail).toBe('0.9 → 1 80%');
    expect(items[1].detail).toBe('0.3 → 0 80%');
  });

  it('marks only the input with the highest activation when a start holds several, whatever the ranking of starts', () => {
    const base = planeReport();
    // the optimizer ranked start 1 best (its objective includes diversity), but start 2's second input reached 20
    const report = {
      ...base, best: 0,
      starts: [
        { ...base.starts[0], inputs: [[0, 0], [0, 1]], values: [4.632, 3.1], outputs: [[0.8], [0.7]] },
        { ...base.starts[1], inputs: [[1, 0], [1, 1]], values: [9.5, 20], outputs: [[0.6], [0.9]] },
      ],
    };
    expect(highestInput(report)).toEqual({ start: 1, input: 1, value: 20 });
    const items = optimizedItems(report);
    expect(items.map((i) => i.caption)).toEqual(['start 2.2 · highest', 'start 2.1', 'start 1.1', 'start 1.2']);
    expect(items.filter((i) => i.highlight)).toHaveLength(1);
  });

  it('calls a unit dead when no row excites it, and not when the top rows differ', () => {
    const row = (index: number, activation: number) => ({ index, x: [0, 0], label: 0, activation });
    expect(deadOnData({ top: [row(0, 0), row(1, 0), row(2, 0)] })).toBe(true);
    expect(deadOnData({ top: [row(3, 0.2), row(1, 0), row(2, 0)] })).toBe(false);
    expect(deadOnData({ top: [] })).toBe(false);
  });

  it('names each example by its row and class with its activation', () => {
    expect(exampleItems(planeReport().examples.top)).toEqual([{ key: 4, values: [0.4, 0.4], caption: 'row 4 · 1', detail: 'act 0.8' }]);
    expect(predicted([0.1, 0.7, 0.2], 3)).toEqual({ label: 1, p: 0.7 });
    expect(predicted([3.2], null)).toBeNull();
  });
});

describe('chart options', () => {
  it('draws the plane as cells coloured symmetrically around zero, with data, examples and optimized points', () => {
    const option = planeOption(planeReport()) as { series: { name: string; data: unknown[] }[]; visualMap: { min: number; max: number } };
    expect(option.visualMap).toMatchObject({ min: -0.8, max: 0.8 });
    expect(option.series[0].data).toEqual([[-0.5, -0.5, -0.5], [0.5, -0.5, 0.1], [-0.5, 0.5, 0.2], [0.5, 0.5, 0.8]]);
    expect(option.series.map((s) => s.name)).toEqual(['unit value', 'class 0', 'class 1', 'top examples', 'slight examples', 'optimized']);
    expect(option.series[5].data).toHaveLength(2);
  });

  it('plots the objective of every start against the step, marking the best', () => {
    const option = trajectoryOption(planeReport()) as { series: { name: string; data: number[][] }[] };
    expect(option.series.map((s) => s.name)).toEqual(['start 1', 'start 2 (best)']);
    expect(option.series[1].data).toEqual([[0, 0], [1, 0.5], [2, 0.9]]);
  });

  it('colours a representation by class and names PCA axes with their share of the variance', () => {
    const report: RepresentationReport = {
      layer: 0, layerLabel: 'Hidden layer 1', units: 8, preActivation: false, split: 'test', kind: 'pca', dims: 2,
      rows: [0, 1, 2], labels: [0, 1, 1], outputNames: ['a', 'b'], classes: 2,
      frames: [{ checkpoint: { id: 1, step: 0, epoch: 0 }, coordinates: [0, 0, 1, 1, 2, 2], explained: [0.61, 0.2], axisUnits: null }],
      bounds: { x: [0, 2], y: [0, 2] }, elapsedMs: 1,
    };
    const option = representationOption(report, 0) as { series: { name: string; data: number[][] }[]; xAxis: { name: string } };
    expect(option.series.map((s) => [s.name, s.data.length])).toEqual([['a', 1], ['b', 2]]);
    expect(option.xAxis.name).toBe('PC1 (61% of variance)');
  });

  it('shows class names from a CSV in tooltips as text, never as markup', () => {
    const report: RepresentationReport = {
      layer: 0, layerLabel: 'Hidden layer 1', units: 8, preActivation: false, split: 'test', kind: 'pca', dims: 2,
      rows: [0, 1], labels: [0, 1], outputNames: ['<img src=x onerror=alert(1)>', 'b&c'], classes: 2,
      frames: [{ checkpoint: { id: 1, step: 0, epoch: 0 }, coordinates: [0, 0, 1, 1], explained: [0.6, 0.2], axisUnits: null }],
      bounds: { x: [0, 1], y: [0, 1] }, elapsedMs: 1,
    };
    const option = representationOption(report, 0) as { tooltip: { formatter: (p: { seriesName: string; value: number[] }) => string }; series: { name: string }[] };
    const tip = option.tooltip.formatter({ seriesName: option.series[0].name, value: [0, 1] });
    expect(tip).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(tip).not.toContain('<img');
    expect(option.tooltip.formatter({ seriesName: option.series[1].name, value: [0, 1] })).toContain('b&amp;c');
  });
});
