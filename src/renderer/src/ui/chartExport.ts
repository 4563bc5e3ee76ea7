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

/** Pixels a picture's title takes above the chart. */
export const TITLE_HEIGHT = 36;

/**
 * A picture that stands on its own in a slide or a paper: the card's title drawn above the chart
 * (on screen it is the card's heading, outside the canvas), and every legend entry listed rather
 * than a paged legend whose other pages a file cannot turn to.
 */
export function titledPicture(option: EChartsCoreOption, title: string): EChartsCoreOption {
  const o = option as Record<string, unknown>;
  const shift = (part: unknown): unknown => {
    const list = Array.isArray(part) ? part : part === undefined ? [] : [part];
    return list.map((p) => {
      const q = { ...(p as Record<string, unknown>) };
      if (typeof q.top === 'number') q.top += TITLE_HEIGHT;
      else if (q.top === undefined || q.top === null || q.top === 'auto') q.top = TITLE_HEIGHT + 8;
      return q;
    });
  };
  const legend = (Array.isArray(o.legend) ? o.legend : o.legend ? [o.legend] : []).map((l) => ({ ...(l as object), type: 'plain' }));
  return {
    ...o,
    title: { text: title, left: 12, top: 8, textStyle: { fontSize: 15, fontWeight: 600, color: '#1f2937' } },
    grid: shift(o.grid),
    legend: shift(legend),
  };
}

export function chartToSvg(chart: EChartsType, title?: string): string {
  const picture = pictureOption(chart);
  const extra = title ? TITLE_HEIGHT : 0;
  return optionToSvg(title ? titledPicture(picture, title) : picture, chart.getWidth(), chart.getHeight() + extra);
}

/** An option drawn on a canvas off screen (the live chart is never disturbed) as a PNG data URL at twice the density. */
export function optionToPngDataUrl(option: EChartsCoreOption, width: number, height: number): string {
  const host = document.createElement('div');
  host.style.cssText = `position: fixed; left: -100000px; top: 0; width: ${width}px; height: ${height}px;`;
  document.body.appendChild(host);
  const chart = init(host, undefined, { renderer: 'canvas', width, height });
  try {
    chart.setOption({ ...option, animation: false });
    return chart.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: EXPORT_BACKGROUND });
  } finally {
    chart.dispose();
    host.remove();
  }
}

export function chartToPngDataUrl(chart: EChartsType, title?: string): string {
  if (!title) return chart.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: EXPORT_BACKGROUND });
  return optionToPngDataUrl(titledPicture(pictureOption(chart), title), chart.getWidth(), chart.getHeight() + TITLE_HEIGHT);
}

/** The chart on screen as a PNG file; with a title, drawn again with the title above it. */
export function savePng(chart: EChartsType, filename: string, title?: string): void {
  saveDataUrl(chartToPngDataUrl(chart, title), filename);
}

/** An option drawn as an SVG file of the given size (for charts whose on-screen option is the one to keep). */
export function saveSvg(option: EChartsCoreOption, width: number, height: number, filename: string): void {
  saveText(optionToSvg(option, width, height), filename, 'image/svg+xml');
}
