import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { plexContract } from '../contracts/contracts.js';
import { expectContractKept } from '../test-support/helpers.js';
import { PlexTvSimulator } from './plex-tv.js';
import { PlexServerSimulator } from './pms.js';

const CLIENT = { Accept: 'application/json', 'X-Plex-Client-Identifier': 'medianest-test-client', 'X-Plex-Product': 'MediaNest' };

interface PinBody {
  id: number;
  code: string;
  authToken: string | null;
  expiresIn: number;
  clientIdentifier: string;
}

describe('plex.tv simulator', () => {
  let pms: PlexServerSimulator;
  let plexTv: PlexTvSimulator;

  beforeAll(async () => {
    pms = await new PlexServerSimulator({ library: { movies: 5, shows: 1 } }).start();
    plexTv = await new PlexTvSimulator({ server: pms }).start();
    plexTv.checkContract(plexContract);
  });
  afterAll(async () => {
    expectContractKept(plexTv, 10);
    await plexTv.close();
    await pms.close();
  });

  const createPin = async (strong = true) => {
    const res = await fetch(`${plexTv.url}/api/v2/pins${strong ? '?strong=true' : ''}`, { method: 'POST', headers: CLIENT });
    expect(res.status).toBe(201);
    return (await res.json()) as PinBody;
  };
  const pollPin = (id: number, headers: Record<string, string> = CLIENT) => fetch(`${plexTv.url}/api/v2/pins/${id}`, { headers });

  it('creates strong PINs (25 characters, ~30 min) and short ones (4 characters, 15 min)', async () => {
    const strong = await createPin();
    expect(strong.code).toMatch(/^[a-z0-9]{25}$/);
    expect(strong.expiresIn).toBeGreaterThan(1700);
    expect(strong.authToken).toBeNull();
    expect(strong.clientIdentifier).toBe('medianest-test-client');
    const short = await createPin(false);
    expect(short.code).toMatch(/^[A-Z0-9]{4}$/);
    expect(short.expiresIn).toBeLessThanOrEqual(900);
  });

  it('refuses a PIN request without a client identifier (400, code 1000)', async () => {
    const res = await fetch(`${plexTv.url}/api/v2/pins?strong=true`, { method: 'POST', headers: { Accept: 'application/json' } });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ errors: [{ code: 1000, message: 'X-Plex-Client-Identifier is missing', status: 400 }] });
  });

  it('hands out the token once the PIN is approved for an account, and 404 once expired', async () => {
    const pin = await createPin();
    expect(((await (await pollPin(pin.id)).json()) as PinBody).authToken).toBeNull();
    plexTv.approvePin(pin.id, 'alice');
    const claimed = (await (await pollPin(pin.id)).json()) as PinBody;
    expect(claimed.authToken).toBe(plexTv.account('alice').token);
    expect((await pollPin(pin.id, { ...CLIENT, 'X-Plex-Client-Identifier': 'another-app' })).status).toBe(404);
    plexTv.expirePin(pin.id);
    const gone = await pollPin(pin.id);
    expect(gone.status).toBe(404);
    expect(await gone.json()).toEqual({ errors: [{ code: 1020, message: 'Code not found or expired', status: 404 }] });
  });

  it('serves the auth page with every account, and its form claims the PIN and redirects to forwardUrl', async () => {
    const pin = await createPin();
    const page = await fetch(`${plexTv.appUrl}/auth`);
    const html = await page.text();
    expect(page.status).toBe(200);
    for (const account of plexTv.accounts) expect(html).toContain(`data-account="${account.key}"`);
    const forwardUrl = 'http://127.0.0.1:9/login/callback?state=abc';
    const approve = await fetch(`${plexTv.appUrl}/auth/approve`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ code: pin.code, clientID: 'medianest-test-client', forwardUrl, account: 'bob' }).toString(),
    });
    expect(approve.status).toBe(303);
    expect(approve.headers.get('location')).toBe(forwardUrl);
    expect(((await (await pollPin(pin.id)).json()) as PinBody).authToken).toBe(plexTv.account('bob').token);
    expect(plexTv.pins.get(pin.id)?.claimedBy).toBe('bob');
  });

  it('refuses the auth form for an unknown code, another app, or no account', async () => {
    const pin = await createPin();
    const post = (fields: Record<string, string>) =>
      fetch(`${plexTv.appUrl}/auth/approve`, { method: 'POST', redirect: 'manual', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() });
    expect((await post({ code: 'nope', account: 'owner' })).status).toBe(404);
    expect((await post({ code: pin.code, clientID: 'other', account: 'owner' })).status).toBe(400);
    expect((await post({ code: pin.code, clientID: 'medianest-test-client' })).status).toBe(400);
    expect(plexTv.pins.get(pin.id)?.authToken).toBeNull();
  });

  it('answers /api/v2/user for a valid token and 401 otherwise', async () => {
    const owner = plexTv.owner;
    const res = await fetch(`${plexTv.url}/api/v2/user`, { headers: { ...CLIENT, 'X-Plex-Token': owner.token } });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id: owner.id, uuid: owner.uuid, username: owner.username, email: owner.email, authToken: owner.token });
    const bad = await fetch(`${plexTv.url}/api/v2/user`, { headers: { ...CLIENT, 'X-Plex-Token': 'not-a-token' } });
    expect(bad.status).toBe(401);
    expect(await bad.json()).toEqual({ errors: [{ code: 1001, message: 'User could not be authenticated', status: 401 }] });
  });

  it('lists the server in resources: owned for the owner, shared for a friend, absent for a stranger', async () => {
    const resources = async (key: string) =>
      (await (await fetch(`${plexTv.url}/api/v2/resources?includeHttps=1&includeRelay=1`, { headers: { ...CLIENT, 'X-Plex-Token': plexTv.account(key).token } })).json()) as {
        provides: string; owned: boolean; accessToken: string; clientIdentifier: string; sourceTitle: string | null; connections: { uri: string; local: boolean }[];
      }[];
    const ownerServer = (await resources('owner')).find((r) => r.provides.includes('server'));
    expect(ownerServer).toMatchObject({ owned: true, clientIdentifier: pms.machineIdentifier, accessToken: plexTv.owner.serverToken, sourceTitle: null });
    expect(ownerServer?.connections[0]).toMatchObject({ uri: pms.url, local: true });
    const friendServer = (await resources('alice')).find((r) => r.provides.includes('server'));
    expect(friendServer).toMatchObject({ owned: false, sourceTitle: plexTv.owner.username, accessToken: plexTv.account('alice').serverToken });
    expect((await resources('stranger')).some((r) => r.provides.includes('server'))).toBe(false);
  });

  it('lists the friends (JSON) and the shared users (XML, as Overseerr reads it) for the owner only', async () => {
    const friends = (await (await fetch(`${plexTv.url}/api/v2/friends`, { headers: { ...CLIENT, 'X-Plex-Token': plexTv.owner.token } })).json()) as { username: string; status: string }[];
    expect(friends.map((f) => f.username).sort()).toEqual(plexTv.sharedAccounts.map((a) => a.username).sort());
    const xml = await (await fetch(`${plexTv.url}/api/users`, { headers: { 'X-Plex-Client-Identifier': 'medianest-test-client', 'X-Plex-Token': plexTv.owner.token } })).text();
    const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => name === 'User' || name === 'Server' }).parse(xml) as {
      MediaContainer: { User: { username: string; id: string; Server: { machineIdentifier: string }[] }[] };
    };
    const users = parsed.MediaContainer.User;
    expect(users.map((u) => u.username).sort()).toEqual(['alice', 'bob']);
    expect(users.every((u) => u.Server[0]?.machineIdentifier === pms.machineIdentifier)).toBe(true);
    const strangerFriends = await (await fetch(`${plexTv.url}/api/v2/friends`, { headers: { ...CLIENT, 'X-Plex-Token': plexTv.account('alice').token } })).json();
    expect(strangerFriends).toEqual([]);
  });

  it('makes the owner and shared users tokens work on the PMS, and not the stranger', async () => {
    const identityOf = async (token: string) => (await fetch(`${pms.url}/library/sections`, { headers: { Accept: 'application/json', 'X-Plex-Token': token } })).status;
    expect(await identityOf(plexTv.owner.serverToken)).toBe(200);
    expect(await identityOf(plexTv.account('alice').token)).toBe(200);
    expect(await identityOf(plexTv.account('bob').serverToken)).toBe(200);
    expect(await identityOf(plexTv.account('stranger').token)).toBe(401);
  });
});
