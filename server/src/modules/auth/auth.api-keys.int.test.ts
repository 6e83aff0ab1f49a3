import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditRows } from '../../test-support/audit.js';
import { createUser, signIn, type SignedIn } from '../../test-support/auth.js';
import { json, startTestApp, type TestApp } from '../../test-support/test-app.js';

type ErrorBody = { error: { code: string; message: string } };
type ApiKeyBody = { id: string; name: string; scopes: string[]; prefix: string; lastUsedAt: string | null };

describe('personal API keys', () => {
  let app: TestApp;
  let alice: SignedIn;

  beforeAll(async () => {
    app = await startTestApp();
    alice = await signIn(app, await createUser(app, { username: 'alice' }));
  });
  afterAll(() => app.close());

  const create = (as: SignedIn, body: unknown) =>
    as.fetch('/api/v1/auth/api-keys', { method: 'POST', body: JSON.stringify(body) });
  const withKey = (key: string, path: string, init: RequestInit = {}) =>
    app.fetch(path, { ...init, headers: { ...(init.headers as Record<string, string>), Authorization: `Bearer ${key}` } });

  it('shows the key once, lists it without the secret, records its use', async () => {
    const created = await json<{ apiKey: ApiKeyBody; secret: string }>(
      await create(alice, { name: 'Home dashboard', scopes: ['read'] }),
    );
    expect(created.status).toBe(201);
    expect(created.body.secret.startsWith(created.body.apiKey.prefix)).toBe(true);
    expect(created.body.apiKey.lastUsedAt).toBeNull();

    const list = await (await alice.fetch('/api/v1/auth/api-keys')).text();
    expect(list).toContain('Home dashboard');
    expect(list).not.toContain(created.body.secret);

    const me = await json<{ via: string; user: { username: string }; sessionId: string | null }>(
      await withKey(created.body.secret, '/api/v1/auth/me'),
    );
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ via: 'api-key', sessionId: null, user: { username: 'alice' } });
    const after = await json<{ apiKeys: ApiKeyBody[] }>(await alice.fetch('/api/v1/auth/api-keys'));
    expect(after.body.apiKeys.find((k) => k.id === created.body.apiKey.id)?.lastUsedAt).not.toBeNull();

    const rows = await auditRows(app, { action: 'auth.api-key.created', targetId: created.body.apiKey.id });
    expect(rows[0]?.details).toEqual({ name: 'Home dashboard', scopes: ['read'] });
  });

  it('holds a read-only key to GET requests', async () => {
    const { body } = await json<{ secret: string }>(await create(alice, { name: 'reader', scopes: ['read'] }));
    const write = await json<ErrorBody>(await withKey(body.secret, '/api/v1/auth/sessions', { method: 'DELETE' }));
    expect(write.status).toBe(403);
    expect(write.body.error.code).toBe('FORBIDDEN');
    expect(write.body.error.message).toContain('read');
    // Nothing was signed out.
    expect((await alice.fetch('/api/v1/auth/me')).status).toBe(200);
  });

  it('does not make an admin key admin unless it has the admin scope; only admins may ask for it', async () => {
    const admin = await signIn(app, await createUser(app, { role: 'admin' }));
    const plain = await json<{ secret: string }>(await create(admin, { name: 'plain', scopes: ['read', 'write'] }));
    expect((await withKey(plain.body.secret, `/api/v1/users/${alice.user.id}/sessions`)).status).toBe(403);
    const full = await json<{ secret: string }>(await create(admin, { name: 'full', scopes: ['admin'] }));
    expect((await withKey(full.body.secret, `/api/v1/users/${alice.user.id}/sessions`)).status).toBe(200);

    const denied = await json<ErrorBody>(await create(alice, { name: 'sneaky', scopes: ['admin'] }));
    expect(denied.status).toBe(403);
  });

  it('revokes a key: it stops working at once', async () => {
    const { body } = await json<{ apiKey: ApiKeyBody; secret: string }>(await create(alice, { name: 'temp', scopes: ['write'] }));
    expect((await alice.fetch(`/api/v1/auth/api-keys/${body.apiKey.id}`, { method: 'DELETE' })).status).toBe(204);
    const used = await json<ErrorBody>(await withKey(body.secret, '/api/v1/auth/me'));
    expect(used.status).toBe(401);
    expect(used.body.error.code).toBe('TOKEN_INVALID');
    const list = await json<{ apiKeys: ApiKeyBody[] }>(await alice.fetch('/api/v1/auth/api-keys'));
    expect(list.body.apiKeys.map((k) => k.id)).not.toContain(body.apiKey.id);
    expect(await auditRows(app, { action: 'auth.api-key.revoked', targetId: body.apiKey.id })).toHaveLength(1);
  });

  it("answers 404 to another user's key and leaves it working", async () => {
    const bob = await signIn(app, await createUser(app, { username: 'bob' }));
    const { body } = await json<{ apiKey: ApiKeyBody; secret: string }>(await create(bob, { name: 'bobs', scopes: ['read'] }));
    const steal = await json<ErrorBody>(await alice.fetch(`/api/v1/auth/api-keys/${body.apiKey.id}`, { method: 'DELETE' }));
    expect(steal.status).toBe(404);
    const aliceList = await json<{ apiKeys: ApiKeyBody[] }>(await alice.fetch('/api/v1/auth/api-keys'));
    expect(aliceList.body.apiKeys.map((k) => k.id)).not.toContain(body.apiKey.id);
    expect((await withKey(body.secret, '/api/v1/auth/me')).status).toBe(200);
  });

  it('refuses mistyped and forged keys with 401, and bad input with 400', async () => {
    const { body } = await json<{ secret: string }>(await create(alice, { name: 'real', scopes: ['read'] }));
    const forged = `${body.secret.slice(0, -4)}AAAA`;
    for (const key of [forged, 'mnk_nothing', `mnk_${'0'.repeat(32)}_${'A'.repeat(43)}`]) {
      const res = await json<ErrorBody>(await withKey(key, '/api/v1/auth/me'));
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('TOKEN_INVALID');
    }
    for (const bad of [{ name: '', scopes: ['read'] }, { name: 'x', scopes: [] }, { name: 'x', scopes: ['root'] }, { name: 'x', scopes: ['read'], expiresInDays: 0 }]) {
      expect((await create(alice, bad)).status).toBe(400);
    }
    expect((await alice.fetch('/api/v1/auth/api-keys/123', { method: 'DELETE' })).status).toBe(400);
  });

  it('lets a key expire', async () => {
    const { body } = await json<{ apiKey: ApiKeyBody & { expiresAt: string }; secret: string }>(
      await create(alice, { name: 'short', scopes: ['read'], expiresInDays: 1 }),
    );
    expect(new Date(body.apiKey.expiresAt).getTime()).toBeGreaterThan(Date.now());
    expect((await withKey(body.secret, '/api/v1/auth/me')).status).toBe(200);
  });
});
