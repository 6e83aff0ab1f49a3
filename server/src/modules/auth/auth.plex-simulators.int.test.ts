import { AUTH_COOKIES } from '@medianest/contracts';
import { plexContract, startPlexServer, startPlexTv, type PlexServerSimulator, type PlexTvSimulator } from '@medianest/simulators';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditRows } from '../../test-support/audit.js';
import { CookieBrowser } from '../../test-support/cookie-browser.js';
import { json, startTestApp, type TestApp } from '../../test-support/test-app.js';

type ErrorBody = { error: { code: string; message: string } };
type Pin = { id: string; authUrl: string; popupAuthUrl: string };
type Poll = { status: string; next?: string; session?: { user: { id: string; role: string; username: string } } };

/**
 * The Plex sign-in end to end through MediaNest's real HTTP clients, against the plex.tv and Plex Media
 * Server simulators (owner, alice and bob share the server, stranger does not).
 */
describe('Plex sign-in against the plex.tv and PMS simulators', () => {
  let plexTv: PlexTvSimulator;
  let pms: PlexServerSimulator;
  let app: TestApp;

  beforeAll(async () => {
    pms = await startPlexServer();
    plexTv = await startPlexTv({ server: pms });
    plexTv.checkContract(plexContract);
    pms.checkContract(plexContract);
    app = await startTestApp({
      config: { plexTvUrl: plexTv.url, plexAppUrl: plexTv.appUrl, trustedProxies: 'loopback' },
    });
  });
  afterAll(async () => {
    await app?.close();
    await plexTv?.close();
    await pms?.close();
  });

  /** Starts a PIN in the browser, has the account approve it on plex.tv, and polls once. */
  async function signIn(browser: CookieBrowser, accountKey: string) {
    const pin = await json<Pin>(await browser.fetch('/api/v1/auth/plex/pins', { method: 'POST', body: JSON.stringify({ next: '/library' }) }));
    expect(pin.status).toBe(201);
    expect((await json<Poll>(await browser.fetch(`/api/v1/auth/plex/pins/${pin.body.id}`))).body.status).toBe('pending');
    const code = new URLSearchParams(pin.body.authUrl.split('#?')[1]).get('code')!;
    plexTv.approvePin(code, accountKey);
    return browser.fetch(`/api/v1/auth/plex/pins/${pin.body.id}`);
  }

  it('sends plex.tv a strong PIN request with the X-Plex headers and a stable client identifier', async () => {
    const browser = new CookieBrowser(app);
    const pin = await json<Pin>(await browser.fetch('/api/v1/auth/plex/pins', { method: 'POST', body: '{}' }));
    const again = await json<Pin>(await browser.fetch('/api/v1/auth/plex/pins', { method: 'POST', body: '{}' }));
    const requests = plexTv.requestsTo('POST /api/v2/pins');
    expect(requests).toHaveLength(2);
    expect(requests[0]?.query.strong).toBe('true');
    expect(requests[0]?.headers['x-plex-product']).toBe('MediaNest');
    const clientId = requests[0]?.headers['x-plex-client-identifier'];
    expect(clientId).toMatch(/^medianest-/);
    expect(requests[1]?.headers['x-plex-client-identifier']).toBe(clientId);
    // The auth URL points at app.plex.tv (here: the simulator's page) with this install's client id.
    const url = new URL(pin.body.authUrl.replace('#?', '?'));
    expect(url.origin).toBe(plexTv.appUrl);
    expect(url.searchParams.get('clientID')).toBe(clientId);
    expect(url.searchParams.get('forwardUrl')).toBe(`${app.url}/signin?pin=${pin.body.id}`);
    expect(again.body.id).not.toBe(pin.body.id);
  });

  it('runs the setup: the owner becomes admin, chooses the server from plex.tv, and it is checked', async () => {
    const owner = new CookieBrowser(app);
    const res = await signIn(owner, 'owner');
    const body = (await res.json()) as Poll;
    expect(res.status).toBe(200);
    expect(body).toMatchObject({ status: 'approved', next: '/library', session: { user: { role: 'admin', username: plexTv.owner.username } } });

    const listed = await json<{ servers: { machineIdentifier: string; connections: { uri: string }[] }[] }>(
      await owner.fetch('/api/v1/setup/plex-servers'),
    );
    expect(listed.body.servers).toEqual([expect.objectContaining({ machineIdentifier: pms.machineIdentifier })]);
    expect(listed.body.servers[0]?.connections.map((c) => c.uri)).toEqual([pms.url]);

    const chosen = await json<{ machineIdentifier: string; url: string; name: string }>(
      await owner.fetch('/api/v1/setup/plex-server', { method: 'PUT', body: JSON.stringify({ machineIdentifier: pms.machineIdentifier }) }),
    );
    expect(chosen.status).toBe(200);
    expect(chosen.body).toMatchObject({ machineIdentifier: pms.machineIdentifier, url: pms.url, name: pms.friendlyName });
    expect(pms.requestsTo('GET /identity').length).toBeGreaterThan(0);
    expect((await json<{ state: string }>(await app.fetch('/api/v1/setup'))).body.state).toBe('complete');
  });

  it('lets shared friends in and refuses the stranger with the message', async () => {
    const alice = new CookieBrowser(app);
    const allowed = await signIn(alice, 'alice');
    expect(allowed.status).toBe(200);
    expect(((await allowed.json()) as Poll).session?.user.role).toBe('user');
    expect(alice.cookie(AUTH_COOKIES.access)).toBeDefined();
    // The check read the owner's shared-users list (XML by default on plex.tv).
    expect(plexTv.requestsTo('GET /api/users').length).toBeGreaterThan(0);

    const stranger = new CookieBrowser(app);
    const refused = await json<ErrorBody>(await signIn(stranger, 'stranger'));
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('NOT_A_SERVER_USER');
    expect(refused.body.error.message).toContain(pms.friendlyName);
    expect(stranger.cookie(AUTH_COOKIES.access)).toBeUndefined();
    const audit = (await auditRows(app, { action: 'auth.login' })).filter((row) => row.outcome === 'denied');
    expect(audit.map((row) => row.actorLabel)).toContain(plexTv.account('stranger').username);
  });

  it('lists bob for import from plex.tv and imports him', async () => {
    const owner = new CookieBrowser(app);
    await signIn(owner, 'owner');
    const candidates = await json<{ candidates: { plexId: number; username: string; userId: string | null }[] }>(
      await owner.fetch('/api/v1/users/plex-import'),
    );
    const bob = plexTv.account('bob');
    const alice = plexTv.account('alice');
    expect(candidates.body.candidates.map((c) => [c.username, c.userId !== null]).sort()).toEqual(
      [[alice.username, true], [bob.username, false]].sort(),
    );
    const imported = await json<{ imported: { username: string; plexId: number }[] }>(
      await owner.fetch('/api/v1/users/plex-import', { method: 'POST', body: JSON.stringify({ plexIds: [bob.id] }) }),
    );
    expect(imported.body.imported).toEqual([expect.objectContaining({ plexId: bob.id })]);
  });

  it('accepts the server as URL + token (checked with /identity and the token), refuses a wrong token', async () => {
    const owner = new CookieBrowser(app);
    await signIn(owner, 'owner');
    const wrong = await json<ErrorBody>(
      await owner.fetch('/api/v1/setup/plex-server', { method: 'PUT', body: JSON.stringify({ url: pms.url, token: 'not-a-token' }) }),
    );
    expect(wrong.status).toBe(502);
    expect(wrong.body.error.code).toBe('UPSTREAM_AUTH');
    const ok = await json<{ machineIdentifier: string }>(
      await owner.fetch('/api/v1/setup/plex-server', { method: 'PUT', body: JSON.stringify({ url: pms.url, token: plexTv.owner.token }) }),
    );
    expect(ok.status).toBe(200);
    expect(ok.body.machineIdentifier).toBe(pms.machineIdentifier);
    // The friends still get in: the owner's plex.tv token reads the shared-users list.
    expect((await signIn(new CookieBrowser(app), 'bob')).status).toBe(200);
  });

  it('reports an expired PIN, and plex.tv being down as 503 naming it', async () => {
    const browser = new CookieBrowser(app);
    const pin = await json<Pin>(await browser.fetch('/api/v1/auth/plex/pins', { method: 'POST', body: '{}' }));
    plexTv.expirePin(new URLSearchParams(pin.body.authUrl.split('#?')[1]).get('code')!);
    expect((await json<Poll>(await browser.fetch(`/api/v1/auth/plex/pins/${pin.body.id}`))).body.status).toBe('expired');

    await plexTv.stopListening();
    try {
      const down = await json<ErrorBody>(await browser.fetch('/api/v1/auth/plex/pins', { method: 'POST', body: '{}' }));
      expect(down.status).toBe(503);
      expect(down.body.error.code).toBe('UPSTREAM_UNAVAILABLE');
      expect(down.body.error.message).toContain('plex.tv');
    } finally {
      await plexTv.resumeListening();
    }
    plexTv.faults.set('POST /api/v2/pins', { kind: 'status', status: 500 }, { times: 1 });
    const failing = await json<ErrorBody>(await browser.fetch('/api/v1/auth/plex/pins', { method: 'POST', body: '{}' }));
    expect(failing.status).toBe(503);
  });

  it('kept to the Plex contracts in every exchange', () => {
    const broken = [...plexTv.contractViolations(), ...pms.contractViolations()].map((c) => ({
      exchange: `${c.method} ${c.path} → ${c.status}`,
      request: c.request.errors,
      response: c.response.errors,
    }));
    expect(broken).toEqual([]);
    expect(plexTv.contractChecks.length + pms.contractChecks.length).toBeGreaterThan(10);
  });
});
