import { describe, expect, it } from 'vitest';
import { ReadinessRegistry } from './readiness.js';

describe('ReadinessRegistry', () => {
  it('is ready when every critical check passes, even if a non-critical one fails', async () => {
    const registry = new ReadinessRegistry('1.2.3');
    registry.register('database', async () => ({ ok: true, driver: 'postgres', latencyMs: 1 }));
    registry.register('tools', async () => ({ ok: false, error: 'yt-dlp not found' }), { critical: false });
    const report = await registry.report();
    expect(report.status).toBe('ready');
    expect(report.version).toBe('1.2.3');
    expect(report.failing).toEqual([]);
    expect(report.checks.tools).toMatchObject({ ok: false, critical: false, error: 'yt-dlp not found' });
  });

  it('names each failing critical check, whether it threw, answered false or hung', async () => {
    const registry = new ReadinessRegistry('1', 50);
    registry.register('database', async () => {
      throw new Error('connection refused');
    });
    registry.register('migrations', async () => ({ ok: false, error: '2 migration(s) not applied' }));
    registry.register('cache', () => new Promise(() => undefined));
    registry.register('fine', async () => ({ ok: true }));
    const report = await registry.report();
    expect(report.status).toBe('not_ready');
    expect(report.failing.sort()).toEqual(['cache', 'database', 'migrations']);
    expect(report.checks.database?.error).toBe('connection refused');
    expect(report.checks.cache?.error).toBe('no answer within 50 ms');
  });
});
