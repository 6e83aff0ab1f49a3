import { describe, expect, it } from 'vitest';
import { HttpPlexTvClient } from './plextv.client.js';

interface Recorded {
  url: string;
  method: string;
  headers: Record<string, string>;
}

/** A fetch that answers from a table and records what was asked. */
function scriptedFetch(routes: Record<string, () => Response | Promise<Response>>) {
  const calls: Recorded[] = [];
  const fetchImpl = (async (input: URL | string | Request, init?: RequestInit) => {
    const url = new URL(String(input));
    const method = init?.method ?? 'GET';
    calls.push({ url: url.toString(), method, headers: Object.fromEntries(new Headers(init?.headers).entries()) });
    const route = routes[`${method} ${url.pathname}`];
    if (!route) return new Response('not found', { status: 404 });
    return route();
  }) as typeof fetch;
  return { fetchImpl, calls };
}

const identity = { clientIdentifier: 'medianest-abc', product: 'MediaNest', version: '0.1.0', platform: 'Node.js', device: 'MediaNest server' };
const client = (routes: Record<string, () => Response | Promise<Response>>) => {
  const { fetchImpl, calls } = scriptedFetch(routes);
  return { plex: new HttpPlexTvClient({ baseUrl: 'https://plex.invalid', appUrl: 'https://app.plex.invalid', identity, fetch: fetchImpl, timeoutMs: 200 }), calls };
};
const jsonResponse = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('HttpPlexTvClient', () => {
  it('creates a strong PIN with the X-Plex headers and reads it back', async () => {
    const pin = { id: 564964751, code: '8lzjqnq8lye02n52jq3fqxf8e', expiresIn: 1800, expiresAt: '2026-07-16T17:33:05Z', authToken: null, trusted: false };
    const { plex, calls } = client({
      'POST /api/v2/pins': () => jsonResponse(pin, 201),
      'GET /api/v2/pins/564964751': () => jsonResponse({ ...pin, authToken: 'gcgzw5rz2xovp84b4vha3a40' }),
    });
    const created = await plex.createPin();
    expect(created).toEqual({ id: pin.id, code: pin.code, expiresAt: new Date(pin.expiresAt), authToken: null });
    expect(calls[0]?.url).toBe('https://plex.invalid/api/v2/pins?strong=true');
    expect(calls[0]?.headers).toMatchObject({
      accept: 'application/json',
      'x-plex-client-identifier': 'medianest-abc',
      'x-plex-product': 'MediaNest',
      'x-plex-version': '0.1.0',
    });
    expect(calls[0]?.headers['x-plex-token']).toBeUndefined();
    expect((await plex.getPin(pin.id))?.authToken).toBe('gcgzw5rz2xovp84b4vha3a40');
  });

  it('reads an expired PIN as null', async () => {
    const { plex } = client({
      'GET /api/v2/pins/7': () => jsonResponse({ errors: [{ code: 1020, message: 'Code not found or expired' }] }, 404),
    });
    expect(await plex.getPin(7)).toBeNull();
  });

  it('reads the account and sends the token', async () => {
    const { plex, calls } = client({
      'GET /api/v2/user': () =>
        jsonResponse({ id: 13692262, uuid: 'dae343c1f45beb4f', username: 'Username', title: 'UsernameTitle', email: 'u@example.com', thumb: 'https://plex.tv/users/a/avatar', authToken: 'x' }),
    });
    expect(await plex.getAccount('tok')).toEqual({ id: 13692262, uuid: 'dae343c1f45beb4f', username: 'Username', title: 'UsernameTitle', email: 'u@example.com', thumb: 'https://plex.tv/users/a/avatar' });
    expect(calls[0]?.headers['x-plex-token']).toBe('tok');
  });

  it('maps a refused token, an outage, a timeout and a foreign shape to typed errors', async () => {
    const refused = client({ 'GET /api/v2/user': () => jsonResponse({ errors: [{ code: 1001, message: 'User could not be authenticated', status: 401 }] }, 401) });
    await expect(refused.plex.getAccount('bad')).rejects.toMatchObject({ code: 'UPSTREAM_AUTH', status: 502 });
    const down = client({ 'GET /api/v2/user': () => new Response('oops', { status: 503 }) });
    await expect(down.plex.getAccount('t')).rejects.toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', details: { service: 'plex.tv', status: 503 } });
    const unreachable = new HttpPlexTvClient({
      baseUrl: 'https://plex.invalid',
      appUrl: 'https://app.plex.invalid',
      identity,
      timeoutMs: 50,
      fetch: ((_input: unknown, init?: RequestInit) =>
        new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal?.reason)))) as typeof fetch,
    });
    await expect(unreachable.getAccount('t')).rejects.toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', details: { reason: 'timeout' } });
    const odd = client({ 'GET /api/v2/user': () => jsonResponse({ hello: 'world' }) });
    await expect(odd.plex.getAccount('t')).rejects.toMatchObject({ code: 'UPSTREAM_BAD_RESPONSE' });
    const notJson = client({ 'GET /api/v2/user': () => new Response('<html>', { status: 200 }) });
    await expect(notJson.plex.getAccount('t')).rejects.toMatchObject({ code: 'UPSTREAM_BAD_RESPONSE' });
  });

  it('lists servers from the resources, best connection first', async () => {
    const { plex, calls } = client({
      'GET /api/v2/resources': () =>
        jsonResponse([
          {
            name: 'MediaNest PMS', product: 'Plex Media Server', productVersion: '1.40.2', clientIdentifier: 'm1', provides: 'server',
            owned: true, accessToken: 'srv', publicAddress: '203.0.113.7',
            connections: [
              { protocol: 'https', address: 'r', port: 443, uri: 'https://relay', local: false, relay: true },
              { protocol: 'https', address: 'p', port: 32400, uri: 'https://public', local: false, relay: false },
              { protocol: 'https', address: 'l', port: 32400, uri: 'https://local', local: true, relay: false },
            ],
          },
          { name: 'Phone', product: 'Plex for iOS', clientIdentifier: 'c1', provides: 'client,player', owned: true, connections: [] },
        ]),
    });
    const servers = await plex.getServers('tok');
    expect(calls[0]?.url).toContain('includeHttps=1');
    expect(servers).toEqual([
      {
        name: 'MediaNest PMS', machineIdentifier: 'm1', productVersion: '1.40.2', owned: true, accessToken: 'srv',
        connections: [
          { uri: 'https://local', local: true, relay: false },
          { uri: 'https://public', local: false, relay: false },
          { uri: 'https://relay', local: false, relay: true },
        ],
      },
    ]);
  });

  it('reads the shared-users list as XML (and as JSON), with each user\'s servers', async () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<MediaContainer friendlyName="myPlex" identifier="com.plexapp.plugins.myplex" machineIdentifier="3dff" totalSize="2" size="2">
  <User id="22526914" title="Plex User" username="plexuser" email="plexuser@example.com" thumb="https://plex.tv/users/3346/avatar" protected="0" home="0">
    <Server id="907759180" serverId="9999999" machineIdentifier="96f2fe7a" name="MediaNest PMS" lastSeenAt="1556281940" numLibraries="2" allLibraries="1" owned="0" pending="0" />
  </User>
  <User id="33" title="nouser" username="" email="" thumb="">
    <Server machineIdentifier="aaa" name="A" /><Server machineIdentifier="bbb" name="B" />
  </User>
</MediaContainer>`;
    const { plex, calls } = client({ 'GET /api/users': () => new Response(xml, { status: 200, headers: { 'content-type': 'application/xml' } }) });
    expect(await plex.getSharedUsers('owner')).toEqual([
      { id: 22526914, uuid: null, username: 'plexuser', title: 'Plex User', email: 'plexuser@example.com', thumb: 'https://plex.tv/users/3346/avatar', serverMachineIdentifiers: ['96f2fe7a'] },
      { id: 33, uuid: null, username: 'nouser', title: 'nouser', email: null, thumb: null, serverMachineIdentifiers: ['aaa', 'bbb'] },
    ]);
    expect(calls[0]?.headers['x-plex-token']).toBe('owner');

    const asJson = client({
      'GET /api/users': () =>
        jsonResponse({ MediaContainer: { size: 1, User: [{ id: 5, title: 'T', username: 'u5', email: 'e', thumb: 't', Server: [{ machineIdentifier: 'm' }] }] } }),
    });
    expect((await asJson.plex.getSharedUsers('owner'))[0]).toMatchObject({ id: 5, serverMachineIdentifiers: ['m'] });
  });

  it('falls back to /api/v2/friends when the v1 list is not there', async () => {
    const { plex } = client({
      'GET /api/v2/friends': () =>
        jsonResponse([{ id: 22526914, uuid: '7d19', title: 'username123', username: 'username123', email: 'f@example.com', friendlyName: null, thumb: 'x', home: false, restricted: false, status: 'accepted', sharedServers: [{ machineIdentifier: 'm1' }], sharedSources: [] }]),
    });
    expect(await plex.getSharedUsers('owner')).toEqual([
      { id: 22526914, uuid: '7d19', username: 'username123', title: 'username123', email: 'f@example.com', thumb: 'x', serverMachineIdentifiers: ['m1'] },
    ]);
  });

  it('builds the app.plex.tv URL with the code in the fragment and the forward URL', () => {
    const { plex } = client({});
    const url = plex.authUrl('abc', 'http://medianest.lan:8080/signin?pin=xyz');
    expect(url.startsWith('https://app.plex.invalid/auth#?')).toBe(true);
    const query = new URLSearchParams(url.split('#?')[1]);
    expect(Object.fromEntries(query)).toEqual({
      clientID: 'medianest-abc',
      code: 'abc',
      forwardUrl: 'http://medianest.lan:8080/signin?pin=xyz',
      'context[device][product]': 'MediaNest',
    });
  });
});
