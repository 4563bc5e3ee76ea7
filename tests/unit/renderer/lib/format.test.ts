import { describe, expect, it } from 'vitest';
import { formatDateTime, formatDuration, formatNumber, formatPercent } from '../../../../src/renderer/src/lib/format';

describe('number formatting', () => {
  it('shows four significant digits for ordinary losses', () => {
    expect(formatNumber(0.693147)).toBe('0.6931');
    expect(formatNumber(12.3456)).toBe('12.35');
  });

  it('switches to exponent form for tiny losses without trailing zeros', () => {
    expect(formatNumber(7.74e-5)).toBe('7.74e-5');
    expect(formatNumber(1e-4)).toBe('1e-4');
  });

  it('shows a dash for missing values and symbols for infinities', () => {
    expect(formatNumber(undefined)).toBe('–');
    expect(formatNumber(Number.NaN)).toBe('–');
    expect(formatNumber(Infinity)).toBe('∞');
  });

  it('shows accuracy as a percentage with one decimal', () => {
    expect(formatPercent(0.975)).toBe('97.5%');
    expect(formatPercent(undefined)).toBe('–');
  });

  it('reads durations in the largest sensible unit', () => {
    expect(formatDuration(420)).toBe('420 ms');
    expect(formatDuration(4200)).toBe('4.2 s');
    expect(formatDuration(125_000)).toBe('2 min 5 s');
    expect(formatDuration(null)).toBe('–');
  });
});

describe('date formatting', () => {
  it('leaves out the year for dates in the current year', () => {
    const now = new Date(2026, 10, 26, 12, 0).getTime();
    expect(formatDateTime(new Date(2026, 10, 26, 11, 40).getTime(), now)).not.toContain('2026');
    expect(formatDateTime(new Date(2025, 0, 2, 9, 5).getTime(), now)).toContain('2025');
  });
});
