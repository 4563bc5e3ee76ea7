/**
 * Saving a file from the page: a Blob behind a temporary <a download> link. The same in
 * Electron and in browser mode, and Playwright sees it as an ordinary download. Every save
 * in the renderer goes through here: text and API exports, chart pictures (data URLs) and
 * canvases.
 */
import type { ExportedFile } from '../../../shared/api/trackingDto';

/** A name any file system accepts: letters, digits, dot, dash and underscore. */
export function safeFileName(name: string): string {
  return name.replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 120) || 'export';
}

export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  // Revoked later, not at once: some browsers start reading the Blob only after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function saveText(text: string, filename: string, mimeType: string): void {
  saveBlob(new Blob([text], { type: `${mimeType};charset=utf-8` }), filename);
}

/** An API export (text, or base64 for binary formats such as ONNX) as a Blob. */
export function exportedFileBlob(file: ExportedFile): Blob {
  if (file.encoding === 'utf8') return new Blob([file.data], { type: file.mimeType });
  const binary = atob(file.data);
  const bytes = new Uint8Array(binary.length);
  for (let k = 0; k < binary.length; k++) bytes[k] = binary.charCodeAt(k);
  return new Blob([bytes], { type: file.mimeType });
}

export function saveExportedFile(file: ExportedFile): void {
  saveBlob(exportedFileBlob(file), file.filename);
}

/** A base64 or percent-encoded data: URL's bytes as a Blob (fetch(dataUrl) would need the CSP to allow data: in connect-src). */
export function dataUrlToBlob(dataUrl: string): Blob {
  const [head, body] = dataUrl.split(',', 2);
  const mime = /^data:([^;,]+)/.exec(head)?.[1] ?? 'application/octet-stream';
  if (!head.includes(';base64')) return new Blob([decodeURIComponent(body)], { type: mime });
  const binary = atob(body);
  const bytes = new Uint8Array(binary.length);
  for (let k = 0; k < binary.length; k++) bytes[k] = binary.charCodeAt(k);
  return new Blob([bytes], { type: mime });
}

/** A picture a chart drew (its getDataURL()) as a file. */
export function saveDataUrl(dataUrl: string, filename: string): void {
  saveBlob(dataUrlToBlob(dataUrl), filename);
}

/** A canvas as a PNG file. */
export function saveCanvas(canvas: HTMLCanvasElement, filename: string): Promise<void> {
  return new Promise((resolve, reject) => {
    canvas.toBlob((blob) => {
      if (!blob) {
        reject(new Error('the picture could not be encoded as PNG'));
        return;
      }
      saveBlob(blob, filename);
      resolve();
    }, 'image/png');
  });
}
