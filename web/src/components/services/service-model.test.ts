import { describe, expect, it } from 'vitest';
import { formatUptime, sparklineLabel } from './service-model.js';

describe('service model', () => {
  it('formats uptime', () => {
    expect(formatUptime(null)).toBe('–');
    expect(formatUptime(1)).toBe('100 %');
    expect(formatUptime(0.99912)).toBe('99.91 %');
    expect(formatUptime(0.5)).toBe('50.0 %');
  });

  it('says what the sparkline shows', () => {
    expect(sparklineLabel([])).toBe('No response times in the last 24 hours');
    expect(
      sparklineLabel([
        { at: 'a', latencyMs: 10, state: 'up' },
        { at: 'b', latencyMs: null, state: 'down' },
        { at: 'c', latencyMs: 30, state: 'up' },
      ]),
    ).toBe('Response time over the last 24 hours: 10 to 30 ms; down in 1 of 3 hours');
  });
});
