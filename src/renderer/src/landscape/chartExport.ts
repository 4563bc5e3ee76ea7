/**
 * Saving a chart: PNG from the live canvas at twice its resolution, SVG by rendering the same
 * option again with ECharts' SVG renderer (server-side mode, so nothing is added to the page).
 * Files go out through lib/download's Blob link, the same in Electron and in a browser.
 */
import { init, type EChartsCoreOption, type EChartsType } from 'echarts/core';
import { saveBlob, saveText } from '../lib/download';

/** A base64 data URL as a Blob, decoded here: fetch(dataUrl) would be a connection the CSP refuses. */
export function dataUrlBlob(dataUrl: string): Blob {
  const [header, base64] = dataUrl.split(',', 2);
  const type = /^data:([^;]+)/.exec(header)?.[1] ?? 'application/octet-stream';
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let k = 0; k < binary.length; k++) bytes[k] = binary.charCodeAt(k);
  return new Blob([bytes], { type });
}

export function savePng(chart: EChartsType, fileName: string): void {
  saveBlob(dataUrlBlob(chart.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#ffffff' })), fileName);
}

/** The option as an SVG document of the given size. */
export function svgOf(option: EChartsCoreOption, width: number, height: number): string {
  const chart = init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({ ...option, animation: false, backgroundColor: '#ffffff' });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

export function saveSvg(option: EChartsCoreOption, width: number, height: number, fileName: string): void {
  saveText(svgOf(option, width, height), fileName, 'image/svg+xml');
}
