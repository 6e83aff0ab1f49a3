import type { Clock } from '../clock.js';
import { systemClock } from '../clock.js';
import type { Cache } from './cache.js';

interface Entry {
  json: string;
  expiresAt: number | undefined;
}

/** In-process cache with TTL and a size bound (oldest entry evicted first). */
export class MemoryCache implements Cache {
  readonly driver = 'memory' as const;
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly maxEntries = 50_000,
    private readonly clock: Clock = systemClock,
  ) {}

  private live(key: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt !== undefined && entry.expiresAt <= this.clock.now().getTime()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  private write(key: string, value: unknown, ttlMs: number | undefined): void {
    this.entries.delete(key);
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    const expiresAt = ttlMs === undefined ? undefined : this.clock.now().getTime() + ttlMs;
    this.entries.set(key, { json: JSON.stringify(value), expiresAt });
  }

  async get<T>(key: string): Promise<T | undefined> {
    const entry = this.live(key);
    return entry ? (JSON.parse(entry.json) as T) : undefined;
  }

  async set(key: string, value: unknown, ttlMs?: number): Promise<void> {
    this.write(key, value, ttlMs);
  }

  async setIfAbsent(key: string, value: unknown, ttlMs?: number): Promise<boolean> {
    if (this.live(key)) return false;
    this.write(key, value, ttlMs);
    return true;
  }

  async delete(key: string): Promise<void> {
    this.entries.delete(key);
  }

  async has(key: string): Promise<boolean> {
    return this.live(key) !== undefined;
  }

  async increment(key: string, by = 1, ttlMs?: number): Promise<number> {
    const entry = this.live(key);
    if (!entry) {
      this.write(key, by, ttlMs);
      return by;
    }
    const next = (JSON.parse(entry.json) as number) + by;
    entry.json = JSON.stringify(next);
    return next;
  }

  async ttl(key: string): Promise<number | undefined> {
    const entry = this.live(key);
    if (!entry || entry.expiresAt === undefined) return undefined;
    return entry.expiresAt - this.clock.now().getTime();
  }

  async ping(): Promise<number> {
    return 0;
  }

  async close(): Promise<void> {
    this.entries.clear();
  }
}
