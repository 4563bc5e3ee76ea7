/** Saving a picture: a canvas or a chart's data URL becomes a PNG download (a save dialog in Electron, a download in the browser). */
export function downloadUrl(url: string, fileName: string): void {
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
}

export function downloadCanvas(canvas: HTMLCanvasElement, fileName: string): Promise<void> {
  return new Promise((resolve, reject) => {
    canvas.toBlob((blob) => {
      if (!blob) {
        reject(new Error('the picture could not be encoded as PNG'));
        return;
      }
      const url = URL.createObjectURL(blob);
      downloadUrl(url, fileName);
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      resolve();
    }, 'image/png');
  });
}
