/**
 * Every chart as a picture: PNG from the chart on screen (its canvas, at twice the pixel
 * density so it stays sharp in slides), SVG by drawing the same option again with ECharts' SVG
 * renderer in server-side mode, off screen, so the live chart is never disturbed. Files go out
 * through lib/download, the same in Electron and in a browser.
 */
import './registerCharts';
import { getInstanceByDom, init, type EChartsCoreOption, type EChartsType } from 'echarts/core';
import { saveDataUrl, saveText } from '../lib/download';

export const EXPORT_BACKGROUND = '#ffffff';

/** The ECharts instance drawn in `root` or any element inside it (vue-echarts puts it on an inner element). */
export function findChart(root: Element | null | undefined): EChartsType | undefined {
  if (!root) return undefined;
  const direct = getInstanceByDom(root as HTMLElement);
  if (direct) return direct;
  for (const el of root.querySelectorAll('*')) {
    const found = getInstanceByDom(el as HTMLElement);
    if (found) return found;
  }
  return undefined;
}

/**
 * An option as an SVG document, `width` x `height` pixels. Animation is switched off: a
 * server-side render is one frame, and an animated one would catch the curves half drawn.
 */
export function optionToSvg(option: EChartsCoreOption, width: number, height: number): string {
  const chart = init(null, undefined, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({ ...option, animation: false, backgroundColor: EXPORT_BACKGROUND });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/**
 * What getOption() returns is the merged, normalized option; a few of its parts only make
 * sense on screen (the inside zoom's remembered window is kept, so the picture shows what the
 * user zoomed to; tooltips and toolboxes are dropped: there is nothing to hover in a file).
 */
export function pictureOption(chart: EChartsType): EChartsCoreOption {
  const { tooltip: _tooltip, toolbox: _toolbox, ...rest } = chart.getOption() as Record<string, unknown>;
  return rest;
}

export function chartToSvg(chart: EChartsType): string {
  return optionToSvg(pictureOption(chart), chart.getWidth(), chart.getHeight());
}

export function chartToPngDataUrl(chart: EChartsType): string {
  return chart.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: EXPORT_BACKGROUND });
}

/** The chart on screen as a PNG file. */
export function savePng(chart: EChartsType, filename: string): void {
  saveDataUrl(chartToPngDataUrl(chart), filename);
}

/** An option drawn as an SVG file of the given size (for charts whose on-screen option is the one to keep). */
export function saveSvg(option: EChartsCoreOption, width: number, height: number, filename: string): void {
  saveText(optionToSvg(option, width, height), filename, 'image/svg+xml');
}
