import { describe, expect, it } from 'vitest';
import { formatAgo, formatClock, formatDuration, formatLatency } from './time.js';

const now = Date.UTC(2026, 10, 23, 14, 0, 0);

describe('time formatting', () => {
  it('says how long ago, in the largest sensible unit', () => {
    expect(formatAgo(now - 2_000, now)).toBe('just now');
    expect(formatAgo(now - 12_000, now)).toBe('12 s ago');
    expect(formatAgo(now - 3 * 60_000, now)).toBe('3 min ago');
    expect(formatAgo(now - 5 * 3_600_000, now)).toBe('5 h ago');
    expect(formatAgo(now - 3 * 86_400_000, now)).toBe('3 days ago');
    expect(formatAgo(now + 5_000, now)).toBe('just now');
  });

  it('writes durations with their two leading units', () => {
    expect(formatDuration(42)).toBe('42 s');
    expect(formatDuration(12 * 60 + 5)).toBe('12 min');
    expect(formatDuration(3 * 3600 + 5 * 60)).toBe('3 h 5 min');
    expect(formatDuration(86_400)).toBe('1 day');
    expect(formatDuration(2 * 86_400 + 4 * 3600)).toBe('2 days 4 h');
  });

  it('writes latencies at a precision that means something', () => {
    expect(formatLatency(0.01)).toBe('under 0.1 ms');
    expect(formatLatency(0.42)).toBe('0.4 ms');
    expect(formatLatency(12.4)).toBe('12 ms');
    expect(formatLatency(1234)).toBe('1.2 s');
  });

  it('adds the date to a clock time only when it is not today', () => {
    const today = formatClock(now - 60_000, now, 'en-GB');
    const earlier = formatClock(now - 3 * 86_400_000, now, 'en-GB');
    expect(today).not.toMatch(/Nov/);
    expect(earlier).toMatch(/Nov/);
  });
});
