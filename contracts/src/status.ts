import { z } from 'zod';
import { defineEndpoint } from './endpoint.js';

export const ServiceState = z.enum(['up', 'down', 'degraded', 'unknown']).meta({ id: 'ServiceState' });
export type ServiceState = z.infer<typeof ServiceState>;

export const ServiceKind = z.enum(['medianest', 'plex', 'overseerr', 'uptime-kuma', 'tmdb', 'http']);
export type ServiceKind = z.infer<typeof ServiceKind>;

export const BreakerState = z.enum(['closed', 'open', 'half-open', 'isolated']);

export const Outage = z
  .object({
    startedAt: z.string(),
    /** null while the outage lasts. */
    endedAt: z.string().nullable(),
    error: z.string().nullable(),
  })
  .meta({ id: 'Outage' });
export type Outage = z.infer<typeof Outage>;

export const SparkPoint = z.object({
  /** Start of the hour. */
  at: z.string(),
  /** Mean response time of the checks in the hour that got an answer; null when none. */
  latencyMs: z.number().nullable(),
  /** Worst state seen in the hour (unknown without checks). */
  state: ServiceState,
});
export type SparkPoint = z.infer<typeof SparkPoint>;

export const ServiceTile = z
  .object({
    /** `plex`, `overseerr`, `uptime-kuma`, `tmdb`, `medianest`, or `check:<uuid>` for a custom check. */
    id: z.string(),
    name: z.string(),
    kind: ServiceKind,
    state: ServiceState,
    /** Response time of the last check. */
    latencyMs: z.number().nullable(),
    checkedAt: z.string().nullable(),
    /** Since when the service has been in this state. */
    since: z.string().nullable(),
    /** The last error, in words (shown on a red tile), and when it happened. */
    lastError: z.string().nullable(),
    lastErrorAt: z.string().nullable(),
    /** Fractions 0..1 of checks that were up or degraded in the last 24, 7×24 and 30×24 hours (the current hour included); null without checks. */
    uptime: z.object({ h24: z.number().nullable(), d7: z.number().nullable(), d30: z.number().nullable() }),
    /** The last 24 h, one point per hour (the current one last). */
    sparkline: z.array(SparkPoint),
    /** The most recent outages, newest first. */
    outages: z.array(Outage),
  })
  .meta({ id: 'ServiceTile' });
export type ServiceTile = z.infer<typeof ServiceTile>;

export const KumaMonitorState = z.enum(['up', 'down', 'pending', 'maintenance', 'unknown']);

export const KumaMonitorView = z.object({
  id: z.number(),
  name: z.string(),
  state: KumaMonitorState,
  pingMs: z.number().nullable(),
  uptime24h: z.number().nullable(),
  lastBeatAt: z.string().nullable(),
  /** The last beats (at most 50), oldest first. */
  beats: z.array(z.object({ state: KumaMonitorState, at: z.string(), pingMs: z.number().nullable() })),
});

export const KumaPageView = z
  .object({
    title: z.string(),
    incidents: z.array(z.object({ title: z.string(), content: z.string().nullable(), style: z.string().nullable() })),
    groups: z.array(z.object({ name: z.string(), monitors: z.array(KumaMonitorView) })),
    /** True when Uptime Kuma could not be read and this is the last good import. */
    stale: z.boolean(),
    ageMs: z.number(),
  })
  .meta({ id: 'KumaPage' });
export type KumaPageView = z.infer<typeof KumaPageView>;

export const BreakerView = z.object({
  upstream: z.string(),
  service: z.string(),
  state: BreakerState,
  since: z.string().nullable(),
  consecutiveFailures: z.number(),
  lastFailure: z.object({ at: z.string(), reason: z.string() }).nullable(),
  lastSuccessAt: z.string().nullable(),
});

export const StatusOverview = z
  .object({
    services: z.array(ServiceTile),
    kuma: KumaPageView.nullable(),
    /** Breaker state per upstream; only for admins (empty for other users). */
    breakers: z.array(BreakerView),
    generatedAt: z.string(),
  })
  .meta({ id: 'StatusOverview' });
export type StatusOverview = z.infer<typeof StatusOverview>;

export const NowPlayingSession = z.object({
  sessionKey: z.string(),
  title: z.string(),
  type: z.string(),
  year: z.number().nullable(),
  /** Present for admins: who is watching. */
  user: z.string().nullable(),
  player: z.string().nullable(),
  state: z.string(),
  /** 0..1 */
  progress: z.number().nullable(),
  durationMs: z.number().nullable(),
  decision: z.enum(['transcode', 'directplay', 'copy', 'unknown']),
  videoResolution: z.string().nullable(),
});
export type NowPlayingSession = z.infer<typeof NowPlayingSession>;

export const NowPlaying = z
  .object({
    configured: z.boolean(),
    sessions: z.array(NowPlayingSession),
    /** True when Plex could not be asked and these are the last known sessions. */
    stale: z.boolean(),
    ageMs: z.number(),
    /** Why the data is stale: the upstream error message. */
    error: z.string().nullable(),
    /** `push` while the PMS websocket is connected, else `poll`. */
    source: z.enum(['push', 'poll']),
  })
  .meta({ id: 'NowPlaying' });
export type NowPlaying = z.infer<typeof NowPlaying>;

const tags = ['status'];

export const getStatusOverview = defineEndpoint({
  method: 'get',
  path: '/status/services',
  summary: 'Service tiles for the dashboard',
  description: 'State, latency, uptime, 24 h sparkline and outages of every configured service, the Uptime Kuma page, and (admins) breaker states.',
  tags,
  access: { kind: 'user' },
  responses: { 200: StatusOverview },
});

export const getNowPlaying = defineEndpoint({
  method: 'get',
  path: '/now-playing',
  summary: 'What is playing on the Plex server',
  description: 'Admins see every session with the user; other users see their own. When Plex is down: the last known sessions flagged stale, or UPSTREAM_UNAVAILABLE.',
  tags,
  access: { kind: 'user' },
  responses: { 200: NowPlaying },
});

export const statusEndpoints = [getStatusOverview, getNowPlaying] as const;
