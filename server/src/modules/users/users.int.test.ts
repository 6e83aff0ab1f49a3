import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditRows } from '../../test-support/audit.js';
import { createUser, signIn, type SignedIn } from '../../test-support/auth.js';
import { json, startTestApp, type TestApp } from '../../test-support/test-app.js';

type ErrorBody = { error: { code: string; message: string } };
type UserBody = { id: string; username: string; role: string; permissions: string[]; disabled: boolean };

describe('users administration', () => {
  let app: TestApp;
  let admin: SignedIn;

  beforeAll(async () => {
    app = await startTestApp();
    admin = await signIn(app, await createUser(app, { role: 'admin', username: 'root-admin' }));
    await createUser(app, { username: 'Zoe', permissions: ['REQUEST'] });
    await createUser(app, { username: 'zack-disabled', disabled: true });
  });
  afterAll(() => app.close());

  const patch = (as: SignedIn, id: string, body: unknown) =>
    as.fetch(`/api/v1/users/${id}`, { method: 'PATCH', body: JSON.stringify(body) });

  it('lists and searches users, by name, role and status, admins first', async () => {
    const all = await json<{ users: UserBody[]; total: number }>(await admin.fetch('/api/v1/users'));
    expect(all.status).toBe(200);
    expect(all.body.total).toBe(all.body.users.length);
    expect(all.body.users[0]?.role).toBe('admin');
    const search = await json<{ users: UserBody[] }>(await admin.fetch('/api/v1/users?q=ZO'));
    expect(search.body.users.map((u) => u.username)).toEqual(['Zoe']);
    const disabled = await json<{ users: UserBody[] }>(await admin.fetch('/api/v1/users?status=disabled'));
    expect(disabled.body.users.map((u) => u.username)).toEqual(['zack-disabled']);
    const page = await json<{ users: UserBody[]; total: number }>(await admin.fetch('/api/v1/users?limit=1&offset=1'));
    expect(page.body.users).toHaveLength(1);
    expect(page.body.total).toBe(all.body.total);
    // Wildcards in the search are literal.
    const literal = await json<{ users: UserBody[] }>(await admin.fetch('/api/v1/users?q=%25'));
    expect(literal.body.users).toEqual([]);
  });

  it('never sends a password hash or a token', async () => {
    const local = await createUser(app, { username: 'haspassword', password: 'correct horse battery' });
    const text = await (await admin.fetch(`/api/v1/users/${local.id}`)).text();
    expect(text).not.toMatch(/argon2|passwordHash|plexToken/);
  });

  it('answers 400 on bad input and 404 on an unknown user', async () => {
    for (const [path, init] of [
      ['/api/v1/users?limit=0', {}],
      ['/api/v1/users?status=gone', {}],
      ['/api/v1/users/not-an-id', {}],
    ] as const) {
      const { status, body } = await json<ErrorBody>(await admin.fetch(path, init));
      expect({ path, status, code: body.error.code }).toEqual({ path, status: 400, code: 'VALIDATION_FAILED' });
    }
    const user = await createUser(app);
    for (const body of [{}, { role: 'owner' }, { permissions: ['FLY'] }, { disabled: 'yes' }]) {
      const res = await json<ErrorBody>(await patch(admin, user.id, body));
      expect(res.status).toBe(400);
    }
    const missing = await json<ErrorBody>(await admin.fetch('/api/v1/users/00000000-0000-4000-8000-000000000000'));
    expect(missing.status).toBe(404);
  });

  it('refuses the list to users without MANAGE_USERS', async () => {
    const plain = await signIn(app, await createUser(app));
    const { status, body } = await json<ErrorBody>(await plain.fetch('/api/v1/users'));
    expect(status).toBe(403);
    expect(body.error.code).toBe('FORBIDDEN');
  });

  it('promotes a user: their old token must be refreshed, and the new one carries the role', async () => {
    const target = await createUser(app, { username: 'promoted' });
    const session = await signIn(app, target);
    const res = await json<UserBody>(await patch(admin, target.id, { role: 'admin' }));
    expect(res.status).toBe(200);
    expect(res.body.role).toBe('admin');

    const stale = await json<ErrorBody>(await session.fetch('/api/v1/users'));
    expect(stale.status).toBe(401);
    expect(stale.body.error.code).toBe('TOKEN_EXPIRED');
    const refreshed = await json<{ accessToken: string; user: UserBody }>(
      await app.fetch('/api/v1/auth/refresh', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ refreshToken: session.refreshToken }),
      }),
    );
    expect(refreshed.body.user.role).toBe('admin');
    const now = await app.fetch('/api/v1/users', { headers: { Authorization: `Bearer ${refreshed.body.accessToken}` } });
    expect(now.status).toBe(200);

    const rows = await auditRows(app, { action: 'users.role.changed', targetId: target.id });
    expect(rows[0]?.details).toEqual({ from: 'user', to: 'admin' });
    expect(rows[0]?.actorUserId).toBe(admin.user.id);
  });

  it('disables a user: every session and API key stops at once, and they cannot sign in', async () => {
    const target = await createUser(app, { username: 'to-disable', password: 'a long enough password' });
    const session = await signIn(app, target);
    const key = await json<{ secret: string }>(
      await session.fetch('/api/v1/auth/api-keys', { method: 'POST', body: JSON.stringify({ name: 'k', scopes: ['read'] }) }),
    );
    expect((await session.fetch('/api/v1/auth/me')).status).toBe(200);

    const res = await json<UserBody>(await patch(admin, target.id, { disabled: true }));
    expect(res.body.disabled).toBe(true);
    expect((await session.fetch('/api/v1/auth/me')).status).toBe(401);
    expect((await session.fetch('/api/v1/auth/me', { via: 'bearer' })).status).toBe(401);
    const byKey = await json<ErrorBody>(
      await app.fetch('/api/v1/auth/me', { headers: { Authorization: `Bearer ${key.body.secret}` } }),
    );
    expect(byKey.status).toBe(403);
    expect(byKey.body.error.code).toBe('USER_DISABLED');
    const login = await json<ErrorBody>(
      await app.fetch('/api/v1/auth/login', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ username: 'to-disable', password: 'a long enough password' }),
      }),
    );
    expect(login.status).toBe(403);
    expect(login.body.error.code).toBe('USER_DISABLED');

    const rows = await auditRows(app, { targetId: target.id });
    expect(rows.map((row) => row.action)).toContain('users.disabled');
    const revoked = await auditRows(app, { action: 'auth.session.revoked', targetId: session.sessionId });
    expect(revoked[0]?.details).toMatchObject({ reason: 'user-disabled' });

    // Enabled again: a new sign-in works (the old sessions stay ended).
    await patch(admin, target.id, { disabled: false });
    expect((await session.fetch('/api/v1/auth/me')).status).toBe(401);
    expect((await (await signIn(app, target)).fetch('/api/v1/auth/me')).status).toBe(200);
  });

  it('keeps at least one admin, and an admin cannot disable or demote themselves', async () => {
    const solo = await startTestApp();
    try {
      const only = await signIn(solo, await createUser(solo, { role: 'admin' }));
      const self = await json<ErrorBody>(
        await only.fetch(`/api/v1/users/${only.user.id}`, { method: 'PATCH', body: JSON.stringify({ disabled: true }) }),
      );
      expect(self.status).toBe(409);
      const demote = await json<ErrorBody>(
        await only.fetch(`/api/v1/users/${only.user.id}`, { method: 'PATCH', body: JSON.stringify({ role: 'user' }) }),
      );
      expect(demote.status).toBe(409);
      expect(demote.body.error.code).toBe('CONFLICT');
    } finally {
      await solo.close();
    }
  });

  it('lets a MANAGE_USERS holder change permissions of ordinary users, within their own', async () => {
    const manager = await signIn(app, await createUser(app, { permissions: ['MANAGE_USERS', 'REQUEST', 'DOWNLOAD'] }));
    const target = await createUser(app, { permissions: ['REQUEST'] });
    const ok = await json<UserBody>(await patch(manager, target.id, { permissions: ['REQUEST', 'DOWNLOAD'] }));
    expect(ok.status).toBe(200);
    expect(ok.body.permissions.sort()).toEqual(['DOWNLOAD', 'REQUEST']);

    const beyond = await json<ErrorBody>(await patch(manager, target.id, { permissions: ['MANAGE_SETTINGS'] }));
    expect(beyond.status).toBe(403);
    const role = await json<ErrorBody>(await patch(manager, target.id, { role: 'admin' }));
    expect(role.status).toBe(403);
    const onAdmin = await json<ErrorBody>(await patch(manager, admin.user.id, { disabled: true }));
    expect(onAdmin.status).toBe(403);
    const rows = await auditRows(app, { action: 'users.permissions.changed', targetId: target.id });
    expect(rows[0]?.details).toEqual({ from: ['REQUEST'], to: ['REQUEST', 'DOWNLOAD'] });
  });
});
