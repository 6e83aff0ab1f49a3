import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { json, startTestApp, type TestApp } from '../test-support/test-app.js';

describe('MediaNest composition', () => {
  let app: TestApp | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  it('uses Redis for the cache when REDIS_URL is set, and says so in /readyz', async () => {
    app = await startTestApp({ redis: true });
    const { status, body } = await json<{ checks: Record<string, { ok: boolean; driver?: string }> }>(
      await app.fetch('/readyz'),
    );
    expect(status).toBe(200);
    expect(body.checks.cache).toMatchObject({ ok: true, driver: 'redis' });
    expect(app.mediaNest.platform.rateLimiter.driver).toBe('redis');
  });

  it('answers 503 naming the database when it stops answering', async () => {
    app = await startTestApp();
    await app.mediaNest.platform.database.close();
    const { status, body } = await json<{ status: string; failing: string[] }>(await app.fetch('/readyz'));
    expect(status).toBe(503);
    expect(body.status).toBe('not_ready');
    expect(body.failing).toContain('database');
    expect((await app.fetch('/healthz')).status).toBe(200);
    // close() must still succeed with the database already gone.
    await app.mediaNest.platform.database.close().catch(() => undefined);
  });

  it('lets an in-flight request finish on stop, then refuses new connections', async () => {
    app = await startTestApp();
    const { router } = app.mediaNest.app as unknown as { router: { stack: unknown[] } };
    expect(router.stack.length).toBeGreaterThan(0);
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let entered: () => void = () => undefined;
    const handlerEntered = new Promise<void>((resolve) => {
      entered = resolve;
    });
    // A slow handler mounted ahead of the stack, standing in for a long query.
    app.mediaNest.app.get('/slow-test', async (_req, res) => {
      entered();
      await gate;
      res.json({ finished: true });
    });
    const layer = router.stack.pop();
    router.stack.unshift(layer);
    const inFlight = app.fetch('/slow-test');
    await handlerEntered;
    const stopping = app.mediaNest.stop();
    await new Promise((resolve) => setTimeout(resolve, 50));
    release();
    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ finished: true });
    await stopping;
    await expect(fetch(`${app.url}/healthz`)).rejects.toThrow();
  });

  it('serves the web app: SPA fallback without cache, hashed assets cached for a year, API paths never swallowed', async () => {
    const webDir = mkdtempSync(path.join(tmpdir(), 'mn-web-'));
    mkdirSync(path.join(webDir, 'assets'));
    writeFileSync(path.join(webDir, 'index.html'), '<!doctype html><title>MediaNest</title><div id="root"></div>');
    writeFileSync(path.join(webDir, 'assets', 'index-abc123.js'), 'console.log(1)');
    app = await startTestApp({ config: { webDir } });

    const page = await app.fetch('/library/some/deep/link', { headers: { Accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-cache');
    expect(await page.text()).toContain('<title>MediaNest</title>');

    const asset = await app.fetch('/assets/index-abc123.js');
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect(asset.headers.get('cache-control')).toContain('max-age=31536000');

    expect((await app.fetch('/assets/missing.js')).status).toBe(404);
    const api = await app.fetch('/api/v1/not-a-route', { headers: { Accept: 'text/html' } });
    expect(api.status).toBe(404);
    expect(api.headers.get('content-type')).toContain('application/json');
  });

  it('tells the visitor to build the web app when it is missing', async () => {
    app = await startTestApp();
    const res = await app.fetch('/', { headers: { Accept: 'text/html' } });
    expect(res.status).toBe(503);
    expect(await res.text()).toContain('npm run build');
  });
});
