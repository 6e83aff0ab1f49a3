import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createMediaNest, type Adapters, type MediaNest, type Role } from '../app/composition.js';
import type { UpstreamPolicies, UpstreamRuntime } from '../integrations/http/index.js';
import type { Clock } from '../platform/clock.js';
import { loadConfig, type Config, type ConfigInput } from '../platform/config/config.js';
import { createTestDatabase, type TestDriver } from './test-database.js';

export const TEST_REDIS_URL = process.env.MEDIANEST_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface TestAppOptions {
  /** Use the real Redis (with a key prefix of its own) instead of the in-process stand-ins. */
  redis?: boolean;
  config?: ConfigInput;
  driver?: TestDriver;
  /** Do not listen; for tests that only need the services. */
  listen?: boolean;
  /** Upstream clients to use instead of the HTTP ones (strict fakes). */
  adapters?: Partial<Adapters>;
  /**
   * Another instance of the same install: shares the first app's database, data directory (signing
   * keys), secret key and Redis prefix. Close it before the first one.
   */
  sharedWith?: TestApp;
  role?: Role;
  clock?: Clock;
  /** Per-upstream policy overrides (short timeouts, no retries, a quick breaker). */
  upstreamPolicies?: UpstreamPolicies;
  /** The upstream clients' time, sleep and randomness (e.g. a clock that can jump ahead). */
  upstreamRuntime?: Partial<UpstreamRuntime>;
  /** Run the service-status scheduler in the background; off by default (tests call `checkAll`). */
  statusPolling?: boolean;
}

export interface TestApp {
  mediaNest: MediaNest;
  config: Config;
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** fetch against the app: `app.fetch('/api/v1/...', init)` */
  fetch(pathname: string, init?: RequestInit): Promise<Response>;
  close(): Promise<void>;
}

/** A whole MediaNest on a fresh database, listening on an ephemeral loopback port. */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const shared = options.sharedWith;
  const dataDir = shared ? shared.config.dataDir : mkdtempSync(path.join(tmpdir(), 'medianest-test-'));
  const database = shared
    ? { ...shared.mediaNest.platform.database, close: async () => undefined }
    : await createTestDatabase(options.driver);
  const config = loadConfig({
    env: {},
    file: path.join(dataDir, 'none.json'),
    overrides: {
      port: 0,
      host: '127.0.0.1',
      dataDir,
      logLevel: (process.env.LOG_LEVEL as Config['logLevel'] | undefined) ?? 'silent',
      secretKey: shared?.config.secretKey ?? randomBytes(32).toString('base64'),
      webDir: path.join(dataDir, 'no-web'),
      // Tests run the notification delivery worker themselves (worker.runOnce), with their clock.
      notificationsPollMs: 0,
      ...(options.redis
        ? {
            redisUrl: TEST_REDIS_URL,
            redisKeyPrefix: shared?.config.redisKeyPrefix ?? `mntest:${randomBytes(4).toString('hex')}:`,
          }
        : {}),
      ...options.config,
    },
  });
  const mediaNest = await createMediaNest({
    config,
    database,
    statusPolling: options.statusPolling ?? false,
    ...(options.adapters ? { adapters: options.adapters } : {}),
    ...(options.upstreamPolicies ? { upstreamPolicies: options.upstreamPolicies } : {}),
    ...(options.upstreamRuntime ? { upstreamRuntime: options.upstreamRuntime } : {}),
    ...(options.role ? { role: options.role } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
  });
  let url = '';
  if (options.listen !== false) {
    const started = await mediaNest.start();
    url = `http://127.0.0.1:${started?.port ?? 0}`;
  }
  return {
    mediaNest,
    config,
    url,
    fetch: (pathname, init) => fetch(`${url}${pathname}`, init),
    async close() {
      await mediaNest.stop();
      if (!shared) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The JSON body of a response, with its status, for assertions. */
export async function json<T = unknown>(response: Response): Promise<{ status: number; body: T }> {
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
}
