/** Formatters: every value with its unit, grouping by locale, a dash for missing data. */
import { describe, expect, it } from 'vitest';
import {
  bitrateParts,
  formatBitrate,
  formatClock,
  formatCompact,
  formatDuration,
  formatFps,
  formatHeight,
  formatInt,
  formatMs,
  formatNumber,
  formatPercent,
} from '../../../../../client/src/lib/format.ts';

describe('format', () => {
  it('groups whole numbers and shows a dash for missing ones', () => {
    expect(formatInt(12345.6)).toBe('12,346');
    expect(formatInt(12345, 'ja-JP')).toBe('12,345');
    expect(formatInt(null)).toBe('–');
    expect(formatInt(Number.NaN)).toBe('–');
  });

  it("writes a note's count to two figures from a thousand on, so that it does not change with every viewer", () => {
    expect(formatCompact(987)).toBe('987');
    expect(formatCompact(9_886)).toBe('9.9K');
    expect(formatCompact(9_904)).toBe('9.9K');
    expect(formatCompact(14_337)).toBe('14K');
    expect(formatCompact(14_337, 'ja')).toBe('1.4万');
    expect(formatCompact(null)).toBe('–');
  });

  it('uses fewer decimals for bigger numbers', () => {
    expect(formatNumber(0.1234)).toBe('0.12');
    expect(formatNumber(45.67)).toBe('45.7');
    expect(formatNumber(456.7)).toBe('457');
  });

  it('writes bitrates in kbps below 1,000 and Mbps above', () => {
    expect(formatBitrate(850)).toBe('850 kbps');
    expect(formatBitrate(1250)).toBe('1.25 Mbps');
    expect(formatBitrate(12_345)).toBe('12.3 Mbps');
    expect(bitrateParts(999.6)).toEqual({ value: '1,000', unit: 'kbps' });
    expect(formatBitrate(undefined)).toBe('–');
  });

  it('writes percentages, durations, frame rates and heights with units', () => {
    expect(formatPercent(12.34)).toBe('12%');
    expect(formatPercent(1.234)).toBe('1.2%');
    expect(formatPercent(1.234, 'en', 2)).toBe('1.23%');
    expect(formatMs(45.2)).toBe('45 ms');
    expect(formatMs(4.25)).toBe('4.3 ms');
    expect(formatMs(1500)).toBe('1.5 s');
    expect(formatFps(29.97)).toBe('30 fps');
    expect(formatHeight(1080)).toBe('1080p');
  });

  it('formats wall-clock times and durations', () => {
    const t = new Date(2026, 0, 2, 9, 5, 7).getTime();
    expect(formatClock(t)).toBe('09:05:07');
    expect(formatClock(t, false)).toBe('09:05');
    expect(formatDuration(3_723_000)).toBe('1:02:03');
    expect(formatDuration(65_000)).toBe('1:05');
    expect(formatDuration(-65_000)).toBe('−1:05');
  });
});
