import type { KumaPageView, ServiceKind } from '@medianest/contracts';
import type { Cached, ResponseCache, Upstream, Upstreams } from '../../integrations/http/index.js';
import type { OverseerrClient } from '../../integrations/overseerr/index.js';
import type { HttpPlexServerClient } from '../../integrations/plex/index.js';
import type { TmdbClient } from '../../integrations/tmdb/index.js';
import type { KumaStatusPage, UptimeKumaClient } from '../../integrations/uptimekuma/index.js';
import { AppError } from '../../platform/http/errors.js';
import type { ServiceState } from './status.events.js';
import type { ServiceSettingsStore } from './status.settings.js';
import type { CustomCheckRow } from './status.tables.js';

/** The clients the status context uses, made in the composition root on the shared upstreams. */
export interface StatusClients {
  upstreams: Upstreams;
  plex: HttpPlexServerClient;
  overseerr: OverseerrClient;
  kuma: UptimeKumaClient;
  tmdb: TmdbClient;
}

export interface ProbeResult {
  state: ServiceState;
  latencyMs: number | null;
  error: string | null;
}

/** A service the scheduler checks: what it is, how often, and how. */
export interface ServiceDefinition {
  id: string;
  name: string;
  kind: ServiceKind;
  intervalSeconds: number;
  probe(): Promise<ProbeResult>;
}

export interface ProbeDeps {
  clients: StatusClients;
  store: ServiceSettingsStore;
  now: () => number;
  /** MediaNest's own readiness (database, migrations, cache). */
  selfCheck: () => Promise<{ ok: boolean; latencyMs: number | null; error: string | null; degraded?: boolean }>;
  /** Where the imported Uptime Kuma page is kept (last good kept while Kuma is down). */
  kumaCache: ResponseCache<KumaStatusPage>;
  /** Slower than this counts as degraded. */
  degradedAfterMs: number;
  /** One upstream (own breaker) per custom check. */
  checkUpstream: (check: CustomCheckRow) => Upstream;
}

/** An error from a client, as a state and a sentence for the tile. */
export function failure(error: unknown, latencyMs: number | null = null): ProbeResult {
  if (error instanceof AppError) {
    return { state: error.code === 'UPSTREAM_RATE_LIMITED' ? 'degraded' : 'down', latencyMs, error: error.message };
  }
  return { state: 'down', latencyMs, error: `The check failed: ${(error as Error).message}` };
}

async function timed(now: () => number, degradedAfterMs: number, work: () => Promise<string | null>): Promise<ProbeResult> {
  const started = now();
  try {
    const problem = await work();
    const latencyMs = Math.max(0, now() - started);
    if (problem) return { state: 'degraded', latencyMs, error: problem };
    if (latencyMs > degradedAfterMs) return { state: 'degraded', latencyMs, error: `Answered slowly (${latencyMs} ms).` };
    return { state: 'up', latencyMs, error: null };
  } catch (error) {
    return failure(error);
  }
}

export const kumaView = (cached: Cached<KumaStatusPage>): KumaPageView => ({
  ...cached.data,
  groups: cached.data.groups.map((group) => ({
    name: group.name,
    monitors: group.monitors.map((monitor) => ({ ...monitor, beats: monitor.beats.slice(-50) })),
  })),
  stale: cached.stale,
  ageMs: cached.ageMs,
});

/** Every service to check now: MediaNest itself, the configured upstreams, and the custom checks. */
export async function serviceDefinitions(deps: ProbeDeps, checks: CustomCheckRow[]): Promise<ServiceDefinition[]> {
  const { clients, store, now, degradedAfterMs } = deps;
  const [plex, overseerr, kuma, tmdb] = await Promise.all([store.plex(), store.overseerr(), store.kuma(), store.tmdb()]);
  const list: ServiceDefinition[] = [
    {
      id: 'medianest',
      name: 'MediaNest',
      kind: 'medianest',
      intervalSeconds: 60,
      probe: async () => {
        const self = await deps.selfCheck();
        if (!self.ok) return { state: 'down', latencyMs: self.latencyMs, error: self.error };
        // Ready, but an optional part (yt-dlp, ffmpeg) is missing: working, with less.
        return self.degraded ? { state: 'degraded', latencyMs: self.latencyMs, error: self.error } : { state: 'up', latencyMs: self.latencyMs, error: null };
      },
    },
  ];
  if (plex) {
    list.push({
      id: 'plex',
      name: plex.name ? `Plex (${plex.name})` : 'Plex',
      kind: 'plex',
      intervalSeconds: plex.intervalSeconds,
      probe: () =>
        timed(now, degradedAfterMs, async () => {
          const info = await clients.plex.serverInfo(plex.url, plex.token, { direct: false });
          return info.machineIdentifier === plex.machineIdentifier
            ? null
            : 'A different Plex server answers at this address than the one chosen at setup.';
        }),
    });
  }
  if (overseerr) {
    list.push({
      id: 'overseerr',
      name: 'Overseerr',
      kind: 'overseerr',
      intervalSeconds: overseerr.intervalSeconds,
      probe: () =>
        timed(now, degradedAfterMs, async () => {
          await clients.overseerr.status(overseerr);
          await clients.overseerr.me(overseerr);
          return null;
        }),
    });
  }
  if (kuma) {
    list.push({
      id: 'uptime-kuma',
      name: 'Uptime Kuma',
      kind: 'uptime-kuma',
      intervalSeconds: kuma.intervalSeconds,
      probe: () =>
        timed(now, degradedAfterMs, async () => {
          const page = await clients.kuma.statusPage(kuma);
          await deps.kumaCache.put('page', page);
          const down = page.groups.flatMap((group) => group.monitors).filter((monitor) => monitor.state === 'down');
          return down.length > 0 ? `Uptime Kuma reports ${down.map((monitor) => monitor.name).join(', ')} down.` : null;
        }),
    });
  }
  if (tmdb) {
    list.push({
      id: 'tmdb',
      name: 'TMDB',
      kind: 'tmdb',
      intervalSeconds: tmdb.intervalSeconds,
      probe: () =>
        timed(now, degradedAfterMs, async () => {
          await clients.tmdb.configuration(tmdb);
          return null;
        }),
    });
  }
  for (const check of checks) {
    list.push({
      id: `check:${check.id}`,
      name: check.name,
      kind: 'http',
      intervalSeconds: check.intervalSeconds,
      probe: async () => {
        const started = now();
        try {
          const response = await deps.checkUpstream(check).send({ operation: 'check', url: new URL(check.url), headers: { Accept: '*/*' } });
          const latencyMs = Math.max(0, now() - started);
          if (response.status !== check.expectedStatus) {
            return { state: 'down', latencyMs, error: `${check.name} answered ${response.status}; ${check.expectedStatus} was expected.` };
          }
          return latencyMs > degradedAfterMs
            ? { state: 'degraded', latencyMs, error: `Answered slowly (${latencyMs} ms).` }
            : { state: 'up', latencyMs, error: null };
        } catch (error) {
          return failure(error);
        }
      },
    });
  }
  return list;
}
