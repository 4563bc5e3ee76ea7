/** A one-line progress bar on a terminal (stderr), redrawn at most ten times a second. */
const REDRAW_MS = 100;
const BAR_WIDTH = 28;

export class ProgressBar {
  private lastDraw = -Infinity;
  private drawn = false;

  constructor(private readonly stream: NodeJS.WriteStream) {}

  update(fraction: number, text: string, force = false): void {
    const now = performance.now();
    if (!force && now - this.lastDraw < REDRAW_MS) return;
    this.lastDraw = now;
    const filled = Math.round(Math.min(1, Math.max(0, fraction)) * BAR_WIDTH);
    const line = `[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}] ${(fraction * 100).toFixed(0).padStart(3)}% ${text}`;
    const width = this.stream.columns ?? 100;
    this.stream.write(`\r${line.slice(0, width - 1)}\x1b[K`);
    this.drawn = true;
  }

  /** Clears the bar so what follows starts on a clean line. */
  finish(): void {
    if (this.drawn) this.stream.write('\r\x1b[K');
    this.drawn = false;
  }
}
