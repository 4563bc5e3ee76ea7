/** Colors and type shared by every chart, matched to styles/base.css so charts and page read as one. */
export const CHART_COLORS = {
  train: '#2563eb',
  test: '#ea580c',
  axis: '#94a3b8',
  grid: '#e2e8f0',
  text: '#334155',
  muted: '#64748b',
} as const;

/** One color per class for dataset previews (colorblind-friendly, Okabe–Ito order). */
export const CLASS_COLORS = ['#0072b2', '#e69f00', '#009e73', '#cc79a7', '#56b4e9', '#d55e00', '#f0e442', '#000000', '#999999', '#7b3294'];

export const CHART_FONT = 'Inter, "Segoe UI", system-ui, -apple-system, sans-serif';
