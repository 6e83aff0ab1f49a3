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

// ---- admin: service settings ----

const HttpUrl = z
  .url({ protocol: /^https?$/, error: 'Enter an address starting with http:// or https://' })
  .max(500)
  .transform((value) => value.replace(/\/+$/, ''));
const Interval = z.number().int().min(10, 'Check at most every 10 seconds').max(86_400).optional();
const Secret = z.string().trim().min(1, 'Must not be empty').max(500);

export const PlexServiceSettings = z.object({
  configured: z.boolean(),
  url: z.string().nullable(),
  name: z.string().nullable(),
  machineIdentifier: z.string().nullable(),
  tokenSet: z.boolean(),
  intervalSeconds: z.number(),
});
export const OverseerrServiceSettings = z.object({
  configured: z.boolean(),
  url: z.string().nullable(),
  apiKeySet: z.boolean(),
  intervalSeconds: z.number(),
});
export const KumaServiceSettings = z.object({
  configured: z.boolean(),
  url: z.string().nullable(),
  slug: z.string().nullable(),
  metricsUsername: z.string().nullable(),
  metricsPasswordSet: z.boolean(),
  intervalSeconds: z.number(),
});
export const TmdbServiceSettings = z.object({
  configured: z.boolean(),
  url: z.string().nullable(),
  apiKeySet: z.boolean(),
  intervalSeconds: z.number(),
});

export const CustomCheck = z
  .object({
    id: z.string(),
    name: z.string(),
    url: z.string(),
    expectedStatus: z.number(),
    intervalSeconds: z.number(),
    createdAt: z.string(),
  })
  .meta({ id: 'CustomCheck' });
export type CustomCheck = z.infer<typeof CustomCheck>;

export const ServicesSettings = z
  .object({
    plex: PlexServiceSettings,
    overseerr: OverseerrServiceSettings,
    uptimeKuma: KumaServiceSettings,
    tmdb: TmdbServiceSettings,
    checks: z.array(CustomCheck),
  })
  .meta({ id: 'ServicesSettings' });
export type ServicesSettings = z.infer<typeof ServicesSettings>;

export const UpdatePlexService = z.strictObject({ url: HttpUrl, intervalSeconds: Interval });
export const UpdateOverseerrService = z.strictObject({
  url: HttpUrl,
  /** Omit to keep the stored key. */
  apiKey: Secret.optional(),
  intervalSeconds: Interval,
});
export const UpdateKumaService = z.strictObject({
  url: HttpUrl,
  slug: z.string().trim().min(1).max(100).regex(/^[A-Za-z0-9-_]+$/, 'Letters, digits, - and _ only'),
  /** Both or neither: HTTP Basic for `/metrics` (any username with an API key). null clears them. */
  metricsUsername: z.string().trim().min(1).max(200).nullable().optional(),
  metricsPassword: Secret.nullable().optional(),
  intervalSeconds: Interval,
});
export const UpdateTmdbService = z.strictObject({
  apiKey: Secret.optional(),
  /** Only for a proxy or a test double; TMDB's own API by default. */
  url: HttpUrl.optional(),
  intervalSeconds: Interval,
});

export const ConfigurableService = z.enum(['plex', 'overseerr', 'uptime-kuma', 'tmdb']);
export type ConfigurableService = z.infer<typeof ConfigurableService>;

export const Diagnosis = z.enum([
  'ok',
  'not-configured',
  'dns',
  'refused',
  'timeout',
  'tls',
  'unauthorized',
  'wrong-product',
  'version-too-old',
  'not-found',
  'unexpected-status',
  'bad-response',
  'unavailable',
]);
export type Diagnosis = z.infer<typeof Diagnosis>;

export const ConnectionTest = z
  .object({
    ok: z.boolean(),
    diagnosis: Diagnosis,
    /** What happened and what to do, in words. */
    message: z.string(),
    latencyMs: z.number().nullable(),
    /** The upstream's version when it told us. */
    version: z.string().nullable(),
  })
  .meta({ id: 'ConnectionTest' });
export type ConnectionTest = z.infer<typeof ConnectionTest>;

export const CustomCheckInput = z.strictObject({
  name: z.string().trim().min(1, 'Give the check a name').max(80),
  url: HttpUrl,
  expectedStatus: z.number().int().min(100).max(599).default(200),
  intervalSeconds: z.number().int().min(10, 'Check at most every 10 seconds').max(86_400).default(60),
});

const tags = ['status'];
const adminTags = ['services'];

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

export const getServicesSettings = defineEndpoint({
  method: 'get',
  path: '/services',
  summary: 'Service settings (secrets only as set / not set)',
  tags: adminTags,
  access: { kind: 'admin' },
  responses: { 200: ServicesSettings },
});

export const updatePlexService = defineEndpoint({
  method: 'put',
  path: '/services/plex',
  summary: 'Change the Plex server address or check interval',
  description: 'The token stays the one chosen at setup. The new address must answer as the same server (machine identifier).',
  tags: adminTags,
  access: { kind: 'admin' },
  body: UpdatePlexService,
  responses: { 200: ServicesSettings },
});

export const updateOverseerrService = defineEndpoint({
  method: 'put',
  path: '/services/overseerr',
  summary: 'Configure Overseerr (URL, API key)',
  tags: adminTags,
  access: { kind: 'admin' },
  body: UpdateOverseerrService,
  responses: { 200: ServicesSettings },
});

export const updateKumaService = defineEndpoint({
  method: 'put',
  path: '/services/uptime-kuma',
  summary: 'Configure Uptime Kuma (URL, status page, optional metrics credentials)',
  tags: adminTags,
  access: { kind: 'admin' },
  body: UpdateKumaService,
  responses: { 200: ServicesSettings },
});

export const updateTmdbService = defineEndpoint({
  method: 'put',
  path: '/services/tmdb',
  summary: 'Configure TMDB (API key)',
  tags: adminTags,
  access: { kind: 'admin' },
  body: UpdateTmdbService,
  responses: { 200: ServicesSettings },
});

export const deleteService = defineEndpoint({
  method: 'delete',
  path: '/services/:service',
  summary: 'Remove a service configuration (Overseerr, Uptime Kuma, TMDB)',
  tags: adminTags,
  access: { kind: 'admin' },
  params: z.object({ service: ConfigurableService }),
  responses: { 200: ServicesSettings },
});

export const testService = defineEndpoint({
  method: 'post',
  path: '/services/:service/test',
  summary: 'Test the saved connection to a service and diagnose what fails',
  tags: adminTags,
  access: { kind: 'admin' },
  params: z.object({ service: ConfigurableService }),
  responses: { 200: ConnectionTest },
});

export const createCustomCheck = defineEndpoint({
  method: 'post',
  path: '/services/checks',
  summary: 'Add a custom HTTP check',
  tags: adminTags,
  access: { kind: 'admin' },
  body: CustomCheckInput,
  responses: { 201: CustomCheck },
});

export const updateCustomCheck = defineEndpoint({
  method: 'put',
  path: '/services/checks/:id',
  summary: 'Change a custom HTTP check',
  tags: adminTags,
  access: { kind: 'admin' },
  params: z.object({ id: z.uuid({ error: 'Not a check id' }) }),
  body: CustomCheckInput,
  responses: { 200: CustomCheck },
});

export const deleteCustomCheck = defineEndpoint({
  method: 'delete',
  path: '/services/checks/:id',
  summary: 'Remove a custom HTTP check and its history',
  tags: adminTags,
  access: { kind: 'admin' },
  params: z.object({ id: z.uuid({ error: 'Not a check id' }) }),
  responses: { 204: null },
});

export const testCustomCheck = defineEndpoint({
  method: 'post',
  path: '/services/checks/:id/test',
  summary: 'Run a custom HTTP check once and diagnose what fails',
  tags: adminTags,
  access: { kind: 'admin' },
  params: z.object({ id: z.uuid({ error: 'Not a check id' }) }),
  responses: { 200: ConnectionTest },
});

export const statusEndpoints = [
  getStatusOverview,
  getNowPlaying,
  getServicesSettings,
  updatePlexService,
  updateOverseerrService,
  updateKumaService,
  updateTmdbService,
  deleteService,
  testService,
  createCustomCheck,
  updateCustomCheck,
  deleteCustomCheck,
  testCustomCheck,
] as const;
