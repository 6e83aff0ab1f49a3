import { generateKeyPairSync } from 'node:crypto';
import { AUTH_COOKIES, CSRF_HEADER } from '@medianest/contracts';
import { eq } from 'drizzle-orm';
import { createLocalJWKSet, jwtVerify, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditRows } from '../../test-support/audit.js';
import { createUser, signIn, type SignedIn } from '../../test-support/auth.js';
import { json, startTestApp, type TestApp } from '../../test-support/test-app.js';
import { authSessions } from './auth.tables.js';
import { AUDIENCE, ISSUER } from './auth.tokens.js';

type ErrorBody = { error: { code: string; message: string } };
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('access and refresh tokens', () => {
  let app: TestApp;
  let alice: SignedIn;

  beforeAll(async () => {
    app = await startTestApp();
    alice = await signIn(app, await createUser(app, { username: 'alice' }));
  });
  afterAll(() => app.close());

  const me = (headers: Record<string, string>) => app.fetch('/api/v1/auth/me', { headers });

  it('accepts the access token as a cookie and as a bearer token', async () => {
    for (const via of ['cookie', 'bearer'] as const) {
      const { status, body } = await json<{ user: { username: string }; via: string; sessionId: string }>(
        await me(alice.headers(via)),
      );
      expect(status).toBe(200);
      expect(body.user.username).toBe('alice');
      expect(body.via).toBe(via);
      expect(body.sessionId).toBe(alice.sessionId);
    }
  });

  it('answers 401 UNAUTHENTICATED without credentials', async () => {
    const { status, body } = await json<ErrorBody>(await me({}));
    expect(status).toBe(401);
    expect(body.error.code).toBe('UNAUTHENTICATED');
  });

  it('refuses expired, tampered, alg:none, wrong-key and garbage tokens with 401 and a code', async () => {
    const key = app.mediaNest.auth.keys.current;
    const now = Math.floor(Date.now() / 1000);
    const claims = { sid: alice.sessionId, role: 'admin', perm: 127, ver: 0 };
    const sign = (privateKey: typeof key.privateKey, iat: number, exp: number) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: 'EdDSA', kid: key.kid })
        .setSubject(alice.user.id)
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE)
        .setJti('t-1')
        .setIssuedAt(iat)
        .setExpirationTime(exp)
        .sign(privateKey);

    const expired = await sign(key.privateKey, now - 3600, now - 1800);
    const [header, payload, signature] = alice.accessToken.split('.');
    const elevated = { ...JSON.parse(Buffer.from(payload!, 'base64url').toString()), role: 'admin' };
    const tampered = `${header}.${b64(elevated)}.${signature}`;
    const none = `${b64({ alg: 'none', typ: 'JWT', kid: key.kid })}.${b64(elevated)}.`;
    const otherKey = generateKeyPairSync('ed25519').privateKey;
    const wrongKey = await sign(otherKey, now, now + 600);
    const unknownKid = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'EdDSA', kid: 'not-a-known-key' })
      .setSubject(alice.user.id)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setJti('t-2')
      .setIssuedAt(now)
      .setExpirationTime(now + 600)
      .sign(otherKey);

    const cases: [string, string, string][] = [
      ['expired', expired, 'TOKEN_EXPIRED'],
      ['tampered', tampered, 'TOKEN_INVALID'],
      ['alg:none', none, 'TOKEN_INVALID'],
      ['wrong key', wrongKey, 'TOKEN_INVALID'],
      ['unknown kid', unknownKid, 'TOKEN_INVALID'],
      ['garbage', 'not.a.jwt', 'TOKEN_INVALID'],
    ];
    for (const [name, token, code] of cases) {
      const variants: Record<string, string>[] = [{ Authorization: `Bearer ${token}` }, { Cookie: `${AUTH_COOKIES.access}=${token}` }];
      for (const headers of variants) {
        const { status, body } = await json<ErrorBody>(await me(headers));
        expect({ name, status, code: body.error.code }).toEqual({ name, status: 401, code });
      }
    }
    const malformed = await json<ErrorBody>(await me({ Authorization: 'Basic abc' }));
    expect(malformed.status).toBe(401);
    expect(malformed.body.error.code).toBe('TOKEN_INVALID');
  });

  it('publishes the public keys at /.well-known/jwks.json, enough to verify a token elsewhere', async () => {
    const { status, body } = await json<{ keys: { kid: string; alg: string; crv: string; d?: string }[] }>(
      await app.fetch('/.well-known/jwks.json'),
    );
    expect(status).toBe(200);
    expect(body.keys[0]).toMatchObject({ kid: app.mediaNest.auth.keys.current.kid, alg: 'EdDSA', crv: 'Ed25519' });
    expect(body.keys.every((key) => key.d === undefined)).toBe(true);
    const { payload } = await jwtVerify(alice.accessToken, createLocalJWKSet(body as never), {
      issuer: ISSUER,
      audience: AUDIENCE,
    });
    expect(payload.sub).toBe(alice.user.id);
    expect(payload.sid).toBe(alice.sessionId);
  });

  it('rotates the refresh token on every use; reusing a spent one revokes the family and is audited', async () => {
    const bob = await signIn(app, await createUser(app, { username: 'bob' }));
    const refresh = (token: string) =>
      app.fetch('/api/v1/auth/refresh', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ refreshToken: token }),
      });

    const first = await json<{ refreshToken: string; accessToken: string; sessionId: string }>(await refresh(bob.refreshToken));
    expect(first.status).toBe(200);
    expect(first.body.sessionId).toBe(bob.sessionId);
    expect(first.body.refreshToken).not.toBe(bob.refreshToken);
    const second = await json<{ refreshToken: string; accessToken: string }>(await refresh(first.body.refreshToken));
    expect(second.status).toBe(200);
    expect((await me({ Authorization: `Bearer ${second.body.accessToken}` })).status).toBe(200);

    // The first token again: a copy exists somewhere. The whole session goes.
    const reuse = await json<ErrorBody>(await refresh(bob.refreshToken));
    expect(reuse.status).toBe(401);
    expect(reuse.body.error.code).toBe('TOKEN_INVALID');
    const [session] = await app.mediaNest.platform.database.db
      .select()
      .from(authSessions)
      .where(eq(authSessions.id, bob.sessionId));
    expect(session?.revokedReason).toBe('refresh-token-reuse');
    expect(session?.revokedAt).not.toBeNull();
    // Nothing of the family works any more: the newest refresh token, and the live access token.
    expect((await refresh(second.body.refreshToken)).status).toBe(401);
    const denied = await json<ErrorBody>(await me({ Authorization: `Bearer ${second.body.accessToken}` }));
    expect(denied.status).toBe(401);
    expect(denied.body.error.code).toBe('UNAUTHENTICATED');

    const rows = await auditRows(app, { targetId: bob.sessionId });
    expect(rows.map((row) => row.action)).toEqual(
      expect.arrayContaining(['auth.refresh-token.reused', 'auth.session.revoked']),
    );
    expect(rows.find((row) => row.action === 'auth.refresh-token.reused')?.outcome).toBe('denied');
  });

  it('refreshes from the cookie and sets new httpOnly, SameSite=Lax cookies', async () => {
    const carol = await signIn(app, await createUser(app, { username: 'carol' }));
    const res = await app.fetch('/api/v1/auth/refresh', {
      method: 'POST',
      headers: { Cookie: `${AUTH_COOKIES.refresh}=${carol.refreshToken}`, Origin: app.url },
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { refreshToken?: string; csrfToken: string };
    expect(body.refreshToken).toBeUndefined();
    const cookies = res.headers.getSetCookie();
    const named = (name: string) => cookies.find((cookie) => cookie.startsWith(`${name}=`)) ?? '';
    expect(named(AUTH_COOKIES.access)).toMatch(/HttpOnly/);
    expect(named(AUTH_COOKIES.access)).toMatch(/SameSite=Lax/);
    expect(named(AUTH_COOKIES.access)).not.toMatch(/Secure/);
    expect(named(AUTH_COOKIES.refresh)).toMatch(/HttpOnly/);
    expect(named(AUTH_COOKIES.refresh)).toMatch(/Path=\/api\/v1\/auth/);
    expect(named(AUTH_COOKIES.csrf)).not.toMatch(/HttpOnly/);
    expect(named(AUTH_COOKIES.csrf)).toContain(body.csrfToken);
  });

  it('marks cookies Secure when the request came over https through a trusted proxy', async () => {
    const proxied = await startTestApp({ config: { trustedProxies: 'loopback' } });
    try {
      const dave = await signIn(proxied, await createUser(proxied, { username: 'dave' }));
      const res = await proxied.fetch('/api/v1/auth/refresh', {
        method: 'POST',
        headers: { Cookie: `${AUTH_COOKIES.refresh}=${dave.refreshToken}`, 'X-Forwarded-Proto': 'https' },
      });
      expect(res.status).toBe(200);
      expect(res.headers.getSetCookie().every((cookie) => cookie.includes('Secure'))).toBe(true);
    } finally {
      await proxied.close();
    }
  });

  it('answers 400 to a malformed refresh body and 401 to an unknown token', async () => {
    const bad = await json<ErrorBody>(
      await app.fetch('/api/v1/auth/refresh', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ refreshToken: 42 }),
      }),
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
    const unknown = await json<ErrorBody>(
      await app.fetch('/api/v1/auth/refresh', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ refreshToken: 'x'.repeat(43) }),
      }),
    );
    expect(unknown.status).toBe(401);
    expect(unknown.body.error.code).toBe('TOKEN_INVALID');
    const none = await json<ErrorBody>(await app.fetch('/api/v1/auth/refresh', { method: 'POST' }));
    expect(none.status).toBe(401);
  });

  describe('CSRF on cookie-authenticated unsafe requests', () => {
    it('refuses a cookie request without the token, with a wrong token, or from another origin', async () => {
      const erin = await signIn(app, await createUser(app, { username: 'erin' }));
      const create = (headers: Record<string, string>) =>
        app.fetch('/api/v1/auth/api-keys', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', ...headers },
          body: JSON.stringify({ name: 'script', scopes: ['read'] }),
        });
      const attempts: Record<string, string>[] = [
        { Cookie: erin.cookie, Origin: app.url },
        { Cookie: erin.cookie, Origin: app.url, [CSRF_HEADER]: alice.csrfToken },
        { Cookie: erin.cookie, Origin: 'http://evil.example', [CSRF_HEADER]: erin.csrfToken },
        { Cookie: erin.cookie, Referer: 'http://evil.example/page', [CSRF_HEADER]: erin.csrfToken },
      ];
      for (const headers of attempts) {
        const { status, body } = await json<ErrorBody>(await create(headers));
        expect(status).toBe(403);
        expect(body.error.code).toBe('CSRF_FAILED');
      }
      expect((await create(erin.headers('cookie'))).status).toBe(201);
      // A bearer token is never sent by a browser on its own: no CSRF token needed.
      expect((await create(erin.headers('bearer'))).status).toBe(201);
      // Safe methods need none either.
      expect((await app.fetch('/api/v1/auth/api-keys', { headers: { Cookie: erin.cookie } })).status).toBe(200);
    });
  });
});
