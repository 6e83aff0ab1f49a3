import { AUTH_COOKIES } from '@medianest/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditRows } from '../../test-support/audit.js';
import { CookieBrowser } from '../../test-support/cookie-browser.js';
import { FakePlexServers, FakePlexTv, type FakeAccount } from '../../test-support/fake-plex.js';
import { json, startTestApp, type TestApp } from '../../test-support/test-app.js';

type ErrorBody = { error: { code: string; message: string } };
type Pin = { id: string; authUrl: string; popupAuthUrl: string; expiresAt: string };
type Poll = { status: string; next?: string; session?: { user: { id: string; role: string; username: string } } };

const MACHINE = '96f2fe7a78c9dc1f16a16bedbe90f98149be16b4';
const SERVER_URL = 'http://127.0.0.1:32400';

describe('sign-in with Plex (PIN flow) and setup', () => {
  let app: TestApp;
  const plexTv = new FakePlexTv();
  const servers = new FakePlexServers();
  const owner = plexTv.addAccount({ id: 1, uuid: 'own1', username: 'owner', title: 'Olivia Owner', email: 'owner@example.com', thumb: null, token: 'owner-token' });
  const friend = plexTv.addAccount({ id: 22, uuid: 'fr22', username: 'friend', title: 'Fran Friend', email: 'friend@example.com', thumb: null, token: 'friend-token' });
  const cousin = plexTv.addAccount({ id: 33, uuid: 'co33', username: 'cousin', title: 'cousin', email: null, thumb: null, token: 'cousin-token' });
  const stranger = plexTv.addAccount({ id: 99, uuid: 'st99', username: 'stranger', title: 'stranger', email: null, thumb: null, token: 'stranger-token' });

  beforeAll(async () => {
    plexTv.setServers(owner.token, [
      {
        name: 'Home PMS',
        machineIdentifier: MACHINE,
        productVersion: '1.40.2',
        owned: true,
        accessToken: 'server-access-token',
        connections: [
          { uri: 'http://192.168.1.10:32400', local: true, relay: false },
          { uri: SERVER_URL, local: false, relay: false },
        ],
      },
      { name: "Someone else's", machineIdentifier: 'other-machine', productVersion: null, owned: false, accessToken: 'x', connections: [] },
    ]);
    servers.add(SERVER_URL, { machineIdentifier: MACHINE, name: 'Home PMS', tokens: ['server-access-token', 'manual-token'] });
    plexTv.share(owner.token, friend, MACHINE);
    plexTv.share(owner.token, cousin, MACHINE);
    // Shared a different server of the owner's: not enough.
    plexTv.share(owner.token, stranger, 'another-server-of-the-owner');
    app = await startTestApp({ adapters: { plexTv, plexServer: servers }, config: { trustedProxies: 'loopback' } });
  });
  afterAll(() => app.close());

  async function signInWithPlex(browser: CookieBrowser, account: FakeAccount, next?: string) {
    const pin = await json<Pin>(await browser.fetch('/api/v1/auth/plex/pins', { method: 'POST', body: JSON.stringify(next ? { next } : {}) }));
    expect(pin.status).toBe(201);
    const pending = await json<Poll>(await browser.fetch(`/api/v1/auth/plex/pins/${pin.body.id}`));
    expect(pending.body.status).toBe('pending');
    plexTv.approve(plexTv.pinIdFromAuthUrl(pin.body.authUrl), account);
    return { pin: pin.body, result: await browser.fetch(`/api/v1/auth/plex/pins/${pin.body.id}`) };
  }

  it('makes the first Plex account to sign in the admin, then lists its servers and stores the chosen one', async () => {
    expect((await json<{ state: string }>(await app.fetch('/api/v1/setup'))).body.state).toBe('needs-admin');
    const browser = new CookieBrowser(app);
    const { pin, result } = await signInWithPlex(browser, owner, '/admin');
    // Redirect flow: app.plex.tv sends the browser back to MediaNest's sign-in page with the PIN id.
    const forward = new URLSearchParams(pin.authUrl.split('#?')[1]).get('forwardUrl');
    expect(forward).toBe(`${app.url}/signin?pin=${pin.id}`);
    expect(new URLSearchParams(pin.popupAuthUrl.split('#?')[1]).get('forwardUrl')).toBeNull();

    const approved = (await result.json()) as Poll;
    expect(approved.status).toBe('approved');
    expect(approved.next).toBe('/admin');
    expect(approved.session?.user).toMatchObject({ role: 'admin', username: 'owner' });
    expect(browser.cookie(AUTH_COOKIES.access)).toBeDefined();
    expect((await json<{ state: string }>(await app.fetch('/api/v1/setup'))).body.state).toBe('needs-server');

    // The Plex token is stored sealed, never in clear.
    const row = await app.mediaNest.users.findByPlexId(owner.id);
    expect(row?.plexTokenSealed).toMatch(/^v1\./);
    expect(row?.plexTokenSealed).not.toContain(owner.token);

    const list = await browser.fetch('/api/v1/setup/plex-servers');
    const text = await list.text();
    expect(list.status).toBe(200);
    expect(JSON.parse(text)).toEqual({
      servers: [
        {
          name: 'Home PMS',
          machineIdentifier: MACHINE,
          productVersion: '1.40.2',
          connections: [
            { uri: 'http://192.168.1.10:32400', local: true, relay: false },
            { uri: SERVER_URL, local: false, relay: false },
          ],
        },
      ],
    });
    expect(text).not.toContain('server-access-token');

    const chosen = await json<{ machineIdentifier: string; url: string }>(
      await browser.fetch('/api/v1/setup/plex-server', { method: 'PUT', body: JSON.stringify({ machineIdentifier: MACHINE }) }),
    );
    expect(chosen.status).toBe(200);
    // The first address did not answer; the one that did (and said it is this server) was kept.
    expect(chosen.body).toMatchObject({ machineIdentifier: MACHINE, url: SERVER_URL });
    expect(servers.calls).toContain(`identity:${SERVER_URL}`);
    const status = await json<{ state: string; server: { name: string } }>(await app.fetch('/api/v1/setup'));
    expect(status.body).toMatchObject({ state: 'complete', server: { name: 'Home PMS' } });
    const audit = await auditRows(app, { action: 'settings.plex-server' });
    expect(audit[0]?.details).toEqual({ name: 'Home PMS', via: 'resources' });
  });

  it('lets a friend the server is shared with sign in as a user', async () => {
    const browser = new CookieBrowser(app);
    const { result } = await signInWithPlex(browser, friend);
    const body = (await result.json()) as Poll;
    expect(result.status).toBe(200);
    expect(body.session?.user).toMatchObject({ role: 'user', username: 'friend' });
    expect((await browser.fetch('/api/v1/auth/me')).status).toBe(200);
    const created = await auditRows(app, { action: 'users.created', targetId: body.session!.user.id });
    expect(created[0]?.details).toMatchObject({ via: 'plex-login' });
  });

  it('refuses a stranger with 403 NOT_A_SERVER_USER and a clear message, and audits it', async () => {
    const browser = new CookieBrowser(app);
    const { result } = await signInWithPlex(browser, stranger);
    const body = (await result.json()) as ErrorBody;
    expect(result.status).toBe(403);
    expect(body.error.code).toBe('NOT_A_SERVER_USER');
    expect(body.error.message).toContain('"stranger"');
    expect(body.error.message).toContain('Home PMS');
    expect(browser.cookie(AUTH_COOKIES.access)).toBeUndefined();
    expect(await app.mediaNest.users.findByPlexId(stranger.id)).toBeUndefined();
    const rows = (await auditRows(app, { action: 'auth.login' })).filter((row) => row.actorLabel === 'stranger');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ outcome: 'denied', details: { method: 'plex', reason: 'not-a-server-user' } });
  });

  it('only lets the browser that started a PIN poll it, and reports an expired PIN', async () => {
    const mine = new CookieBrowser(app);
    const pin = await json<Pin>(await mine.fetch('/api/v1/auth/plex/pins', { method: 'POST', body: '{}' }));
    const theirs = new CookieBrowser(app);
    const stolen = await json<ErrorBody>(await theirs.fetch(`/api/v1/auth/plex/pins/${pin.body.id}`));
    expect(stolen.status).toBe(404);
    plexTv.expire(plexTv.pinIdFromAuthUrl(pin.body.authUrl));
    expect((await json<Poll>(await mine.fetch(`/api/v1/auth/plex/pins/${pin.body.id}`))).body.status).toBe('expired');
    expect((await mine.fetch(`/api/v1/auth/plex/pins/${pin.body.id}`)).status).toBe(404);
    const bad = await json<ErrorBody>(await mine.fetch('/api/v1/auth/plex/pins/x'));
    expect(bad.status).toBe(400);
    const badNext = await mine.fetch('/api/v1/auth/plex/pins', { method: 'POST', body: JSON.stringify({ next: 'https://evil.example' }) });
    expect(badNext.status).toBe(400);
    const protocolRelative = await mine.fetch('/api/v1/auth/plex/pins', { method: 'POST', body: JSON.stringify({ next: '//evil.example' }) });
    expect(protocolRelative.status).toBe(400);
  });

  it('limits PIN creation per address: the 11th within a minute gets 429', async () => {
    const browser = new CookieBrowser(app);
    const statuses: number[] = [];
    for (let i = 0; i < 11; i += 1) {
      statuses.push((await browser.fetch('/api/v1/auth/plex/pins', { method: 'POST', body: '{}' })).status);
    }
    expect(statuses).toEqual([...Array(10).fill(201), 429]);
  });

  it('answers 503 naming plex.tv when it cannot be reached', async () => {
    plexTv.down = true;
    try {
      const res = await json<ErrorBody>(await new CookieBrowser(app).fetch('/api/v1/auth/plex/pins', { method: 'POST', body: '{}' }));
      expect(res.status).toBe(503);
      expect(res.body.error.code).toBe('UPSTREAM_UNAVAILABLE');
      expect(res.body.error.message).toContain('plex.tv');
    } finally {
      plexTv.down = false;
    }
  });

  it('imports the accounts the server is shared with, and refuses others', async () => {
    const admin = new CookieBrowser(app);
    await signInWithPlex(admin, owner);
    const candidates = await json<{ candidates: { plexId: number; username: string; userId: string | null }[] }>(
      await admin.fetch('/api/v1/users/plex-import'),
    );
    expect(candidates.status).toBe(200);
    expect(candidates.body.candidates.map((c) => [c.username, c.userId !== null]).sort()).toEqual([
      ['cousin', false],
      ['friend', true],
    ]);
    const refused = await json<ErrorBody>(
      await admin.fetch('/api/v1/users/plex-import', { method: 'POST', body: JSON.stringify({ plexIds: [stranger.id] }) }),
    );
    expect(refused.status).toBe(400);
    const imported = await json<{ imported: { username: string; role: string; source: string }[] }>(
      await admin.fetch('/api/v1/users/plex-import', { method: 'POST', body: JSON.stringify({ plexIds: [cousin.id, friend.id] }) }),
    );
    expect(imported.body.imported).toEqual([expect.objectContaining({ username: 'cousin', role: 'user', source: 'plex' })]);
    expect((await admin.fetch('/api/v1/users/plex-import', { method: 'POST', body: JSON.stringify({ plexIds: [] }) })).status).toBe(400);

    const friendBrowser = new CookieBrowser(app);
    await signInWithPlex(friendBrowser, friend);
    expect((await friendBrowser.fetch('/api/v1/users/plex-import')).status).toBe(403);
  });

  it('accepts a server given as URL + token after checking /identity, and refuses a bad token', async () => {
    const admin = new CookieBrowser(app);
    await signInWithPlex(admin, owner);
    const wrong = await json<ErrorBody>(
      await admin.fetch('/api/v1/setup/plex-server', { method: 'PUT', body: JSON.stringify({ url: SERVER_URL, token: 'nope' }) }),
    );
    expect(wrong.status).toBe(502);
    expect(wrong.body.error.code).toBe('UPSTREAM_AUTH');
    const nowhere = await json<ErrorBody>(
      await admin.fetch('/api/v1/setup/plex-server', { method: 'PUT', body: JSON.stringify({ url: 'http://127.0.0.1:1', token: 't' }) }),
    );
    expect(nowhere.status).toBe(503);
    for (const body of [{ url: 'ftp://x', token: 't' }, { url: SERVER_URL }, { machineIdentifier: '' }, {}]) {
      expect((await admin.fetch('/api/v1/setup/plex-server', { method: 'PUT', body: JSON.stringify(body) })).status).toBe(400);
    }
    const ok = await json<{ machineIdentifier: string; url: string; name: string }>(
      await admin.fetch('/api/v1/setup/plex-server', { method: 'PUT', body: JSON.stringify({ url: `${SERVER_URL}/`, token: 'manual-token' }) }),
    );
    expect(ok.body).toEqual({ machineIdentifier: MACHINE, url: SERVER_URL, name: 'Home PMS', version: '1.40.2.8395' });

    const friendBrowser = new CookieBrowser(app);
    await signInWithPlex(friendBrowser, friend);
    const denied = await friendBrowser.fetch('/api/v1/setup/plex-server', { method: 'PUT', body: JSON.stringify({ url: SERVER_URL, token: 'manual-token' }) });
    expect(denied.status).toBe(403);
  });

  it('refuses a disabled Plex user at sign-in', async () => {
    const admin = new CookieBrowser(app);
    await signInWithPlex(admin, owner);
    const row = await app.mediaNest.users.findByPlexId(cousin.id);
    await admin.fetch(`/api/v1/users/${row!.id}`, { method: 'PATCH', body: JSON.stringify({ disabled: true }) });
    const { result } = await signInWithPlex(new CookieBrowser(app), cousin);
    expect(result.status).toBe(403);
    expect(((await result.json()) as ErrorBody).error.code).toBe('USER_DISABLED');
  });
});
