/**
 * Whether the 3-D surface can be drawn here: WebGL first (a headless browser or a remote
 * desktop may have none), then echarts-gl, imported on demand so the rest of the app never
 * loads it. Checked once per page.
 */
import { use } from 'echarts/core';

export type SurfaceSupport = { ok: true } | { ok: false; reason: string };

let checked: Promise<SurfaceSupport> | undefined;

export function hasWebGl(doc: Document = document): boolean {
  try {
    const canvas = doc.createElement('canvas');
    return Boolean(canvas.getContext('webgl2') ?? canvas.getContext('webgl'));
  } catch {
    return false;
  }
}

export function loadSurfaceSupport(): Promise<SurfaceSupport> {
  checked ??= (async (): Promise<SurfaceSupport> => {
    if (!hasWebGl()) {
      return { ok: false, reason: 'The 3-D surface needs WebGL, which this window does not offer (graphics acceleration may be off). The contour and heatmap show the same grid.' };
    }
    try {
      const [charts, components] = await Promise.all([import('echarts-gl/charts'), import('echarts-gl/components')]);
      use([charts.SurfaceChart, charts.Line3DChart, charts.Scatter3DChart, components.Grid3DComponent] as Parameters<typeof use>[0]);
      return { ok: true };
    } catch (err) {
      return { ok: false, reason: `The 3-D renderer could not be loaded: ${err instanceof Error ? err.message : String(err)}` };
    }
  })();
  return checked;
}
