/** Collects metric points between flushes and hands them over as transferable Float64Arrays. */
import type { MetricColumns } from '../../shared/api/dto';
import type { MetricBatch } from '../../shared/worker-protocol';

export class MetricRecorder {
  private pending = new Map<string, MetricColumns>();

  /** NaN and Infinity are not stored (SQLite turns NaN into NULL); a diverged run says where in its error. */
  record(name: string, step: number, epoch: number, value: number): void {
    if (!Number.isFinite(value)) return;
    let p = this.pending.get(name);
    if (!p) this.pending.set(name, (p = { step: [], epoch: [], value: [], time: [] }));
    p.step.push(step);
    p.epoch.push(epoch);
    p.value.push(value);
    p.time.push(Date.now());
  }

  take(): MetricBatch[] {
    const batches = [...this.pending].map(([name, p]) => ({
      name,
      step: Float64Array.from(p.step),
      epoch: Float64Array.from(p.epoch),
      value: Float64Array.from(p.value),
      time: Float64Array.from(p.time),
    }));
    this.pending = new Map();
    return batches;
  }
}

export const transferablesOf = (batches: readonly MetricBatch[]): ArrayBuffer[] =>
  batches.flatMap((b) => [b.step.buffer, b.epoch.buffer, b.value.buffer, b.time.buffer] as ArrayBuffer[]);
