import { Redis } from 'ioredis';

export type { Redis };

/**
 * Opens a Redis connection and waits until it answers, failing within `timeoutMs` instead of
 * retrying forever at start-up. After start, ioredis reconnects on its own.
 */
export async function connectRedis(url: string, keyPrefix: string, timeoutMs = 5_000): Promise<Redis> {
  const redis = new Redis(url, {
    keyPrefix,
    lazyConnect: true,
    maxRetriesPerRequest: 2,
    connectTimeout: timeoutMs,
    enableOfflineQueue: true,
  });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    redis.disconnect();
    throw new Error(`Redis at ${redactUrl(url)} did not answer: ${(error as Error).message}`, { cause: error });
  }
  return redis;
}

/** A URL fit for a log line or an error message: the password replaced. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable url)';
  }
}
