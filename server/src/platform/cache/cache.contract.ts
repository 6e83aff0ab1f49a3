import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Cache } from './cache.js';

/** The behaviour every Cache implementation must share; run once per implementation. */
export function describeCacheContract(name: string, open: () => Promise<{ cache: Cache; close: () => Promise<void> }>) {
  describe(`Cache contract: ${name}`, () => {
    let cache: Cache;
    let close: () => Promise<void>;
    const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

    beforeAll(async () => {
      ({ cache, close } = await open());
    });
    afterAll(() => close());

    it('round-trips JSON values and reports absence as undefined', async () => {
      await cache.set('a', { title: 'Dune', year: 2021, tags: ['sf'] });
      expect(await cache.get('a')).toEqual({ title: 'Dune', year: 2021, tags: ['sf'] });
      expect(await cache.get('missing')).toBeUndefined();
      expect(await cache.has('a')).toBe(true);
      expect(await cache.has('missing')).toBe(false);
    });

    it('expires values after their ttl', async () => {
      await cache.set('short', 1, 60);
      expect(await cache.get('short')).toBe(1);
      const ttl = await cache.ttl('short');
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(60);
      await sleep(120);
      expect(await cache.get('short')).toBeUndefined();
      expect(await cache.ttl('short')).toBeUndefined();
    });

    it('deletes', async () => {
      await cache.set('gone', 'x');
      await cache.delete('gone');
      expect(await cache.get('gone')).toBeUndefined();
    });

    it('sets only when absent', async () => {
      expect(await cache.setIfAbsent('once', 'first', 10_000)).toBe(true);
      expect(await cache.setIfAbsent('once', 'second', 10_000)).toBe(false);
      expect(await cache.get('once')).toBe('first');
    });

    it('increments, starting the ttl window on the first increment', async () => {
      expect(await cache.increment('n', 1, 10_000)).toBe(1);
      expect(await cache.increment('n', 2, 10_000)).toBe(3);
      expect(await cache.get('n')).toBe(3);
      expect(await cache.ttl('n')).toBeGreaterThan(9_000);
      expect(await cache.increment('n-no-ttl')).toBe(1);
      expect(await cache.ttl('n-no-ttl')).toBeUndefined();
    });

    it('answers a ping', async () => {
      expect(await cache.ping()).toBeGreaterThanOrEqual(0);
    });
  });
}
