import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditRows } from '../../test-support/audit.js';
import { createUser, signIn, type SignedIn } from '../../test-support/auth.js';
import { json, startTestApp, type TestApp } from '../../test-support/test-app.js';
import { authSessions, refreshTokens } from './auth.tables.js';

type ErrorBody = { error: { code: string; message: string } };
type SessionList = { sessions: { id: string; deviceName: string; current: boolean; userId: string; ip: string | null }[] };

const PHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';
const LAPTOP = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0';

describe('sessions and devices', () => {
  let app: TestApp;
  let admin: SignedIn;

  beforeAll(async () => {
    app = await startTestApp();
    admin = await signIn(app, await createUser(app, { role: 'admin', username: 'owner' }));
  });
  afterAll(() => app.close());

  it('lists my devices by name, marking the current one, and revokes another at once', async () => {
    const user = await createUser(app, { username: 'friend' });
    const laptop = await signIn(app, user, { userAgent: LAPTOP, ip: '10.0.0.2' });
    const phone = await signIn(app, user, { userAgent: PHONE, ip: '10.0.0.3' });

    const { status, body } = await json<SessionList>(await laptop.fetch('/api/v1/auth/sessions'));
    expect(status).toBe(200);
    expect(body.sessions.map((s) => [s.deviceName, s.current, s.ip]).sort()).toEqual([
      ['Firefox on Windows', true, '10.0.0.2'],
      ['Safari on iPhone', false, '10.0.0.3'],
    ]);

    expect((await phone.fetch('/api/v1/auth/me')).status).toBe(200);
    const revoke = await laptop.fetch(`/api/v1/auth/sessions/${phone.sessionId}`, { method: 'DELETE' });
    expect(revoke.status).toBe(204);
    // The phone's access token is still unexpired, yet refused on its next request; its refresh token too.
    const after = await json<ErrorBody>(await phone.fetch('/api/v1/auth/me', { via: 'bearer' }));
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe('UNAUTHENTICATED');
    const refresh = await app.fetch('/api/v1/auth/refresh', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ refreshToken: phone.refreshToken }),
    });
    expect(refresh.status).toBe(401);
    expect((await laptop.fetch('/api/v1/auth/me')).status).toBe(200);

    const audit = await auditRows(app, { action: 'auth.session.revoked', targetId: phone.sessionId });
    expect(audit).toHaveLength(1);
    expect(audit[0]?.actorUserId).toBe(user.id);
  });

  it("answers 404 for another user's session, and leaves it alone", async () => {
    const mallory = await signIn(app, await createUser(app, { username: 'mallory' }));
    const victim = await signIn(app, await createUser(app, { username: 'victim' }));
    const { status, body } = await json<ErrorBody>(
      await mallory.fetch(`/api/v1/auth/sessions/${victim.sessionId}`, { method: 'DELETE' }),
    );
    expect(status).toBe(404);
    expect(body.error.code).toBe('NOT_FOUND');
    expect((await victim.fetch('/api/v1/auth/me')).status).toBe(200);
    const list = await json<SessionList>(await mallory.fetch('/api/v1/auth/sessions'));
    expect(list.body.sessions.map((s) => s.id)).toEqual([mallory.sessionId]);
  });

  it('answers 400 to a session id that is not an id', async () => {
    const { status, body } = await json<ErrorBody>(await admin.fetch('/api/v1/auth/sessions/abc', { method: 'DELETE' }));
    expect(status).toBe(400);
    expect(body.error.code).toBe('VALIDATION_FAILED');
    const query = await json<ErrorBody>(await admin.fetch('/api/v1/auth/sessions?keepCurrent=maybe', { method: 'DELETE' }));
    expect(query.status).toBe(400);
  });

  it('signs out everywhere, keeping the current device when asked', async () => {
    const user = await createUser(app, { username: 'everywhere' });
    const a = await signIn(app, user);
    const b = await signIn(app, user);
    const c = await signIn(app, user);
    const kept = await json<{ revoked: number }>(await a.fetch('/api/v1/auth/sessions?keepCurrent=true', { method: 'DELETE' }));
    expect(kept.body.revoked).toBe(2);
    expect((await a.fetch('/api/v1/auth/me')).status).toBe(200);
    expect((await b.fetch('/api/v1/auth/me')).status).toBe(401);
    expect((await c.fetch('/api/v1/auth/me')).status).toBe(401);

    const all = await a.fetch('/api/v1/auth/sessions', { method: 'DELETE' });
    expect(((await all.json()) as { revoked: number }).revoked).toBe(1);
    expect(all.headers.getSetCookie().some((cookie) => cookie.startsWith('mn_access=;'))).toBe(true);
    expect((await a.fetch('/api/v1/auth/me')).status).toBe(401);
  });

  it('signs out this device with POST /auth/logout, with an audit row', async () => {
    const user = await createUser(app, { username: 'leaver' });
    const session = await signIn(app, user);
    const res = await session.fetch('/api/v1/auth/logout', { method: 'POST' });
    expect(res.status).toBe(204);
    expect(res.headers.getSetCookie().length).toBeGreaterThanOrEqual(3);
    expect((await session.fetch('/api/v1/auth/me')).status).toBe(401);
    const rows = await auditRows(app, { action: 'auth.logout', targetId: session.sessionId });
    expect(rows).toHaveLength(1);
    // Signing out twice is harmless.
    expect((await session.fetch('/api/v1/auth/logout', { method: 'POST' })).status).toBe(204);
  });

  it("lets the admin list and revoke any user's sessions, and nobody else", async () => {
    const user = await createUser(app, { username: 'watched' });
    const device = await signIn(app, user, { userAgent: PHONE });
    const list = await json<SessionList>(await admin.fetch(`/api/v1/users/${user.id}/sessions`));
    expect(list.status).toBe(200);
    expect(list.body.sessions).toHaveLength(1);
    expect(list.body.sessions[0]).toMatchObject({ id: device.sessionId, deviceName: 'Safari on iPhone', current: false });

    const other = await signIn(app, await createUser(app, { username: 'nosy' }));
    const forbidden = await json<ErrorBody>(await other.fetch(`/api/v1/users/${user.id}/sessions`));
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.error.code).toBe('FORBIDDEN');

    const revoke = await admin.fetch(`/api/v1/users/${user.id}/sessions/${device.sessionId}`, { method: 'DELETE' });
    expect(revoke.status).toBe(204);
    expect((await device.fetch('/api/v1/auth/me')).status).toBe(401);
    // A session id under the wrong user is not found.
    const mismatched = await admin.fetch(`/api/v1/users/${user.id}/sessions/${other.sessionId}`, { method: 'DELETE' });
    expect(mismatched.status).toBe(404);
    const unknownUser = await admin.fetch(`/api/v1/users/00000000-0000-4000-8000-000000000000/sessions`);
    expect(unknownUser.status).toBe(404);
    const rows = await auditRows(app, { action: 'auth.session.revoked', targetId: device.sessionId });
    expect(rows[0]?.actorUserId).toBe(admin.user.id);
    expect(rows[0]?.details).toMatchObject({ reason: 'admin' });
  });

  it('rebuilds the denylist from the database after a restart of an embedded instance', async () => {
    const user = await createUser(app, { username: 'restart' });
    const session = await signIn(app, user);
    await admin.fetch(`/api/v1/users/${user.id}/sessions/${session.sessionId}`, { method: 'DELETE' });
    expect((await session.fetch('/api/v1/auth/me', { via: 'bearer' })).status).toBe(401);
    // What a restart does to an in-memory denylist: it is gone, and the still-unexpired token would pass…
    await app.mediaNest.platform.cache.close();
    expect((await session.fetch('/api/v1/auth/me', { via: 'bearer' })).status).toBe(200);
    // …until start-up refills it from the database, as createAuthContext does.
    await app.mediaNest.auth.sessions.rebuildDenylist();
    expect((await session.fetch('/api/v1/auth/me', { via: 'bearer' })).status).toBe(401);
  });

  it('prunes expired refresh tokens and sessions ended long ago, and nothing live', async () => {
    const user = await createUser(app, { username: 'old-timer' });
    const old = await signIn(app, user);
    const live = await signIn(app, user);
    const db = app.mediaNest.platform.database.db;
    const longAgo = new Date(Date.now() - 40 * 24 * 60 * 60 * 1000);
    await db.update(authSessions).set({ revokedAt: longAgo, expiresAt: longAgo }).where(eq(authSessions.id, old.sessionId));
    await db.update(refreshTokens).set({ expiresAt: longAgo }).where(eq(refreshTokens.sessionId, old.sessionId));

    const pruned = await app.mediaNest.auth.sessions.prune();
    expect(pruned.sessions).toBeGreaterThanOrEqual(1);
    expect(await db.select().from(authSessions).where(eq(authSessions.id, old.sessionId))).toEqual([]);
    expect(await db.select().from(refreshTokens).where(eq(refreshTokens.sessionId, old.sessionId))).toEqual([]);
    expect(await db.select().from(refreshTokens).where(eq(refreshTokens.sessionId, live.sessionId))).toHaveLength(1);
    expect((await live.fetch('/api/v1/auth/me')).status).toBe(200);
  });
});
