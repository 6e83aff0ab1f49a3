import { describe, expect, it } from 'vitest';
import { MemoryCache } from '../../platform/cache/memory-cache.js';
import type { RateLimiter, RateLimitPolicy } from '../../platform/http/rate-limit.js';
import { LoginThrottle } from './auth.login-throttle.js';

/** A counting limiter on a fake clock: `points` per window, like rate-limiter-flexible. */
function fakeLimiter(clock: { now: () => Date }): RateLimiter {
  const counts = new Map<string, { n: number; until: number }>();
  return {
    driver: 'memory',
    async consume(policy: RateLimitPolicy, key: string) {
      const id = `${policy.name}:${key}`;
      const now = clock.now().getTime();
      const entry = counts.get(id);
      const current = entry && entry.until > now ? entry : { n: 0, until: now + policy.durationSeconds * 1000 };
      current.n += 1;
      counts.set(id, current);
      const allowed = current.n <= policy.points;
      return { allowed, remaining: Math.max(0, policy.points - current.n), retryAfterSeconds: allowed ? 0 : 1 };
    },
    async reset(policy: RateLimitPolicy, key: string) {
      counts.delete(`${policy.name}:${key}`);
    },
  };
}

describe('LoginThrottle', () => {
  it('doubles the lockout each time the account is locked again, up to an hour', async () => {
    let now = Date.parse('2026-01-01T00:00:00Z');
    const clock = { now: () => new Date(now) };
    const throttle = new LoginThrottle(fakeLimiter(clock), new MemoryCache(1000, clock));
    const subject = { ip: null, username: 'Erin' };

    const lockouts: number[] = [];
    for (let round = 0; round < 8; round += 1) {
      let lockout = 0;
      for (let attempt = 1; attempt <= 6; attempt += 1) {
        await throttle.assertAllowed(subject);
        lockout = await throttle.recordFailure(subject);
        if (attempt < 6) expect(lockout).toBe(0);
      }
      lockouts.push(lockout);
      await expect(throttle.assertAllowed({ ip: null, username: 'erin' })).rejects.toMatchObject({
        code: 'RATE_LIMITED',
        headers: { 'Retry-After': String(lockout) },
      });
      now += lockout * 1000 + 1;
      await expect(throttle.assertAllowed(subject)).resolves.toBeUndefined();
    }
    expect(lockouts).toEqual([60, 120, 240, 480, 960, 1920, 3600, 3600]);
  });

  it('a correct password clears the account count', async () => {
    const clock = { now: () => new Date() };
    const throttle = new LoginThrottle(fakeLimiter(clock), new MemoryCache(1000, clock));
    const subject = { ip: '10.0.0.1', username: 'sam' };
    for (let i = 0; i < 4; i += 1) await throttle.recordFailure(subject);
    await throttle.recordSuccess(subject);
    for (let i = 0; i < 5; i += 1) expect(await throttle.recordFailure(subject)).toBe(0);
    expect(await throttle.recordFailure(subject)).toBe(60);
  });
});
