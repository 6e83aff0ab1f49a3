import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test-support/test-app.js';
import type { StatusRepository } from './status.repository.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Current state, uptime windows, sparkline, hourly rollups and retention, on checks written at chosen times. */
describe('status history: uptime, sparkline, rollups and retention', () => {
  let app: TestApp;
  let repo: StatusRepository;
  const now = Date.parse('2026-06-15T12:10:00Z');

  beforeAll(async () => {
    app = await startTestApp({ listen: false });
    repo = app.mediaNest.status.repository;
    // 20 days of one check per hour, oldest first: down for the 2 most recent hours and for 12 hours 10 days ago.
    for (let h = 20 * 24; h >= 1; h -= 1) {
      const at = new Date(now - h * HOUR);
      const down = h <= 2 || (h > 240 && h <= 252);
      await repo.insertCheck({ serviceId: 'svc', at, state: down ? 'down' : 'up', latencyMs: down ? null : 100 + (h % 5), error: down ? 'refused' : null });
    }
  });
  afterAll(() => app?.close());

  it('keeps the current state, since when, and the last error', async () => {
    const svc = (await repo.history(now)).get('svc')!;
    expect(svc.state).toBe('down');
    expect(svc.lastError).toBe('refused');
    expect(svc.lastErrorAt).toBe(now - HOUR);
    // The streak of "down" began 2 hours ago.
    expect(svc.since).toBe(now - 2 * HOUR);
    expect(await repo.latestState('svc')).toBe('down');
  });

  it('computes uptime for 24 h, 7 d and 30 d from the hourly rollups, before and after the raw checks are trimmed', async () => {
    // Whole hours, the current one (12:00, no check yet) included: 23, 167 and all 480 checks.
    const expected = { h24: 21 / 23, d7: 165 / 167, d30: 466 / 480 };
    const before = (await repo.history(now)).get('svc')!;
    expect(before.uptime.h24).toBeCloseTo(expected.h24, 5);
    expect(before.uptime.d7).toBeCloseTo(expected.d7, 5);
    expect(before.uptime.d30).toBeCloseTo(expected.d30, 5);
    const outcome = await repo.maintain(now);
    // Raw checks older than 7 days are gone; the rollups stay.
    expect(outcome).toEqual({ deletedChecks: 20 * 24 - 7 * 24, deletedRollups: 0 });
    const after = (await repo.history(now)).get('svc')!;
    expect(after.uptime).toEqual(before.uptime);
  });

  it('draws a 24-hour sparkline, worst state per hour', async () => {
    const { sparkline } = (await repo.history(now)).get('svc')!;
    expect(sparkline).toHaveLength(24);
    expect(sparkline.at(-1)).toMatchObject({ state: 'unknown', latencyMs: null, at: Date.parse('2026-06-15T12:00:00Z') });
    expect(sparkline.filter((p) => p.state === 'down')).toHaveLength(2);
    expect(sparkline.filter((p) => p.state === 'up').every((p) => p.latencyMs !== null && p.latencyMs >= 100)).toBe(true);
  });

  it('drops rollups after 90 days; the retention is idempotent', async () => {
    expect((await repo.maintain(now)).deletedChecks).toBe(0);
    const later = now + 100 * DAY;
    const dropped = await repo.maintain(later);
    expect(dropped.deletedRollups).toBe(20 * 24);
    expect((await repo.history(later)).get('svc')?.uptime).toEqual({ h24: null, d7: null, d30: null });
  });
});

describe('upstream policies from the configuration', () => {
  it('merges MEDIANEST_UPSTREAM_POLICIES (config) with the options given in code, field by field', async () => {
    const app = await startTestApp({
      listen: false,
      config: { upstreamPolicies: { tmdb: { timeoutMs: 1_234, ratePerSecond: 2 } } },
      upstreamPolicies: { tmdb: { ratePerSecond: 3 } },
    });
    try {
      expect(app.mediaNest.upstreams.get('tmdb').policy).toMatchObject({ timeoutMs: 1_234, ratePerSecond: 3, rateBurst: 20 });
      expect(app.mediaNest.upstreams.get('overseerr').policy.timeoutMs).toBe(8_000);
    } finally {
      await app.close();
    }
  });
});
