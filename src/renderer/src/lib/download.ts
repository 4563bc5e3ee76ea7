/**
 * Saving a file from the page: a Blob behind a temporary <a download> link. The same in
 * Electron and in browser mode, and Playwright sees it as an ordinary download.
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
