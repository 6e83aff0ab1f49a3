import type { KumaStatusPage } from '../../integrations/uptimekuma/index.js';
import type { PlexSession } from '../../integrations/plex/index.js';
import type { Database } from '../../platform/db/database.js';
import type { EventBus } from '../../platform/events/event-bus.js';
import type { ApiRouter } from '../../platform/http/router.js';
import type { Logger } from '../../platform/observability/logger.js';
import type { SettingsService } from '../settings/index.js';
import { NowPlayingService } from './status.now-playing.js';
import type { StatusClients } from './status.probes.js';
import { StatusRepository } from './status.repository.js';
import { registerStatusRoutes } from './status.routes.js';
import { StatusScheduler } from './status.scheduler.js';
import { StatusService } from './status.service.js';
import { ServiceSettingsStore, type PlexServerSource } from './status.settings.js';

export interface StatusContextDeps {
  db: Database;
  events: EventBus;
  logger: Logger;
  settings: SettingsService;
  plexServer: PlexServerSource;
  clients: StatusClients;
  now: () => number;
  selfCheck: () => Promise<{ ok: boolean; latencyMs: number | null; error: string | null; degraded?: boolean }>;
  plexIdOf: (userId: string) => Promise<number | null>;
  /** A check slower than this counts as degraded (default 3 s). */
  degradedAfterMs?: number;
}

export interface StatusContext {
  readonly service: StatusService;
  readonly nowPlaying: NowPlayingService;
  readonly repository: StatusRepository;
  registerRoutes(router: ApiRouter): void;
  /** The scheduler (and the Plex websocket): background work, for the worker or the all-in-one process. */
  startPolling(): () => Promise<void>;
}

export function createStatusContext(deps: StatusContextDeps): StatusContext {
  const repository = new StatusRepository(deps.db);
  const store = new ServiceSettingsStore(deps.settings, deps.plexServer);
  const kumaCache = deps.clients.upstreams.cache<KumaStatusPage>('uptime-kuma', { ttlMs: 30_000, staleWhileRevalidateMs: 60_000 });
  const sessionsCache = deps.clients.upstreams.cache<PlexSession[]>('plex-sessions', { ttlMs: 10_000, staleWhileRevalidateMs: 0 });
  const service = new StatusService({
    repo: repository,
    store,
    clients: deps.clients,
    events: deps.events,
    logger: deps.logger,
    now: deps.now,
    kumaCache,
    probe: { selfCheck: deps.selfCheck, degradedAfterMs: deps.degradedAfterMs ?? 3_000 },
  });
  const nowPlaying = new NowPlayingService({ store, plex: deps.clients.plex, cache: sessionsCache, plexIdOf: deps.plexIdOf, logger: deps.logger });
  let scheduler: StatusScheduler | undefined;
  const changed = () => {
    scheduler?.invalidate();
    if (scheduler) void nowPlaying.connect().catch(() => undefined);
  };
  // Settings also change outside these routes (the setup wizard picks the Plex server).
  deps.events.subscribe('settings.changed', ({ key }) => {
    if (key.startsWith('services.') || key.startsWith('plex.server')) changed();
  });

  return {
    service,
    nowPlaying,
    repository,
    registerRoutes: (router) => registerStatusRoutes(router, service, nowPlaying, changed),
    startPolling() {
      scheduler = new StatusScheduler(service, deps.logger, { now: deps.now });
      scheduler.start();
      void nowPlaying.connect().catch((error: unknown) => deps.logger.warn({ err: error }, 'Plex notifications not connected'));
      return async () => {
        await scheduler?.stop();
        scheduler = undefined;
        nowPlaying.close();
      };
    },
  };
}
