import {
  startOverseerr,
  startPlexServer,
  startTmdb,
  startUptimeKuma,
  type OverseerrSimulator,
  type PlexServerSimulator,
  type TmdbSimulator,
  type UptimeKumaSimulator,
} from '@medianest/simulators';
import type { ConnectionTest } from '@medianest/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeSetup, signIn, type SignedIn } from '../../test-support/auth.js';
import { json, startTestApp, type TestApp } from '../../test-support/test-app.js';

/** "Test connection": every diagnosis, each produced by a real failure against a simulator (or the network guard's `.invalid`). */
describe('test connection diagnoses', () => {
  let pms: PlexServerSimulator;
  let overseerr: OverseerrSimulator;
  let oldOverseerr: OverseerrSimulator;
  let kuma: UptimeKumaSimulator;
  let tmdb: TmdbSimulator;
  let app: TestApp;
  let admin: SignedIn;

  beforeAll(async () => {
    [pms, overseerr, oldOverseerr, kuma, tmdb] = await Promise.all([
      startPlexServer(),
      startOverseerr(),
      startOverseerr({ version: '1.20.0' }),
      startUptimeKuma(),
      startTmdb(),
    ]);
    pms.allowToken('test-server-token', { id: 1, title: 'owner' });
    app = await startTestApp({ upstreamPolicies: { overseerr: { timeoutMs: 300 } } });
    admin = await signIn(app, await completeSetup(app, { server: { url: pms.url, machineIdentifier: pms.machineIdentifier, name: 'Home' } }));
  });
  afterAll(async () => {
    await app?.close();
    await Promise.all([pms, overseerr, oldOverseerr, kuma, tmdb].map((sim) => sim?.close()));
  });

  const test = async (service: string) => {
    const response = await json<ConnectionTest>(await admin.fetch(`/api/v1/services/${service}/test`, { method: 'POST' }));
    expect(response.status).toBe(200);
    return response.body;
  };
  const configure = async (service: string, body: unknown) => {
    const response = await admin.fetch(`/api/v1/services/${service}`, { method: 'PUT', body: JSON.stringify(body) });
    expect(response.status).toBe(200);
  };
  const overseerrAt = (url: string, apiKey = overseerr.apiKey) => configure('overseerr', { url, apiKey });

  it('not configured', async () => {
    expect(await test('overseerr')).toMatchObject({ ok: false, diagnosis: 'not-configured' });
  });

  it('ok, with the version and the time it took', async () => {
    await overseerrAt(overseerr.url);
    const result = await test('overseerr');
    expect(result).toMatchObject({ ok: true, diagnosis: 'ok', version: overseerr.version });
    expect(result.latencyMs).toBeGreaterThanOrEqual(0);
    expect(await test('plex')).toMatchObject({ ok: true, diagnosis: 'ok', version: pms.version });
    await configure('uptime-kuma', { url: kuma.url, slug: kuma.slug, metricsUsername: 'admin', metricsPassword: 'admin-password' });
    expect(await test('uptime-kuma')).toMatchObject({ ok: true, diagnosis: 'ok' });
    await configure('tmdb', { apiKey: tmdb.apiKey, url: tmdb.apiUrl });
    expect(await test('tmdb')).toMatchObject({ ok: true, diagnosis: 'ok' });
  });

  it('DNS failure', async () => {
    await overseerrAt('http://overseerr.medianest-test.invalid:5055');
    expect(await test('overseerr')).toMatchObject({ ok: false, diagnosis: 'dns', message: expect.stringMatching(/does not resolve/) });
  });

  it('connection refused', async () => {
    await overseerrAt(overseerr.url);
    await overseerr.stopListening();
    expect(await test('overseerr')).toMatchObject({ diagnosis: 'refused', message: expect.stringMatching(/Is Overseerr running/) });
    await overseerr.resumeListening();
  });

  it('timeout', async () => {
    overseerr.faults.set('/api/v1/status', { kind: 'hang' }, { times: 1 });
    expect(await test('overseerr')).toMatchObject({ diagnosis: 'timeout', message: expect.stringMatching(/did not answer in time/) });
  });

  it('TLS error (https:// to a server that speaks plain HTTP)', async () => {
    await overseerrAt(overseerr.url.replace('http://', 'https://'));
    expect(await test('overseerr')).toMatchObject({ diagnosis: 'tls', message: expect.stringMatching(/TLS/) });
  });

  it('401/403: the wrong API key', async () => {
    await overseerrAt(overseerr.url, 'wrong-key');
    expect(await test('overseerr')).toMatchObject({ diagnosis: 'unauthorized', message: expect.stringMatching(/API key or password is wrong/) });
    await configure('tmdb', { apiKey: 'wrong-key', url: tmdb.apiUrl });
    expect(await test('tmdb')).toMatchObject({ diagnosis: 'unauthorized' });
    await configure('uptime-kuma', { url: kuma.url, slug: kuma.slug, metricsUsername: 'admin', metricsPassword: 'nope' });
    expect(await test('uptime-kuma')).toMatchObject({ diagnosis: 'unauthorized' });
  });

  it('wrong product at that URL', async () => {
    await overseerrAt(pms.url);
    expect(await test('overseerr')).toMatchObject({ diagnosis: 'wrong-product', message: expect.stringMatching(/not Overseerr/) });
    await configure('uptime-kuma', { url: overseerr.url, slug: 'home', metricsUsername: null });
    expect(await test('uptime-kuma')).toMatchObject({ diagnosis: 'wrong-product', message: expect.stringMatching(/not Uptime Kuma/) });
  });

  it('version too old', async () => {
    await overseerrAt(oldOverseerr.url, oldOverseerr.apiKey);
    expect(await test('overseerr')).toMatchObject({ diagnosis: 'version-too-old', version: '1.20.0', message: expect.stringMatching(/1\.30\.0 or later/) });
  });

  it('an unknown Uptime Kuma status page', async () => {
    await configure('uptime-kuma', { url: kuma.url, slug: 'no-such-page', metricsUsername: null });
    expect(await test('uptime-kuma')).toMatchObject({ diagnosis: 'not-found', message: expect.stringMatching(/no-such-page/) });
  });

  it('a custom check answering another status than expected', async () => {
    const created = await json<{ id: string }>(
      await admin.fetch('/api/v1/services/checks', { method: 'POST', body: JSON.stringify({ name: 'Nothing there', url: `${kuma.url}/nothing`, expectedStatus: 200 }) }),
    );
    expect(await json<ConnectionTest>(await admin.fetch(`/api/v1/services/checks/${created.body.id}/test`, { method: 'POST' }))).toMatchObject({
      status: 200,
      body: { diagnosis: 'unexpected-status', message: expect.stringMatching(/answered 404; 200 was expected/) },
    });
  });

  it('diagnostic calls leave the breakers closed', () => {
    expect(app.mediaNest.upstreams.get('overseerr').state).toBe('closed');
  });
});
