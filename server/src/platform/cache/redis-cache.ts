import type { Redis } from 'ioredis';
import type { Cache } from './cache.js';

/** Cache on Redis; keys carry the instance's prefix (ioredis `keyPrefix`). */
export class RedisCache implements Cache {
  readonly driver = 'redis' as const;

  constructor(private readonly redis: Redis) {}

  async get<T>(key: string): Promise<T | undefined> {
    const raw = await this.redis.get(key);
    return raw === null ? undefined : (JSON.parse(raw) as T);
  }

  async set(key: string, value: unknown, ttlMs?: number): Promise<void> {
    const json = JSON.stringify(value);
    if (ttlMs === undefined) await this.redis.set(key, json);
    else await this.redis.set(key, json, 'PX', Math.max(1, Math.ceil(ttlMs)));
  }

  async setIfAbsent(key: string, value: unknown, ttlMs?: number): Promise<boolean> {
    const json = JSON.stringify(value);
    const result =
      ttlMs === undefined
        ? await this.redis.set(key, json, 'NX')
        : await this.redis.set(key, json, 'PX', Math.max(1, Math.ceil(ttlMs)), 'NX');
    return result === 'OK';
  }

  async delete(key: string): Promise<void> {
    await this.redis.del(key);
  }

  async has(key: string): Promise<boolean> {
    return (await this.redis.exists(key)) === 1;
  }

  async increment(key: string, by = 1, ttlMs?: number): Promise<number> {
    const value = await this.redis.incrby(key, by);
    if (ttlMs !== undefined && value === by) await this.redis.pexpire(key, Math.max(1, Math.ceil(ttlMs)));
    return value;
  }

  async ttl(key: string): Promise<number | undefined> {
    const ms = await this.redis.pttl(key);
    return ms < 0 ? undefined : ms;
  }

  async ping(): Promise<number> {
    const started = performance.now();
    await this.redis.ping();
    return Math.round((performance.now() - started) * 100) / 100;
  }

  async close(): Promise<void> {
    // The connection belongs to the composition root, which closes it.
  }
}
