import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditRows } from '../../test-support/audit.js';
import { createUser, signIn, signInAsAdmin, type SignedIn } from '../../test-support/auth.js';
import { json, startTestApp, type TestApp } from '../../test-support/test-app.js';

describe('audit trail API', () => {
  let app: TestApp;
  let admin: SignedIn;

  beforeAll(async () => {
    app = await startTestApp();
    admin = await signInAsAdmin(app);
    const { audit } = app.mediaNest;
    await audit.record({ action: 'demo.login', outcome: 'success', actorUserId: admin.user.id, actorLabel: 'admin', ip: '10.0.0.1' });
    await audit.record({ action: 'demo.login', outcome: 'failure', actorLabel: '=cmd|" /C calc"!A0', ip: '10.0.0.2', details: { reason: 'bad, "credentials"' } });
    await audit.record({ action: 'demo.users.disabled', outcome: 'success', actorUserId: admin.user.id, targetType: 'user', targetId: 'u-1' });
  });
  afterAll(() => app.close());

  it('is for admins only', async () => {
    const user = await signIn(app, await createUser(app));
    expect((await user.fetch('/api/v1/admin/audit')).status).toBe(403);
    expect((await user.fetch('/api/v1/admin/audit/export')).status).toBe(403);
    expect((await app.fetch('/api/v1/admin/audit')).status).toBe(401);
  });

  it('filters by actor, action (or family), target, outcome and time, newest first, with paging', async () => {
    const get = async (query: string) =>
      json<{ entries: { action: string; outcome: string; targetId: string | null }[]; total: number }>(
        await admin.fetch(`/api/v1/admin/audit?${query}`),
      );
    const logins = await get('action=demo.login');
    expect(logins.body.total).toBe(2);
    expect(logins.body.entries.map((e) => e.outcome)).toEqual(['failure', 'success']);
    expect((await get('action=demo.*&outcome=failure')).body.total).toBe(2 - 1);
    expect((await get(`actor=${admin.user.id}&action=demo.*`)).body.total).toBe(2);
    expect((await get('targetType=user&targetId=u-1')).body.entries.map((e) => e.action)).toEqual(['demo.users.disabled']);
    const page = await get('limit=1&offset=1');
    expect(page.body.entries).toHaveLength(1);
    expect(page.body.total).toBeGreaterThanOrEqual(3);
    expect((await get(`from=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`)).body.total).toBe(0);

    const badRange = await json<{ error: { message: string } }>(
      await admin.fetch('/api/v1/admin/audit?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z'),
    );
    expect(badRange.status).toBe(400);
    expect(badRange.body.error.message).toMatch(/from: must not be after/);
    const badAction = await json<{ error: { message: string } }>(await admin.fetch('/api/v1/admin/audit?action=drop%20table'));
    expect(badAction.status).toBe(400);
    expect(badAction.body.error.message).toMatch(/^query\.action/);
    expect((await admin.fetch('/api/v1/admin/audit?actor=nope')).status).toBe(400);
  });

  it('exports CSV with the same filters, formula-safe, and records the export', async () => {
    const response = await admin.fetch('/api/v1/admin/audit/export?action=demo.login');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(response.headers.get('content-disposition')).toMatch(/attachment; filename="medianest-audit-.*\.csv"/);
    const lines = (await response.text()).trimEnd().split('\r\n');
    expect(lines[0]).toBe('id,occurred_at,actor_user_id,actor,action,target_type,target_id,outcome,ip,request_id,details');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain(`,"'=cmd|"" /C calc""!A0",demo.login,,,failure,10.0.0.2,,"{""reason"":""bad, \\""credentials\\""""}"`);
    expect((await auditRows(app, { action: 'audit.exported', actorUserId: admin.user.id }))[0]?.details).toMatchObject({ rows: 2 });
  });

  it('has no way to change or delete rows', async () => {
    const [row] = await auditRows(app, { action: 'demo.users.disabled' });
    for (const method of ['PUT', 'PATCH', 'DELETE']) {
      expect((await admin.fetch(`/api/v1/admin/audit/${row!.id}`, { method })).status).toBe(404);
    }
    expect((await admin.fetch('/api/v1/admin/audit', { method: 'DELETE' })).status).toBe(404);
  });
});
