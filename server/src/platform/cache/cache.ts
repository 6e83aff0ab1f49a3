/**
 * A key-value cache with expiry. Values are JSON. Implemented in memory (embedded mode) and on Redis;
 * both pass `cache.contract.ts`. Nothing a user cares about lives only here: the database is the truth.
 */
export interface Cache {
  readonly driver: 'memory' | 'redis';
  get<T>(key: string): Promise<T | undefined>;
  /** `ttlMs` unset keeps the value until it is deleted or evicted. */
  set(key: string, value: unknown, ttlMs?: number): Promise<void>;
  /** Sets only when the key is absent; true when this call set it. */
  setIfAbsent(key: string, value: unknown, ttlMs?: number): Promise<boolean>;
  delete(key: string): Promise<void>;
  has(key: string): Promise<boolean>;
  /** Adds `by` and returns the new value; the first increment starts the `ttlMs` window. */
  increment(key: string, by?: number, ttlMs?: number): Promise<number>;
  /** Remaining time to live in ms; undefined when the key is absent or never expires. */
  ttl(key: string): Promise<number | undefined>;
  /** Round-trip time in ms; throws when the store does not answer. */
  ping(): Promise<number>;
  close(): Promise<void>;
}
