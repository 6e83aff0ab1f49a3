import type { Cache } from '../../platform/cache/cache.js';
import { AppError } from '../../platform/http/errors.js';

export interface ResponseCacheOptions {
  /** Fresh for this long: served without asking the upstream. */
  ttlMs: number;
  /** After the TTL, served at once for this long while one refresh runs in the background. */
  staleWhileRevalidateMs: number;
  /** How long the last good answer is kept for when the upstream is down (default 7 days). */
  keepMs?: number;
}

export interface Cached<T> {
  data: T;
  /** True when the upstream failed and this is the last good answer. */
  stale: boolean;
  /** How old the data is. */
  ageMs: number;
  /** Why fresh data could not be had (only when `stale`). */
  error?: AppError;
}

interface Entry<T> {
  data: T;
  storedAt: number;
}

/**
 * A named cache of upstream answers on the platform Cache (memory or Redis): TTL, stale-while-revalidate,
 * and the last good answer kept so that a down upstream still shows something, flagged stale with its age.
 */
export class ResponseCache<T> {
  private readonly inFlight = new Map<string, Promise<T>>();

  constructor(
    private readonly cache: Cache,
    readonly name: string,
    private readonly options: ResponseCacheOptions,
    private readonly now: () => number = Date.now,
  ) {}

  private key(key: string): string {
    return `upstream-cache:${this.name}:${key}`;
  }

  async peek(key: string): Promise<Cached<T> | undefined> {
    const entry = await this.cache.get<Entry<T>>(this.key(key));
    return entry ? { data: entry.data, stale: false, ageMs: Math.max(0, this.now() - entry.storedAt) } : undefined;
  }

  async put(key: string, data: T): Promise<void> {
    await this.cache.set(this.key(key), { data, storedAt: this.now() } satisfies Entry<T>, this.options.keepMs ?? 7 * 24 * 3_600_000);
  }

  async invalidate(key: string): Promise<void> {
    await this.cache.delete(this.key(key));
  }

  /** Fresh data from the cache or `load`; the last good data flagged stale when `load` fails; else the error. */
  async get(key: string, load: () => Promise<T>): Promise<Cached<T>> {
    const entry = await this.cache.get<Entry<T>>(this.key(key));
    const ageMs = entry ? Math.max(0, this.now() - entry.storedAt) : Number.POSITIVE_INFINITY;
    if (entry && ageMs < this.options.ttlMs) return { data: entry.data, stale: false, ageMs };
    if (entry && ageMs < this.options.ttlMs + this.options.staleWhileRevalidateMs) {
      // Revalidate in the background; whoever asks next gets the new answer.
      this.refresh(key, load).catch(() => undefined);
      return { data: entry.data, stale: false, ageMs };
    }
    try {
      const data = await this.refresh(key, load);
      return { data, stale: false, ageMs: 0 };
    } catch (error) {
      if (!entry || !(error instanceof AppError)) throw error;
      return { data: entry.data, stale: true, ageMs, error };
    }
  }

  private refresh(key: string, load: () => Promise<T>): Promise<T> {
    const running = this.inFlight.get(key);
    if (running) return running;
    const promise = (async () => {
      try {
        const data = await load();
        await this.put(key, data);
        return data;
      } finally {
        this.inFlight.delete(key);
      }
    })();
    this.inFlight.set(key, promise);
    return promise;
  }
}
