import { z } from 'zod';
import { defineEndpoint } from './endpoint.js';

export const Health = z.object({ status: z.literal('ok'), uptimeSeconds: z.number() }).meta({ id: 'Health' });
export type Health = z.infer<typeof Health>;

export const ReadinessCheck = z
  .object({
    ok: z.boolean(),
    /** Which implementation answers, e.g. `pglite` or `postgres`, `memory` or `redis`. */
    driver: z.string().optional(),
    latencyMs: z.number().optional(),
    /** Extra facts worth showing (versions, counts). */
    detail: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).optional(),
    /** When `ok` is false: what failed, in words. */
    error: z.string().optional(),
    /** A non-critical check may fail without making the server unready. */
    critical: z.boolean(),
  })
  .meta({ id: 'ReadinessCheck' });
export type ReadinessCheck = z.infer<typeof ReadinessCheck>;

export const Readiness = z
  .object({
    status: z.enum(['ready', 'not_ready']),
    version: z.string(),
    uptimeSeconds: z.number(),
    /** Names of the critical checks that failed. */
    failing: z.array(z.string()),
    checks: z.record(z.string(), ReadinessCheck),
  })
  .meta({ id: 'Readiness' });
export type Readiness = z.infer<typeof Readiness>;

export const getHealth = defineEndpoint({
  method: 'get',
  path: '/healthz',
  absolute: true,
  summary: 'Process liveness',
  description: 'Answers 200 while the process runs. It does not touch the database.',
  tags: ['system'],
  access: { kind: 'public' },
  responses: { 200: Health },
});

export const getReadiness = defineEndpoint({
  method: 'get',
  path: '/readyz',
  absolute: true,
  summary: 'Readiness: database, migrations, cache and tools',
  description: '200 when every critical check passes, 503 naming the failing parts otherwise.',
  tags: ['system'],
  access: { kind: 'public' },
  responses: { 200: Readiness, 503: Readiness },
});

/** The same readiness report under the versioned API, for the web client. */
export const getSystemStatus = defineEndpoint({
  method: 'get',
  path: '/system/status',
  summary: 'Server status as shown on the status page',
  tags: ['system'],
  access: { kind: 'public' },
  responses: { 200: Readiness },
});

export const systemEndpoints = [getHealth, getReadiness, getSystemStatus] as const;
