import { describe, expect, it } from 'vitest';
import { HttpPlexServerClient } from './plex.client.js';

const identity = { clientIdentifier: 'medianest-abc', product: 'MediaNest', version: '0.1.0', platform: 'Node.js', device: 'MediaNest server' };

function server(handler: (url: URL, headers: Headers) => Response) {
  const seen: { url: string; token: string | null }[] = [];
  const fetchImpl = (async (input: URL | string | Request, init?: RequestInit) => {
    const url = new URL(String(input));
    const headers = new Headers(init?.headers);
    seen.push({ url: url.toString(), token: headers.get('x-plex-token') });
    return handler(url, headers);
  }) as typeof fetch;
  return { client: new HttpPlexServerClient({ identity, fetch: fetchImpl }), seen };
}

describe('HttpPlexServerClient', () => {
  it('reads /identity without a token', async () => {
    const { client, seen } = server(() =>
      Response.json({ MediaContainer: { size: 0, claimed: true, machineIdentifier: '96f2', version: '1.40.2.8395-c67dce28e' } }),
    );
    expect(await client.identity('http://192.168.1.10:32400')).toEqual({ machineIdentifier: '96f2', version: '1.40.2.8395-c67dce28e', claimed: true });
    expect(seen).toEqual([{ url: 'http://192.168.1.10:32400/identity', token: null }]);
  });

  it('keeps a path prefix of the base URL (a server behind a reverse proxy)', async () => {
    const { client, seen } = server(() => Response.json({ MediaContainer: { machineIdentifier: 'm' } }));
    await client.identity('https://example.invalid/plex');
    expect(seen[0]?.url).toBe('https://example.invalid/plex/identity');
  });

  it('checks the token with GET / and reports a refused one', async () => {
    const { client, seen } = server((_url, headers) =>
      headers.get('x-plex-token') === 'good'
        ? Response.json({ MediaContainer: { machineIdentifier: '96f2', friendlyName: 'Home PMS', version: '1.40' } })
        : new Response('<html><head><title>Unauthorized</title></head></html>', { status: 401 }),
    );
    expect(await client.serverInfo('http://pms.invalid:32400', 'good')).toEqual({ machineIdentifier: '96f2', friendlyName: 'Home PMS', version: '1.40' });
    expect(seen[0]).toEqual({ url: 'http://pms.invalid:32400/', token: 'good' });
    await expect(client.serverInfo('http://pms.invalid:32400', 'bad')).rejects.toMatchObject({ code: 'UPSTREAM_AUTH' });
  });

  it('calls something that is not a Plex server a bad response', async () => {
    const { client } = server(() => new Response('<html>router login</html>', { status: 200 }));
    await expect(client.identity('http://192.168.1.1')).rejects.toMatchObject({ code: 'UPSTREAM_BAD_RESPONSE', details: { service: 'Plex Media Server' } });
  });
});
