import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MemoryCache } from '../../platform/cache/memory-cache.js';
import { RedisCache } from '../../platform/cache/redis-cache.js';
import { connectRedis } from '../../platform/cache/redis.js';
import { AppError } from '../../platform/http/errors.js';
import { ResponseCache } from './response-cache.js';

describe('ResponseCache', () => {
  function setup() {
    let now = 1_000_000;
    const clock = { now: () => new Date(now) };
    const cache = new ResponseCache<{ n: number }>(new MemoryCache(100, clock), 'test', { ttlMs: 1_000, staleWhileRevalidateMs: 2_000 }, () => now);
    let calls = 0;
    let fail = false;
    const load = () => {
      calls += 1;
      if (fail) return Promise.reject(new AppError('UPSTREAM_UNAVAILABLE', 'Down.'));
      return Promise.resolve({ n: calls });
    };
    return {
      cache,
      load,
      advance: (ms: number) => (now += ms),
      calls: () => calls,
      setFail: (value: boolean) => (fail = value),
    };
  }

  it('serves fresh data within the TTL without calling the upstream', async () => {
    const t = setup();
    expect(await t.cache.get('k', t.load)).toEqual({ data: { n: 1 }, stale: false, ageMs: 0 });
    t.advance(500);
    expect(await t.cache.get('k', t.load)).toEqual({ data: { n: 1 }, stale: false, ageMs: 500 });
    expect(t.calls()).toBe(1);
  });

  it('serves the old answer during stale-while-revalidate and refreshes in the background', async () => {
    const t = setup();
    await t.cache.get('k', t.load);
    t.advance(1_500);
    expect((await t.cache.get('k', t.load)).data).toEqual({ n: 1 });
    await new Promise((resolve) => setImmediate(resolve));
    expect(t.calls()).toBe(2);
    expect((await t.cache.get('k', t.load)).data).toEqual({ n: 2 });
  });

  it('keeps the last good answer, flagged stale with its age, when the upstream fails', async () => {
    const t = setup();
    await t.cache.get('k', t.load);
    t.advance(10_000);
    t.setFail(true);
    const result = await t.cache.get('k', t.load);
    expect(result).toMatchObject({ data: { n: 1 }, stale: true, ageMs: 10_000 });
    expect(result.error?.code).toBe('UPSTREAM_UNAVAILABLE');
  });

  it('throws the typed error when there is nothing to fall back on', async () => {
    const t = setup();
    t.setFail(true);
    await expect(t.cache.get('k', t.load)).rejects.toMatchObject({ code: 'UPSTREAM_UNAVAILABLE' });
  });

  it('shares one load between concurrent callers', async () => {
    const t = setup();
    const [a, b] = await Promise.all([t.cache.get('k', t.load), t.cache.get('k', t.load)]);
    expect(a.data).toEqual(b.data);
    expect(t.calls()).toBe(1);
  });
});

describe('ResponseCache on Redis', () => {
  it('shares the last good answer between instances (a worker stores, an API process serves it stale)', async () => {
    const prefix = `mntest:${randomBytes(4).toString('hex')}:`;
    const redis = await connectRedis(process.env.MEDIANEST_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379', prefix);
    try {
      let now = 5_000_000;
      const options = { ttlMs: 1_000, staleWhileRevalidateMs: 0 };
      const worker = new ResponseCache<string[]>(new RedisCache(redis), 'kuma', options, () => now);
      const api = new ResponseCache<string[]>(new RedisCache(redis), 'kuma', options, () => now);
      await worker.put('page', ['Plex', 'Overseerr']);
      now += 30_000;
      const served = await api.get('page', () => Promise.reject(new AppError('UPSTREAM_UNAVAILABLE', 'Uptime Kuma refused the connection.')));
      expect(served).toMatchObject({ data: ['Plex', 'Overseerr'], stale: true, ageMs: 30_000 });
      await api.invalidate('page');
      expect(await worker.peek('page')).toBeUndefined();
    } finally {
      const keys = await redis.keys(`${prefix}*`);
      if (keys.length > 0) await redis.del(...keys.map((key) => key.slice(prefix.length)));
      await redis.quit();
    }
  });
});
