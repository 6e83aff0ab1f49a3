import { z } from 'zod';
import { defineEndpoint } from './endpoint.js';

/** Admin → Services: where each upstream is, its key (only ever set / not set), test connection, custom checks. */

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

const adminTags = ['services'];

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

export const servicesEndpoints = [
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
