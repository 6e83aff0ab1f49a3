import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { systemClock } from '../clock.js';
import { describeCacheContract } from './cache.contract.js';
import { MemoryCache } from './memory-cache.js';
import { RedisCache } from './redis-cache.js';
import { connectRedis } from './redis.js';

const redisUrl = process.env.MEDIANEST_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

describeCacheContract('memory', async () => {
  const cache = new MemoryCache();
  return { cache, close: () => cache.close() };
});

describeCacheContract('redis', async () => {
  const prefix = `mntest:${randomBytes(4).toString('hex')}:`;
  const redis = await connectRedis(redisUrl, prefix);
  return {
    cache: new RedisCache(redis),
    async close() {
      const keys = await redis.keys(`${prefix}*`);
      if (keys.length > 0) await redis.del(...keys.map((key) => key.slice(prefix.length)));
      await redis.quit();
    },
  };
});

describe('MemoryCache', () => {
  it('evicts the oldest entry when full', async () => {
    const cache = new MemoryCache(2, systemClock);
    await cache.set('a', 1);
    await cache.set('b', 2);
    await cache.set('c', 3);
    expect(await cache.get('a')).toBeUndefined();
    expect(await cache.get('b')).toBe(2);
    expect(await cache.get('c')).toBe(3);
  });
});

describe('connectRedis', () => {
  it('fails fast with the address (password hidden) when Redis does not answer', async () => {
    await expect(connectRedis('redis://:hunter2@127.0.0.1:1', 'x:', 500)).rejects.toThrow(
      /Redis at redis:\/\/:\*\*\*@127\.0\.0\.1:1\/? did not answer/,
    );
  });
});
