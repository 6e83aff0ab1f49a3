import { describe, expect, it } from 'vitest';
import { MemoryCache } from '../../platform/cache/memory-cache.js';
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
