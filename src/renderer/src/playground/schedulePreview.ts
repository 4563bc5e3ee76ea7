/**
 * The learning rate over a run's epochs, drawn small beside the schedule's fields: sampled
 * with the engine's own scheduledRate, so the preview is the rate the worker will use.
 */
import { scheduledRate } from '../../../shared/nn/schedule';
import type { ScheduleSpec } from '../../../shared/nn/spec';

export interface SchedulePoint { epoch: number; rate: number }

/**
 * The rate at `samples` epochs spread from the first to the last (every epoch when there are
 * fewer), plus the epoch before each step drop, so a step schedule's stairs keep their corners.
 */
export function scheduleCurve(schedule: ScheduleSpec, learningRate: number, epochs: number, samples = 80): SchedulePoint[] {
  const last = Math.max(0, epochs - 1);
  const at = new Set<number>();
  const n = Math.min(samples, last + 1);
  for (let i = 0; i < n; i++) at.add(n === 1 ? 0 : Math.round((i * last) / (n - 1)));
  if (schedule.kind === 'step') {
    for (let drop = schedule.every; drop <= last && at.size < samples * 4; drop += schedule.every) {
      at.add(drop - 1);
      at.add(drop);
    }
  }
  return [...at].sort((a, b) => a - b).map((epoch) => ({ epoch, rate: scheduledRate(schedule, learningRate, epoch, epochs) }));
}

/** An SVG polyline's points in a width × height box: epoch left to right, rate bottom (0) to top (the largest). */
export function previewPoints(curve: readonly SchedulePoint[], width: number, height: number): string {
  if (!curve.length) return '';
  const lastEpoch = curve[curve.length - 1].epoch || 1;
  const top = Math.max(...curve.map((p) => p.rate)) || 1;
  const round = (v: number): number => Math.round(v * 10) / 10;
  return curve.map((p) => `${round((p.epoch / lastEpoch) * width)},${round(height - (p.rate / top) * height)}`).join(' ');
}
