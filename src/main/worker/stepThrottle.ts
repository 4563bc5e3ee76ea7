/**
 * Paces the training loop at a number of optimizer steps per second (null: unpaced). Steps are
 * due at a fixed cadence, so a rate of 10 gives 10 steps a second however long each takes; after
 * a pause or a slow step the cadence restarts from now instead of catching up in a burst.
 * Times are passed in (ms), so the rule is tested without a clock.
 */
export class StepThrottle {
  private intervalMs: number | null = null;
  /** When the next step may run. */
  private nextAt = -Infinity;

  constructor(stepsPerSecond: number | null) {
    this.intervalMs = stepsPerSecond === null ? null : 1000 / stepsPerSecond;
  }

  get stepsPerSecond(): number | null {
    return this.intervalMs === null ? null : 1000 / this.intervalMs;
  }

  /** A new rate takes effect at once: a step waiting for a slow rate may come sooner at a fast one. */
  setRate(stepsPerSecond: number | null, now: number): void {
    this.intervalMs = stepsPerSecond === null ? null : 1000 / stepsPerSecond;
    if (this.intervalMs !== null) this.nextAt = Math.min(this.nextAt, now + this.intervalMs);
  }

  /** Milliseconds until the next step may run; 0 when it may run now. */
  waitMs(now: number): number {
    return this.intervalMs === null ? 0 : Math.max(0, this.nextAt - now);
  }

  /** A step ran at `now`. */
  stepped(now: number): void {
    if (this.intervalMs === null) return;
    const onCadence = now - this.nextAt < this.intervalMs;
    this.nextAt = (onCadence ? this.nextAt : now) + this.intervalMs;
  }
}
