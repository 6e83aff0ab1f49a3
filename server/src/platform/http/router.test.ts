import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { defineEndpoint } from '@medianest/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { startHttpServer, stopHttpServer } from '../../app/http-server.js';
import { createLogger } from '../observability/logger.js';
import { createMetrics } from '../observability/metrics.js';
import { json } from '../../test-support/test-app.js';
import { createHttpApp } from './app.js';
import { AppError } from './errors.js';
import type { Principal } from './principal.js';
import { createRateLimiter } from './rate-limit.js';
import { ApiRouter, reply } from './router.js';

const member: Principal = { userId: 'u1', role: 'user', permissions: 0, sessionId: 's1', apiKeyId: null, via: 'bearer' };

describe('typed router pipeline', () => {
  let server: Server;
  let base = '';
  const call = (path: string, init?: RequestInit) => fetch(`${base}${path}`, init);
  const echo = defineEndpoint({
    method: 'post',
    path: '/test/echo/:id',
    summary: 'echo',
    tags: ['test'],
    access: { kind: 'public' },
    params: z.object({ id: z.coerce.number().int().positive() }),
    query: z.object({ loud: z.enum(['yes', 'no']).default('no') }),
    body: z.object({ title: z.string().min(1, 'must not be empty') }),
    responses: { 200: z.object({ id: z.number(), title: z.string() }) },
  });
  const boom = defineEndpoint({
    method: 'get',
    path: '/test/boom',
    summary: 'boom',
    tags: ['test'],
    access: { kind: 'public' },
    responses: { 200: z.object({ ok: z.boolean() }) },
  });
  const guarded = defineEndpoint({
    method: 'get',
    path: '/test/guarded',
    summary: 'guarded',
    tags: ['test'],
    access: { kind: 'user' },
    responses: { 200: z.object({ ok: z.boolean() }) },
  });
  const manage = defineEndpoint({
    method: 'get',
    path: '/test/manage',
    summary: 'manage',
    tags: ['test'],
    access: { kind: 'user', permission: 'MANAGE_USERS' },
    responses: { 200: z.object({ ok: z.boolean() }) },
  });
  const adminOnly = defineEndpoint({
    method: 'get',
    path: '/test/admin',
    summary: 'admin',
    tags: ['test'],
    access: { kind: 'admin' },
    responses: { 200: z.object({ ok: z.boolean() }) },
  });
  const limited = defineEndpoint({
    method: 'post',
    path: '/test/limited',
    summary: 'limited',
    tags: ['test'],
    access: { kind: 'public' },
    responses: { 201: z.object({ n: z.number() }), 200: z.object({ n: z.number() }) },
  });
  const conflict = defineEndpoint({
    method: 'get',
    path: '/test/conflict',
    summary: 'conflict',
    tags: ['test'],
    access: { kind: 'public' },
    responses: { 200: z.object({ ok: z.boolean() }) },
  });

  beforeAll(async () => {
    const logger = createLogger('silent');
    const router = new ApiRouter({
      authenticator: { authenticate: async (req) => (req.header('authorization') === 'Bearer member' ? member : null) },
      rateLimiter: createRateLimiter(undefined),
      logger,
    });
    router.handle(echo, ({ params, query, body }) => ({
      id: params.id,
      title: query.loud === 'yes' ? body.title.toUpperCase() : body.title,
      // Not in the response schema: must be stripped on the way out.
      passwordHash: 'secret',
    }));
    router.handle(boom, () => {
      throw new Error('database exploded at /var/lib/secret');
    });
    router.handle(guarded, () => ({ ok: true }));
    router.handle(manage, () => ({ ok: true }));
    router.handle(adminOnly, () => ({ ok: true }));
    let n = 0;
    router.handle(limited, () => reply(201, { n: ++n }), {
      rateLimit: { name: 'test-limited', points: 2, durationSeconds: 60, by: 'ip' },
    });
    router.handle(conflict, () => {
      throw new AppError('CONFLICT', 'Already there.');
    });
    const app = createHttpApp({
      logger,
      metrics: createMetrics(),
      routers: [router],
      bodyLimit: '10kb',
      trustedProxies: [],
      corsOrigins: () => ['https://allowed.example'],
      metricsToken: 'a-metrics-token-of-length',
      webDir: undefined,
    });
    server = await startHttpServer(app, 0, '127.0.0.1');
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => stopHttpServer(server, 1000));

  it('validates params, query and body and answers with the parsed values', async () => {
    const res = await call('/api/v1/test/echo/42?loud=yes', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ title: 'dune' }),
    });
    const { status, body } = await json<Record<string, unknown>>(res);
    expect(status).toBe(200);
    expect(body).toEqual({ id: 42, title: 'DUNE' });
    expect(body).not.toHaveProperty('passwordHash');
  });

  it('answers bad input with VALIDATION_FAILED naming each field', async () => {
    const res = await call('/api/v1/test/echo/zero?loud=maybe', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ title: '' }),
    });
    const { status, body } = await json<{ error: { code: string; message: string; details: { path: string }[] } }>(res);
    expect(status).toBe(400);
    expect(body.error.code).toBe('VALIDATION_FAILED');
    expect(body.error.details.map((d) => d.path).sort()).toEqual(['body.title', 'params.id', 'query.loud']);
    expect(body.error.message).toMatch(/^params\.id: /);
  });

  it('refuses a non-JSON body with 415', async () => {
    const res = await call('/api/v1/test/echo/1', {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain' },
      body: 'title=dune',
    });
    const { status, body } = await json<{ error: { code: string } }>(res);
    expect(status).toBe(415);
    expect(body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('turns a thrown error into a 500 envelope with the request id and nothing else', async () => {
    const res = await call('/api/v1/test/boom', { headers: { 'X-Request-Id': 'boom-request-1' } });
    const text = await res.text();
    expect(res.status).toBe(500);
    const body = JSON.parse(text) as { error: Record<string, unknown> };
    expect(Object.keys(body.error).sort()).toEqual(['code', 'message', 'requestId']);
    expect(body.error.code).toBe('INTERNAL');
    expect(body.error.requestId).toBe('boom-request-1');
    expect(text).not.toContain('exploded');
    expect(text).not.toContain('/var/lib');
  });

  it('answers 401 on a signed-in endpoint without credentials', async () => {
    const { status, body } = await json<{ error: { code: string } }>(await call('/api/v1/test/guarded'));
    expect(status).toBe(401);
    expect(body.error.code).toBe('UNAUTHENTICATED');
  });

  it('maps an AppError code to its status', async () => {
    const { status, body } = await json<{ error: { code: string; message: string } }>(
      await call('/api/v1/test/conflict'),
    );
    expect(status).toBe(409);
    expect(body.error).toMatchObject({ code: 'CONFLICT', message: 'Already there.' });
  });

  it('lets a signed-in caller through and checks permission and role', async () => {
    const auth = { headers: { Authorization: 'Bearer member' } };
    expect((await call('/api/v1/test/guarded', auth)).status).toBe(200);
    const manageRes = await json<{ error: { code: string; message: string } }>(await call('/api/v1/test/manage', auth));
    expect(manageRes.status).toBe(403);
    expect(manageRes.body.error.message).toContain('MANAGE_USERS');
    const adminRes = await json<{ error: { code: string } }>(await call('/api/v1/test/admin', auth));
    expect(adminRes.status).toBe(403);
    expect(adminRes.body.error.code).toBe('FORBIDDEN');
  });

  it('answers with the declared status and rate-limits with Retry-After', async () => {
    const first = await call('/api/v1/test/limited', { method: 'POST' });
    expect(first.status).toBe(201);
    expect(await first.json()).toEqual({ n: 1 });
    expect((await call('/api/v1/test/limited', { method: 'POST' })).status).toBe(201);
    const third = await call('/api/v1/test/limited', { method: 'POST' });
    expect(third.status).toBe(429);
    expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await third.json()) as { error: { code: string } }).error.code).toBe('RATE_LIMITED');
  });

  it('allows CORS only for configured origins', async () => {
    const allowed = await call('/api/v1/test/conflict', { headers: { Origin: 'https://allowed.example' } });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://allowed.example');
    const other = await call('/api/v1/test/conflict', { headers: { Origin: 'https://evil.example' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('protects /metrics with the bearer token when one is set', async () => {
    const denied = await call('/metrics');
    expect(denied.status).toBe(401);
    expect(denied.headers.get('www-authenticate')).toBe('Bearer');
    const allowed = await call('/metrics', { headers: { Authorization: 'Bearer a-metrics-token-of-length' } });
    expect(allowed.status).toBe(200);
    expect(await allowed.text()).toContain('http_request_duration_seconds');
  });
});
