/**
 * Learning rate by epoch (0-based):
 *   constant  lr
 *   step      lr * factor^floor(epoch / every)
 *   cosine    minLr + (lr - minLr) (1 + cos(pi * epoch / (epochs - 1))) / 2, reaching minLr at the last epoch
 */
import type { ScheduleSpec } from './spec';

export function scheduledRate(schedule: ScheduleSpec, baseRate: number, epoch: number, epochs: number): number {
  switch (schedule.kind) {
    case 'constant':
      return baseRate;
    case 'step':
      return baseRate * schedule.factor ** Math.floor(epoch / schedule.every);
    case 'cosine': {
      if (epochs <= 1) return baseRate;
      const progress = Math.min(1, epoch / (epochs - 1));
      return schedule.minLr + (baseRate - schedule.minLr) * 0.5 * (1 + Math.cos(Math.PI * progress));
    }
  }
}

/** A schedule in words, for a run's configuration: "step: × 0.5 every 500 epochs". */
export function describeSchedule(schedule: ScheduleSpec): string {
  switch (schedule.kind) {
    case 'constant':
      return 'constant';
    case 'step':
      return `step: × ${schedule.factor} every ${schedule.every} epoch${schedule.every === 1 ? '' : 's'}`;
    case 'cosine':
      return `cosine to ${schedule.minLr}`;
  }
}
