import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, startTestApp, type TestApp } from '../../test-support/test-app.js';

describe('HTTP platform', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('answers /healthz and a ready /readyz naming the database and cache drivers', async () => {
    const health = await json<{ status: string }>(await app.fetch('/healthz'));
    expect(health.status).toBe(200);
    expect(health.body.status).toBe('ok');

    const ready = await json<{ status: string; checks: Record<string, { ok: boolean; driver?: string }> }>(
      await app.fetch('/readyz'),
    );
    expect(ready.status).toBe(200);
    expect(ready.body.status).toBe('ready');
    expect(ready.body.checks.database?.driver).toBe(app.mediaNest.platform.database.driver);
    expect(ready.body.checks.cache?.driver).toBe('memory');
    expect(ready.body.checks.migrations?.ok).toBe(true);
  });

  it('echoes a safe X-Request-Id and replaces an unsafe one', async () => {
    const safe = await app.fetch('/healthz', { headers: { 'X-Request-Id': 'client-abc-12345' } });
    expect(safe.headers.get('x-request-id')).toBe('client-abc-12345');
    const unsafe = await app.fetch('/healthz', { headers: { 'X-Request-Id': '<script>alert(1)</script>' } });
    const replaced = unsafe.headers.get('x-request-id');
    expect(replaced).not.toContain('<');
    expect(replaced).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers an unknown API path with a 404 envelope carrying the request id', async () => {
    const res = await app.fetch('/api/v1/no-such-thing', { headers: { 'X-Request-Id': 'req-404-abcdef' } });
    const { status, body } = await json<{ error: { code: string; requestId: string; message: string } }>(res);
    expect(status).toBe(404);
    expect(body.error.code).toBe('ROUTE_NOT_FOUND');
    expect(body.error.requestId).toBe('req-404-abcdef');
    expect(body.error.message).toContain('/api/v1/no-such-thing');
  });

  it('answers a malformed JSON body with a 400 envelope', async () => {
    const res = await app.fetch('/api/v1/anything', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"title": ',
    });
    const { status, body } = await json<{ error: { code: string } }>(res);
    expect(status).toBe(400);
    expect(body.error.code).toBe('MALFORMED_JSON');
  });

  it('refuses a body over the size limit with 413', async () => {
    const res = await app.fetch('/api/v1/anything', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ blob: 'x'.repeat(1_100_000) }),
    });
    const { status, body } = await json<{ error: { code: string } }>(res);
    expect(status).toBe(413);
    expect(body.error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('serves the generated OpenAPI document and the docs page', async () => {
    const { status, body } = await json<{ openapi: string; paths: Record<string, unknown> }>(
      await app.fetch('/api/v1/openapi.json'),
    );
    expect(status).toBe(200);
    expect(body.openapi).toBe('3.1.0');
    expect(Object.keys(body.paths)).toEqual(expect.arrayContaining(['/healthz', '/readyz', '/api/v1/system/status']));
    const docs = await app.fetch('/api/docs');
    expect(docs.status).toBe(200);
    expect(await docs.text()).toContain('/api/docs/init.js');
    expect(await (await app.fetch('/api/docs/init.js')).text()).toContain('/api/v1/openapi.json');
    const asset = await app.fetch('/api/docs/assets/swagger-ui-bundle.js');
    expect(asset.status).toBe(200);
  });

  it('exports Prometheus metrics with the request histogram by route template', async () => {
    await app.fetch('/healthz');
    const text = await (await app.fetch('/metrics')).text();
    expect(text).toMatch(/http_request_duration_seconds_count\{route="\/healthz",method="GET",status="200"\} \d+/);
    expect(text).toContain('process_cpu_user_seconds_total');
  });

  it('sends security headers and no x-powered-by', async () => {
    const res = await app.fetch('/healthz');
    expect(res.headers.get('x-powered-by')).toBeNull();
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
  });
});
