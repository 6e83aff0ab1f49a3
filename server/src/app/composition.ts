import { mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Express } from 'express';
import { MemoryCache } from '../platform/cache/memory-cache.js';
import type { Cache } from '../platform/cache/cache.js';
import { RedisCache } from '../platform/cache/redis-cache.js';
import type { Redis } from '../platform/cache/redis.js';
import { systemClock, type Clock } from '../platform/clock.js';
import type { Config } from '../platform/config/config.js';
import { loadPendingKey, loadSecretKey, parseKey, pendingKeyFile, SecretBox } from '../platform/crypto/secret-box.js';
import { openDatabase, type DatabaseHandle } from '../platform/db/database.js';
import type { EventBus } from '../platform/events/event-bus.js';
import { InProcessEventBus } from '../platform/events/in-process-bus.js';
import { RedisEventBus } from '../platform/events/redis-bus.js';
import { createHttpApp } from '../platform/http/app.js';
import { createRateLimiter, type RateLimiter } from '../platform/http/rate-limit.js';
import { ApiRouter } from '../platform/http/router.js';
import { createLogger, type Logger } from '../platform/observability/logger.js';
import { createMetrics, type Metrics } from '../platform/observability/metrics.js';
import { ReadinessRegistry } from '../platform/readiness.js';
import { ToolsProbe } from '../platform/tools.js';
import { Upstreams, type UpstreamPolicies, type UpstreamRuntime } from '../integrations/http/index.js';
import { OverseerrClient } from '../integrations/overseerr/index.js';
import { HttpPlexServerClient, PlexLibraryClient, type PlexServerClient } from '../integrations/plex/index.js';
import { HttpPlexTvClient, type PlexTvClient } from '../integrations/plextv/index.js';
import { TmdbClient } from '../integrations/tmdb/index.js';
import { UptimeKumaClient } from '../integrations/uptimekuma/index.js';
import { AuditLog, AuditReader, recordAuditTrail, registerAuditRoutes } from '../modules/audit/index.js';
import { createAuthContext, plexClientIdentity, PlexServerConfig, type AuthContext } from '../modules/auth/index.js';
import { createNotificationsContext, type NotificationsContext } from '../modules/notifications/index.js';
import { RealtimeRepository, RealtimeServer } from '../modules/realtime/index.js';
import { SettingsService } from '../modules/settings/index.js';
import { LibraryService, registerLibraryRoutes } from '../modules/library/index.js';
import { createStatusContext, type StatusContext } from '../modules/status/index.js';
import { registerSystemRoutes } from '../modules/system/index.js';
import { registerUsersRoutes, UsersRepository, UsersService } from '../modules/users/index.js';
import { startHttpServer, stopHttpServer } from './http-server.js';
import { wireLiveUpdates } from './live-wiring.js';
import { version } from './version.js';

export type Role = 'all' | 'api' | 'worker';

export interface CreateOptions {
  config: Config;
  role?: Role;
  logger?: Logger;
  clock?: Clock;
  /** Tests pass a ready database (a clone of the migrated template); otherwise one is opened from config. */
  database?: DatabaseHandle;
  /** Replace upstream clients (tests with strict fakes); by default they talk to the configured URLs. */
  adapters?: Partial<Adapters>;
  /** Per-upstream overrides of timeouts, retries, breaker and rate limit (defaults in integrations/http). */
  upstreamPolicies?: UpstreamPolicies;
  /** Time, sleep and randomness of the upstream clients (tests). */
  upstreamRuntime?: Partial<UpstreamRuntime>;
  /** Poll the services in the background (roles `all` and `worker`); default true. Tests turn it off. */
  statusPolling?: boolean;
}

/** Clients of upstream services, created here and injected into the contexts that use them. */
export interface Adapters {
  plexTv: PlexTvClient;
  plexServer: PlexServerClient;
}

/** The adapters every context may receive. A context gets only the ones it uses. */
export interface Platform {
  config: Config;
  logger: Logger;
  clock: Clock;
  database: DatabaseHandle;
  redis: Redis | undefined;
  cache: Cache;
  events: EventBus;
  rateLimiter: RateLimiter;
  metrics: Metrics;
  secrets: SecretBox;
  readiness: ReadinessRegistry;
  /** yt-dlp and ffmpeg: where they are and their versions (probed in the background). */
  tools: ToolsProbe;
}

export interface MediaNest {
  readonly platform: Platform;
  readonly app: Express;
  readonly settings: SettingsService;
  readonly audit: AuditLog;
  readonly users: UsersRepository;
  readonly usersService: UsersService;
  readonly auth: AuthContext;
  /** Socket.IO: live pushes to the browsers (`forward`, `push`, `onClientEvent`). */
  readonly realtime: RealtimeServer;
  /** `notify(...)` for every context; the bell, preferences, outbound channels and their delivery worker. */
  readonly notifications: NotificationsContext;
  /** Every upstream's breaker, rate limit and metrics, and the response caches. */
  readonly upstreams: Upstreams;
  readonly status: StatusContext;
  /** Starts listening (roles `all` and `api`) and the background work (roles `all` and `worker`). */
  start(): Promise<{ port: number; url: string } | undefined>;
  stop(): Promise<void>;
}

const defaultWebDir = fileURLToPath(new URL('../../../web/dist', import.meta.url));

async function createPlatform(options: CreateOptions): Promise<Platform> {
  const { config } = options;
  const logger = options.logger ?? createLogger(config.logLevel);
  mkdirSync(config.dataDir, { recursive: true });

  const loadedKey = loadSecretKey(config.secretKey, config.dataDir);
  if (loadedKey.source === 'generated') {
    logger.warn(
      { file: loadedKey.file },
      'No MEDIANEST_SECRET_KEY set: generated a key in the data directory. Back it up with the data: without it, stored secrets cannot be read.',
    );
  }
  const pendingKey = loadPendingKey(config.dataDir);
  if (pendingKey) {
    logger.warn(
      { file: pendingKeyFile(config.dataDir) },
      'A secrets rotation did not finish. Run "medianest secrets rotate" again to complete it.',
    );
  }
  const secrets = new SecretBox(loadedKey.key, [
    ...config.previousSecretKeys.map(parseKey),
    ...(pendingKey ? [pendingKey] : []),
  ]);

  const database =
    options.database ??
    (await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolMax: config.databasePoolMax }));
  // Loaded only when configured: ioredis costs ~7 MB of heap that an embedded install never uses.
  const redis = config.redisUrl
    ? await (await import('../platform/cache/redis.js')).connectRedis(config.redisUrl, config.redisKeyPrefix)
    : undefined;
  const cache: Cache = redis ? new RedisCache(redis) : new MemoryCache();
  // With Redis the bus fans events out to every instance (API and worker processes); alone, it stays in process.
  const events: EventBus = redis ? new RedisEventBus(redis, logger) : new InProcessEventBus(logger);
  if (events instanceof RedisEventBus) await events.whenReady();
  const readiness = new ReadinessRegistry(version);

  readiness.register('database', async () => ({ ok: true, driver: database.driver, latencyMs: await database.ping() }));
  readiness.register('migrations', async () => {
    const status = await database.migrationStatus();
    const ok = status.applied >= status.expected;
    return {
      ok,
      detail: { applied: status.applied, expected: status.expected },
      ...(ok ? {} : { error: `${status.expected - status.applied} migration(s) not applied: run "medianest migrate"` }),
    };
  });
  readiness.register('cache', async () => ({ ok: true, driver: cache.driver, latencyMs: await cache.ping() }));
  const tools = new ToolsProbe({ ytDlpPath: config.ytDlpPath, ffmpegPath: config.ffmpegPath });
  readiness.register('tools', () => tools.check(), { critical: false });

  return {
    config,
    logger,
    clock: options.clock ?? systemClock,
    database,
    redis,
    cache,
    events,
    rateLimiter: createRateLimiter(redis),
    metrics: createMetrics(),
    secrets,
    readiness,
    tools,
  };
}

/** Per upstream, the fields of `overrides` win over those of `base` (config file/env < code options). */
function mergePolicies(base: UpstreamPolicies, overrides: UpstreamPolicies): UpstreamPolicies {
  const merged: UpstreamPolicies = { ...base };
  for (const [name, policy] of Object.entries(overrides) as [keyof UpstreamPolicies, UpstreamPolicies[keyof UpstreamPolicies]][]) {
    merged[name] = { ...merged[name], ...policy };
  }
  return merged;
}

/**
 * The composition root: every adapter is created here and handed to the contexts that use it.
 * Nothing connects at import time; `createMediaNest` connects, `start` listens, `stop` undoes both.
 */
export async function createMediaNest(options: CreateOptions): Promise<MediaNest> {
  const role = options.role ?? 'all';
  const platform = await createPlatform(options);
  const { config, logger, database } = platform;
  try {
    await database.migrate();
  } catch (error) {
    await database.close();
    platform.redis?.disconnect();
    throw error;
  }

  const settings = new SettingsService(database.db, platform.secrets, platform.events);
  const audit = new AuditLog(database.db);
  const users = new UsersRepository(database.db);
  recordAuditTrail(platform.events, audit, logger);

  const plexIdentity = await plexClientIdentity(settings, version);
  const upstreams = new Upstreams({
    cache: platform.cache,
    registry: platform.metrics.registry,
    policies: mergePolicies(config.upstreamPolicies ?? {}, options.upstreamPolicies ?? {}),
    ...(options.upstreamRuntime ? { runtime: options.upstreamRuntime } : {}),
  });
  const plexServerClient = new HttpPlexServerClient({ identity: plexIdentity, upstream: upstreams.get('plex') });
  const adapters: Adapters = {
    plexTv:
      options.adapters?.plexTv ??
      new HttpPlexTvClient({ baseUrl: config.plexTvUrl, appUrl: config.plexAppUrl, identity: plexIdentity, upstream: upstreams.get('plextv') }),
    plexServer: options.adapters?.plexServer ?? plexServerClient,
  };
  const auth = await createAuthContext(
    {
      db: database.db,
      events: platform.events,
      cache: platform.cache,
      clock: platform.clock,
      secrets: platform.secrets,
      rateLimiter: platform.rateLimiter,
      logger,
      users,
      plexTv: adapters.plexTv,
      plexServer: adapters.plexServer,
      dataDir: config.dataDir,
      publicUrl: config.publicUrl,
      corsOrigins: () => config.corsOrigins,
    },
    settings,
  );
  const usersService = new UsersService(database.db, platform.events, auth.accessControl, auth.plexDirectory);
  const plexServerConfig = new PlexServerConfig(settings);
  const status = createStatusContext({
    db: database.db,
    events: platform.events,
    logger,
    settings,
    now: () => platform.clock.now().getTime(),
    plexServer: {
      get: () => plexServerConfig.get(),
      token: () => plexServerConfig.serverToken(),
      updateUrl: (url, actorUserId) => plexServerConfig.updateUrl(url, actorUserId),
    },
    clients: {
      upstreams,
      plex: plexServerClient,
      overseerr: new OverseerrClient(upstreams.get('overseerr')),
      kuma: new UptimeKumaClient(upstreams.get('uptime-kuma')),
      tmdb: new TmdbClient(upstreams.get('tmdb')),
    },
    selfCheck: async () => {
      const report = await platform.readiness.report();
      const optional = Object.entries(report.checks).filter(([, check]) => !check.ok && !check.critical);
      return {
        ok: report.status === 'ready',
        latencyMs: report.checks.database?.latencyMs ?? null,
        error:
          report.failing.length > 0
            ? `Not ready: ${report.failing.join(', ')}.`
            : optional.length > 0
              ? `Working without ${optional.map(([name, check]) => `${name} (${check.error ?? 'failing'})`).join(', ')}.`
              : null,
        degraded: optional.length > 0,
      };
    },
    plexIdOf: async (userId) => (await users.findById(userId))?.plexId ?? null,
  });

  const library = new LibraryService({
    server: { get: () => plexServerConfig.get(), token: () => plexServerConfig.serverToken() },
    plex: new PlexLibraryClient(upstreams.get('plex'), () => plexIdentity),
    sectionsCache: upstreams.cache('plex-sections', { ttlMs: 5 * 60_000, staleWhileRevalidateMs: 60 * 60_000 }),
    recentCache: upstreams.cache('plex-recent', { ttlMs: 60_000, staleWhileRevalidateMs: 10 * 60_000 }),
    thumbsCache: upstreams.cache('plex-thumbs', { ttlMs: 24 * 3_600_000, staleWhileRevalidateMs: 0 }),
  });

  const realtime = new RealtimeServer({
    events: platform.events,
    repository: new RealtimeRepository(database.db),
    connections: auth.connections,
    clock: platform.clock,
    logger,
    metrics: platform.metrics,
    redis: platform.redis,
    // Loaded only when configured, like ioredis: an embedded install never needs it.
    ...(platform.redis ? { createRedisAdapter: (await import('@socket.io/redis-adapter')).createAdapter } : {}),
    corsOrigins: () => config.corsOrigins,
  });

  const notifications = createNotificationsContext({
    db: database.db,
    events: platform.events,
    secrets: platform.secrets,
    clock: platform.clock,
    logger,
    users,
    realtime,
    publicUrl: config.publicUrl,
  });

  wireLiveUpdates({ events: platform.events, realtime, notifications });

  const router = new ApiRouter({ authenticator: auth.authenticator, rateLimiter: platform.rateLimiter, logger });
  const routers = [router];
  registerSystemRoutes(router, { readiness: platform.readiness, version, routers: () => routers });
  auth.registerRoutes(router);
  registerUsersRoutes(router, usersService);
  notifications.registerRoutes(router);
  registerAuditRoutes(router, { reader: new AuditReader(database.db), audit, clock: platform.clock });
  status.registerRoutes(router);
  registerLibraryRoutes(router, library);

  const app = createHttpApp({
    logger,
    metrics: platform.metrics,
    routers,
    bodyLimit: config.bodyLimit,
    trustedProxies: config.trustedProxies,
    corsOrigins: () => config.corsOrigins,
    metricsToken: config.metricsToken,
    webDir: config.webDir ? path.resolve(config.webDir) : defaultWebDir,
  });

  let server: Server | undefined;
  let stopped = false;
  let stopMaintenance: (() => Promise<void>) | undefined;
  const stopBackground: (() => Promise<void>)[] = [];
  let stopPolling: (() => Promise<void>) | undefined;
  return {
    platform,
    app,
    settings,
    audit,
    users,
    usersService,
    auth,
    realtime,
    notifications,
    upstreams,
    status,
    async start() {
      // Housekeeping runs where background work runs: the worker, or the all-in-one process.
      if (role !== 'api') {
        stopMaintenance = auth.startMaintenance();
        stopBackground.push(realtime.startPruning());
        if (config.notificationsPollMs > 0) stopBackground.push(notifications.startDeliveries(config.notificationsPollMs));
      }
      if (role !== 'api' && options.statusPolling !== false) stopPolling = status.startPolling();
      if (role === 'worker') {
        logger.info({ role }, 'MediaNest worker started');
        return undefined;
      }
      server = await startHttpServer(app, config.port, config.host);
      realtime.attach(server);
      // Off the start-up path: the versions are ready by the time someone asks /readyz.
      setImmediate(() => void platform.tools.refresh());
      const { port } = server.address() as AddressInfo;
      const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
      const url = `http://${host}:${port}`;
      logger.info({ role, url, database: database.driver, cache: platform.cache.driver }, 'MediaNest listening');
      return { port, url };
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      // Sockets first: an open WebSocket would hold the HTTP server open until the shutdown timeout.
      await realtime.close();
      if (server) await stopHttpServer(server, config.shutdownTimeoutMs);
      await stopMaintenance?.();
      await Promise.all(stopBackground.map((stop) => stop()));
      await stopPolling?.();
      platform.tools.close();
      await platform.events.close();
      await platform.cache.close();
      if (platform.redis) await platform.redis.quit().catch(() => platform.redis?.disconnect());
      await database.close();
      logger.info('MediaNest stopped');
    },
  };
}
