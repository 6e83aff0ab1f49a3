import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test-support/test-app.js';
import type { StatusRepository } from './status.repository.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Uptime windows, sparkline buckets, hourly rollups and retention, on checks written at chosen times. */
describe('status history: uptime, sparkline, rollups and retention', () => {
  let app: TestApp;
  let repo: StatusRepository;
  const now = Date.parse('2026-06-15T12:10:00Z');

  beforeAll(async () => {
    app = await startTestApp({ listen: false });
    repo = app.mediaNest.status.repository;
    // 20 days of one check per hour: down for the 2 most recent hours, down 10 days ago for 12 hours.
    for (let h = 1; h <= 20 * 24; h += 1) {
      const at = new Date(now - h * HOUR);
      const down = h <= 2 || (h > 240 && h <= 252);
      await repo.insertCheck({ serviceId: 'svc', at, state: down ? 'down' : 'up', latencyMs: down ? null : 100 + (h % 5), error: down ? 'refused' : null });
    }
  });
  afterAll(() => app?.close());

  it('computes uptime for 24 h, 7 d and (with rollups) 30 d', async () => {
    const before = (await repo.history(now)).get('svc')!;
    expect(before.uptime.h24).toBeCloseTo(22 / 24, 5);
    expect(before.uptime.d7).toBeCloseTo((7 * 24 - 2) / (7 * 24), 2);
    expect(before.state).toBe('down');
    expect(before.lastError).toBe('refused');
    // The streak of "down" began 2 hours ago.
    expect(before.since).toBe(now - 2 * HOUR);

    const outcome = await repo.maintain(now);
    expect(outcome.rolledUp).toBeGreaterThan(0);
    // Raw checks older than 7 days are gone; their rollups stay.
    expect(outcome.deletedChecks).toBe(20 * 24 - 7 * 24);
    const after = (await repo.history(now)).get('svc')!;
    expect(after.uptime.h24).toBeCloseTo(22 / 24, 5);
    // 20 days of data: 480 checks, 14 down.
    expect(after.uptime.d30).toBeCloseTo((480 - 14) / 480, 2);
  });

  it('draws a 48-bucket sparkline of the last 24 h, worst state per bucket', async () => {
    const { sparkline } = (await repo.history(now)).get('svc')!;
    expect(sparkline).toHaveLength(48);
    expect(sparkline.at(-1)).toMatchObject({ state: 'unknown', latencyMs: null });
    expect(sparkline.filter((p) => p.state === 'down')).toHaveLength(2);
    expect(sparkline.filter((p) => p.state === 'up').every((p) => p.latencyMs !== null && p.latencyMs >= 100)).toBe(true);
  });

  it('drops rollups after 90 days and keeps the rollup job idempotent', async () => {
    const later = now + 100 * DAY;
    const again = await repo.maintain(now);
    expect(again.deletedChecks).toBe(0);
    const dropped = await repo.maintain(later);
    expect(dropped.deletedRollups).toBe(20 * 24);
    expect((await repo.history(later)).get('svc')).toBeUndefined();
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
