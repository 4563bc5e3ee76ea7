/**
 * Text made safe to put inside HTML: ECharts renders tooltip formatters' strings as HTML, and
 * they carry names the user chose (data sets, CSV columns, runs). The CSP already stops scripts;
 * this keeps markup in a name from changing what the tooltip shows.
 */
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}
