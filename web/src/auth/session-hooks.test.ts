import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getMe, logout } from '@medianest/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiClient } from '../api/index.js';
import { installSessionHooks } from './session-hooks.js';

/** A tiny server playing MediaNest's auth: a token that expires, a refresh that renews it once per call. */
let server: Server;
let base = '';
let currentAccess = 'a1';
let refreshes = 0;
let refuseRefresh = false;
const seen: { path: string; csrf: string | undefined; cookie: string | undefined }[] = [];

const me = { user: { id: '00000000-0000-4000-8000-000000000001', username: 'alice', displayName: null, email: null, avatarUrl: null, role: 'user', permissions: [], source: 'plex', plexId: 1, disabled: false, createdAt: '2026-01-01T00:00:00.000Z', lastLoginAt: null }, sessionId: '00000000-0000-4000-8000-000000000002', via: 'cookie', csrfToken: 'c' };

beforeAll(async () => {
  server = createServer((req: IncomingMessage, res) => {
    const path = req.url ?? '';
    seen.push({ path, csrf: req.headers['x-csrf-token'] as string | undefined, cookie: req.headers.authorization });
    const send = (status: number, body?: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(body === undefined ? undefined : JSON.stringify(body));
    };
    const unauth = (code: string) => send(401, { error: { code, message: 'Sign in.', requestId: 'r' } });
    req.resume();
    req.on('end', () => {
      if (path === '/api/v1/auth/refresh') {
        refreshes += 1;
        if (refuseRefresh) return unauth('TOKEN_INVALID');
        currentAccess = `a${refreshes + 1}`;
        return send(200, { ...me, accessToken: currentAccess, accessTokenExpiresAt: '2026-01-01T00:15:00.000Z', refreshTokenExpiresAt: '2026-01-08T00:00:00.000Z', csrfToken: 'c' });
      }
      if (req.headers.authorization !== `Bearer ${currentAccess}`) return unauth('TOKEN_EXPIRED');
      if (path === '/api/v1/auth/logout') return send(204);
      return send(200, me);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** Cookies are shared by every tab of a browser; modelled as the access token the fetch sends. */
interface Jar {
  access: string;
}

/** One browser tab: its own API client, the browser's shared cookie jar, storage and lock. */
function tab(jar: Jar, storage: Map<string, string>, lock: { chain: Promise<unknown> }, csrf: string | null = 'c', onSignedOut?: () => void) {
  const client = createApiClient({
    baseUrl: base,
    fetch: async (input, init) => {
      const res = await fetch(input, { ...init, headers: { ...(init?.headers as Record<string, string>), authorization: `Bearer ${jar.access}` } });
      // Set-Cookie: a successful refresh replaces the access cookie for every tab.
      if (String(input).endsWith('/auth/refresh') && res.ok) {
        const body = (await res.clone().json()) as { accessToken: string };
        jar.access = body.accessToken;
      }
      return res;
    },
  });
  installSessionHooks(client, {
    csrf: () => csrf ?? undefined,
    storage: { getItem: (k) => storage.get(k) ?? null, setItem: (k, v) => void storage.set(k, v) },
    withLock: (work) => {
      const run = lock.chain.then(work, work);
      lock.chain = run.catch(() => undefined);
      return run;
    },
    ...(onSignedOut ? { onSignedOut } : {}),
  });
  return client;
}

describe('installSessionHooks', () => {
  it('sends the CSRF header on unsafe requests only', async () => {
    seen.length = 0;
    currentAccess = 'a1';
    const client = tab({ access: 'a1' }, new Map(), { chain: Promise.resolve() });
    await client.call(getMe);
    await client.call(logout, { body: {} });
    expect(seen.map((s) => [s.path, s.csrf])).toEqual([
      ['/api/v1/auth/me', undefined],
      ['/api/v1/auth/logout', 'c'],
    ]);
  });

  it('refreshes once on 401 and retries; another tab waiting on the lock reuses that refresh', async () => {
    currentAccess = 'a1';
    refreshes = 0;
    const jar = { access: 'expired' };
    const storage = new Map<string, string>();
    const lock = { chain: Promise.resolve() as Promise<unknown> };
    const first = tab(jar, storage, lock);
    const second = tab(jar, storage, lock);
    const [a, b] = await Promise.all([first.call(getMe), second.call(getMe)]);
    expect(a.user.username).toBe('alice');
    expect(b.user.username).toBe('alice');
    expect(refreshes).toBe(1);
  });

  it('does not try to refresh without a session, and reports a refused refresh as signed out', async () => {
    currentAccess = 'a9';
    refreshes = 0;
    const none = tab({ access: 'old' }, new Map(), { chain: Promise.resolve() }, null);
    await expect(none.call(getMe)).rejects.toMatchObject({ status: 401 });
    expect(refreshes).toBe(0);

    refuseRefresh = true;
    let signedOut = 0;
    const gone = tab({ access: 'old' }, new Map(), { chain: Promise.resolve() }, 'c', () => (signedOut += 1));
    await expect(gone.call(getMe)).rejects.toMatchObject({ status: 401, code: 'TOKEN_EXPIRED' });
    expect(refreshes).toBe(1);
    expect(signedOut).toBe(1);
    refuseRefresh = false;
  });
});
