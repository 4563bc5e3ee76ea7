/**
 * The metric curves of one run, kept as plain arrays outside Vue's reactivity: a long run
 * has tens of thousands of points and proxies on each would cost more than the chart.
 * Stores pair it with a version counter that charts watch.
 */
import type { MetricColumns, MetricSeries } from '../../../shared/api/dto';

/** What the charts draw: the columns of a series without the wall-clock time. */
export type SeriesBuffer = Omit<MetricColumns, 'time'>;

export class RunMetrics {
  private readonly byName = new Map<string, SeriesBuffer>();

  get(name: string): SeriesBuffer | undefined {
    return this.byName.get(name);
  }

  names(): string[] {
    return [...this.byName.keys()];
  }

  /** Appends live points; points at or before the last known step are dropped, so an event that repeats history is harmless. */
  append(points: readonly MetricSeries[]): void {
    for (const p of points) {
      const buf = this.bufferFor(p.name);
      const last = buf.step.length ? buf.step[buf.step.length - 1] : -Infinity;
      for (let i = 0; i < p.step.length; i++) {
        if (p.step[i] <= last) continue;
        buf.step.push(p.step[i]);
        buf.epoch.push(p.epoch[i]);
        buf.value.push(p.value[i]);
      }
    }
  }

  /**
   * Puts stored history first and keeps live points received after it. Events can arrive
   * while `runs.metrics` is in flight; this order makes the result independent of timing.
   */
  mergeHistory(history: readonly MetricSeries[]): void {
    for (const h of history) {
      const live = this.byName.get(h.name);
      const lastStored = h.step.length ? h.step[h.step.length - 1] : -Infinity;
      const merged: SeriesBuffer = { step: [...h.step], epoch: [...h.epoch], value: [...h.value] };
      if (live) {
        for (let i = 0; i < live.step.length; i++) {
          if (live.step[i] <= lastStored) continue;
          merged.step.push(live.step[i]);
          merged.epoch.push(live.epoch[i]);
          merged.value.push(live.value[i]);
        }
      }
      this.byName.set(h.name, merged);
    }
  }

  private bufferFor(name: string): SeriesBuffer {
    let buf = this.byName.get(name);
    if (!buf) this.byName.set(name, (buf = { step: [], epoch: [], value: [] }));
    return buf;
  }
}
