import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';

export interface RateLimitPolicy {
  /** Names the counter; two routes with the same name share it. */
  name: string;
  points: number;
  durationSeconds: number;
  /** After the points run out, block for this long (default: until the window ends). */
  blockSeconds?: number;
}

export interface RateLimitVerdict {
  allowed: boolean;
  remaining: number;
  retryAfterSeconds: number;
}

/** Counts attempts per key (an IP, a user id, an account name) against a policy. */
export interface RateLimiter {
  readonly driver: 'memory' | 'redis';
  consume(policy: RateLimitPolicy, key: string, points?: number): Promise<RateLimitVerdict>;
  /** Forget a key's attempts (after a successful login, say). */
  reset(policy: RateLimitPolicy, key: string): Promise<void>;
}

/** rate-limiter-flexible on Redis or in memory: the same counting rules, one class per policy. */
export function createRateLimiter(redis: Redis | undefined): RateLimiter {
  const limiters = new Map<string, RateLimiterAbstract>();
  const limiterFor = (policy: RateLimitPolicy): RateLimiterAbstract => {
    const id = `${policy.name}:${policy.points}:${policy.durationSeconds}:${policy.blockSeconds ?? 0}`;
    let limiter = limiters.get(id);
    if (!limiter) {
      const options = {
        keyPrefix: `rl:${policy.name}`,
        points: policy.points,
        duration: policy.durationSeconds,
        blockDuration: policy.blockSeconds ?? 0,
      };
      limiter = redis ? new RateLimiterRedis({ ...options, storeClient: redis }) : new RateLimiterMemory(options);
      limiters.set(id, limiter);
    }
    return limiter;
  };
  return {
    driver: redis ? 'redis' : 'memory',
    async consume(policy, key, points = 1) {
      try {
        const res = await limiterFor(policy).consume(key, points);
        return { allowed: true, remaining: res.remainingPoints, retryAfterSeconds: 0 };
      } catch (rejection) {
        if (rejection instanceof RateLimiterRes) {
          return {
            allowed: false,
            remaining: 0,
            retryAfterSeconds: Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)),
          };
        }
        throw rejection;
      }
    },
    async reset(policy, key) {
      await limiterFor(policy).delete(key);
    },
  };
}
