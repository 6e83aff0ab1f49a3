import type { Cache } from '../../platform/cache/cache.js';
import { rateLimited } from '../../platform/http/errors.js';
import type { RateLimiter, RateLimitPolicy } from '../../platform/http/rate-limit.js';

/** Wrong passwords allowed per account within a minute; the next one locks the account out. */
const perAccount: RateLimitPolicy = { name: 'login-failures-account', points: 5, durationSeconds: 60 };
/** Per address more are allowed (a household shares one), yet spraying many accounts stops. */
const perIp: RateLimitPolicy = { name: 'login-failures-ip', points: 20, durationSeconds: 60 };

const FIRST_LOCKOUT_SECONDS = 60;
const MAX_LOCKOUT_SECONDS = 60 * 60;
/** How long repeated lockouts are remembered for doubling. */
const LEVEL_MEMORY_MS = 24 * 60 * 60 * 1000;

export interface LoginSubject {
  ip: string | null;
  username: string;
}

/**
 * Exponential lockout for local sign-in, per client address and per account: after too many wrong
 * passwords within a minute the key is locked for 1 minute, then 2, 4, … up to an hour. While locked,
 * every attempt gets 429 with Retry-After, before any password is checked (no hashing cost either).
 */
export class LoginThrottle {
  constructor(
    private readonly limiter: RateLimiter,
    private readonly cache: Cache,
  ) {}

  private keys(subject: LoginSubject): { key: string; policy: RateLimitPolicy }[] {
    const keys = [{ key: `account:${subject.username.toLowerCase()}`, policy: perAccount }];
    if (subject.ip) keys.push({ key: `ip:${subject.ip}`, policy: perIp });
    return keys;
  }

  /** Throws 429 while the account or the address is locked out. */
  async assertAllowed(subject: LoginSubject): Promise<void> {
    let wait = 0;
    for (const { key } of this.keys(subject)) {
      const remaining = await this.cache.ttl(`auth:lockout:${key}`);
      if (remaining !== undefined && remaining > 0) wait = Math.max(wait, Math.ceil(remaining / 1000));
    }
    if (wait > 0) throw lockedOut(wait);
  }

  /** Counts a wrong password; returns the lockout it caused in seconds, or 0. */
  async recordFailure(subject: LoginSubject): Promise<number> {
    let lockout = 0;
    for (const { key, policy } of this.keys(subject)) {
      const verdict = await this.limiter.consume(policy, key);
      if (verdict.allowed) continue;
      const level = await this.cache.increment(`auth:lockout-level:${key}`, 1, LEVEL_MEMORY_MS);
      const seconds = Math.min(FIRST_LOCKOUT_SECONDS * 2 ** (level - 1), MAX_LOCKOUT_SECONDS);
      await this.cache.set(`auth:lockout:${key}`, 1, seconds * 1000);
      await this.limiter.reset(policy, key);
      lockout = Math.max(lockout, seconds);
    }
    return lockout;
  }

  /** A correct password clears the account's count (not the address's: it may be guessing others). */
  async recordSuccess(subject: LoginSubject): Promise<void> {
    await this.limiter.reset(perAccount, `account:${subject.username.toLowerCase()}`);
  }
}

export const lockedOut = (seconds: number) =>
  rateLimited(
    seconds,
    `Too many wrong passwords. Sign-in is locked for ${seconds >= 120 ? `${Math.ceil(seconds / 60)} minutes` : `${seconds} seconds`}; try again after that.`,
  );
