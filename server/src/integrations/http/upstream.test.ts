import { startOverseerr, type OverseerrSimulator } from '@medianest/simulators';
import { Registry } from 'prom-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError } from '../../platform/http/errors.js';
import { DEFAULT_POLICY, realRuntime, Upstream, type UpstreamPolicy, type UpstreamRuntime } from './upstream.js';
import { parseRetryAfter } from './upstream-errors.js';
import { UpstreamMetrics } from './upstream-metrics.js';

const StatusSchema = z.object({ version: z.string(), commitTag: z.string() });

/** A runtime whose sleeps are recorded and return at once (time still moves for the breaker). */
function recordingRuntime(overrides: Partial<UpstreamRuntime> = {}) {
  const sleeps: number[] = [];
  const runtime: UpstreamRuntime = { ...realRuntime, sleep: (ms) => (sleeps.push(ms), Promise.resolve()), random: () => 1, ...overrides };
  return { runtime, sleeps };
}

async function caught(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

describe('Upstream: the resilient client base, against the Overseerr simulator', () => {
  let sim: OverseerrSimulator;
  let registry: Registry;
  let metrics: UpstreamMetrics;

  beforeAll(async () => {
    sim = await startOverseerr();
    registry = new Registry();
    metrics = new UpstreamMetrics(registry);
  });
  afterEach(async () => {
    sim.faults.clear();
    sim.clearReceived();
    await sim.resumeListening().catch(() => undefined);
  });
  afterAll(() => sim.close());

  const make = (policy: Partial<UpstreamPolicy> = {}, runtime: UpstreamRuntime = recordingRuntime().runtime) =>
    new Upstream('overseerr', 'Overseerr', { ...DEFAULT_POLICY, retries: 0, ...policy }, runtime, metrics);
  const status = (upstream: Upstream, extra: { timeoutMs?: number; method?: 'GET' | 'POST' } = {}) =>
    upstream.json({ operation: 'status', url: new URL('/api/v1/status', sim.url), schema: StatusSchema, ...extra });

  it('parses a good answer with its schema and measures it', async () => {
    const upstream = make();
    expect((await status(upstream)).version).toBe(sim.version);
    const text = await registry.getSingleMetricAsString('upstream_requests_total');
    expect(text).toContain('upstream_requests_total{upstream="overseerr",operation="status",outcome="success"}');
    expect(await registry.getSingleMetricAsString('upstream_request_duration_seconds')).toContain('outcome="success"');
  });

  it('opens the breaker after the configured refused connections, fails fast, then half-opens and closes', async () => {
    const upstream = make({ breakerFailures: 3, breakerHalfOpenAfterMs: 50 });
    await sim.stopListening();
    for (let i = 0; i < 3; i += 1) {
      const error = await caught(status(upstream));
      expect(error.code).toBe('UPSTREAM_UNAVAILABLE');
      expect(error.details).toMatchObject({ service: 'Overseerr', reason: 'refused' });
    }
    expect(upstream.state).toBe('open');
    const fast = await caught(status(upstream));
    expect(fast.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(fast.details).toMatchObject({ reason: 'circuit-open', breaker: 'open' });
    expect((fast.details as { since: string }).since).toMatch(/^\d{4}-/);
    expect(fast.message).toMatch(/Overseerr has been unavailable since/);
    expect(await registry.getSingleMetricAsString('upstream_requests_total')).toContain('outcome="circuit-open"');

    await sim.resumeListening();
    sim.clearReceived();
    // Still open: nothing reaches the simulator until the half-open delay has passed.
    expect((await caught(status(upstream))).details).toMatchObject({ reason: 'circuit-open' });
    expect(sim.received).toHaveLength(0);
    await new Promise((resolve) => setTimeout(resolve, 70));
    const states: string[] = [];
    upstream.onStateChange((snapshot) => states.push(snapshot.state));
    expect((await status(upstream)).version).toBe(sim.version);
    expect(states).toEqual(['half-open', 'closed']);
    expect(upstream.snapshot()).toMatchObject({ state: 'closed', since: null, consecutiveFailures: 0 });
  });

  it('counts timeouts (a hanging upstream) and 503s like refused connections', async () => {
    const upstream = make({ breakerFailures: 2, timeoutMs: 100 });
    sim.faults.set('/api/v1/status', { kind: 'hang' });
    expect((await caught(status(upstream))).details).toMatchObject({ reason: 'timeout' });
    sim.faults.set('/api/v1/status', { kind: 'status', status: 503 });
    expect((await caught(status(upstream))).details).toMatchObject({ reason: 'server-error', status: 503 });
    expect(upstream.state).toBe('open');
  });

  it('waits for Retry-After (2 s) before retrying a GET, and succeeds', async () => {
    const { runtime, sleeps } = recordingRuntime();
    const upstream = make({ retries: 2 }, runtime);
    sim.faults.set('/api/v1/status', { kind: 'rateLimit', retryAfterSeconds: 2 }, { times: 1 });
    expect((await status(upstream)).version).toBe(sim.version);
    expect(sleeps).toEqual([2000]);
    expect(sim.requestsTo('GET /api/v1/status')).toHaveLength(2);
  });

  it('gives up with UPSTREAM_RATE_LIMITED when the 429s outlast the retries', async () => {
    const { runtime, sleeps } = recordingRuntime();
    const upstream = make({ retries: 1 }, runtime);
    sim.faults.set('/api/v1/status', { kind: 'rateLimit', retryAfterSeconds: 3 });
    const error = await caught(status(upstream));
    expect(error.code).toBe('UPSTREAM_RATE_LIMITED');
    expect(error.details).toMatchObject({ service: 'Overseerr', retryAfterSeconds: 3 });
    expect(sleeps).toEqual([3000]);
  });

  it('never retries a POST, neither on 429 nor on 503', async () => {
    const { runtime, sleeps } = recordingRuntime();
    const upstream = make({ retries: 3 }, runtime);
    const post = () => upstream.send({ operation: 'createRequest', method: 'POST', url: new URL('/api/v1/request', sim.url), body: '{}' });
    sim.faults.set('POST /api/v1/request', { kind: 'rateLimit', retryAfterSeconds: 2 });
    expect((await caught(post())).code).toBe('UPSTREAM_RATE_LIMITED');
    sim.faults.set('POST /api/v1/request', { kind: 'status', status: 503 });
    expect((await caught(post())).code).toBe('UPSTREAM_UNAVAILABLE');
    expect(sim.requestsTo('POST /api/v1/request')).toHaveLength(2);
    expect(sleeps).toEqual([]);
  });

  it('retries a GET after a 503 with exponential backoff and full jitter', async () => {
    const { runtime, sleeps } = recordingRuntime({ random: () => 0.5 });
    const upstream = make({ retries: 3, backoffBaseMs: 100 }, runtime);
    sim.faults.set('/api/v1/status', { kind: 'status', status: 503 }, { times: 3 });
    expect((await status(upstream)).version).toBe(sim.version);
    // random 0.5 × min(max, 100·2^attempt)
    expect(sleeps).toEqual([50, 100, 200]);
  });

  it('turns a response that breaks its schema into UPSTREAM_BAD_RESPONSE naming the field', async () => {
    const upstream = make();
    sim.faults.set('/api/v1/status', { kind: 'schema', path: 'version', value: 42 });
    const error = await caught(status(upstream));
    expect(error.code).toBe('UPSTREAM_BAD_RESPONSE');
    expect(error.details).toMatchObject({ service: 'Overseerr', operation: 'status', field: 'version' });
    expect(error.message).toMatch(/field "version"/);
    sim.faults.set('/api/v1/status', { kind: 'malformed' });
    expect((await caught(status(upstream))).message).toMatch(/not JSON/);
    // Answers that are not transport failures leave the breaker alone.
    expect(upstream.snapshot().consecutiveFailures).toBe(0);
  });

  it('maps 401/403 to UPSTREAM_AUTH with a hint', async () => {
    const upstream = make();
    const error = await caught(
      upstream.json({ operation: 'me', url: new URL('/api/v1/auth/me', sim.url), headers: { 'X-Api-Key': 'wrong' }, schema: z.object({}), authHint: 'Check the key.' }),
    );
    expect(error.code).toBe('UPSTREAM_AUTH');
    expect(error.message).toMatch(/refused MediaNest's credentials \(403\)\. Check the key\./);
  });

  it('rate-limits itself with a token bucket per upstream', async () => {
    let now = 1_000_000;
    const { runtime } = recordingRuntime({ now: () => now });
    const upstream = make({ ratePerSecond: 1, rateBurst: 2, rateLimitMaxWaitMs: 0 }, runtime);
    await status(upstream);
    await status(upstream);
    const error = await caught(status(upstream));
    expect(error.code).toBe('UPSTREAM_RATE_LIMITED');
    expect(error.details).toMatchObject({ local: true });
    now += 1_000;
    expect((await status(upstream)).version).toBe(sim.version);
  });

  it('waits for a token when the wait is short', async () => {
    let now = 0;
    const sleeps: number[] = [];
    const runtime: UpstreamRuntime = {
      ...realRuntime,
      now: () => now,
      sleep: (ms) => {
        sleeps.push(ms);
        now += ms;
        return Promise.resolve();
      },
    };
    const upstream = make({ ratePerSecond: 10, rateBurst: 1, rateLimitMaxWaitMs: 500 }, runtime);
    await status(upstream);
    await status(upstream);
    expect(sleeps).toEqual([100]);
  });

  it('a direct (diagnostic) call bypasses an open breaker and does not count', async () => {
    const upstream = make({ breakerFailures: 1, breakerHalfOpenAfterMs: 60_000 });
    sim.faults.set('/api/v1/status', { kind: 'status', status: 503 }, { times: 1 });
    await caught(status(upstream));
    expect(upstream.state).toBe('open');
    const direct = await upstream.send({ operation: 'status', url: new URL('/api/v1/status', sim.url), direct: true });
    expect(direct.status).toBe(200);
    expect(upstream.state).toBe('open');
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('2', now)).toBe(2);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:05 GMT', now)).toBe(5);
    expect(parseRetryAfter('Wed, 31 Dec 2025 00:00:05 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter(null, now)).toBeNull();
  });
});
