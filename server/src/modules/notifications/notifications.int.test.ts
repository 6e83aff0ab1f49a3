import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditRows } from '../../test-support/audit.js';
import { createUser, signIn, signInAsAdmin, type SignedIn } from '../../test-support/auth.js';
import { connectLive, TestClock } from '../../test-support/live.js';
import { json, startTestApp, type TestApp } from '../../test-support/test-app.js';

interface Received {
  headers: IncomingHttpHeaders;
  body: unknown;
}

/** A webhook target on loopback whose answer the test decides. */
async function startTarget(): Promise<{
  url: string;
  received: Received[];
  answer: { status: number; body?: unknown; headers?: Record<string, string> };
  close(): Promise<void>;
}> {
  const received: Received[] = [];
  const state = { answer: { status: 204 } as { status: number; body?: unknown; headers?: Record<string, string> } };
  const server: Server = createServer((req, res) => {
    let text = '';
    req.on('data', (chunk: Buffer) => (text += chunk.toString()));
    req.on('end', () => {
      received.push({ headers: req.headers, body: text ? (JSON.parse(text) as unknown) : undefined });
      res.writeHead(state.answer.status, { 'content-type': 'application/json', ...state.answer.headers });
      res.end(state.answer.body === undefined ? '' : JSON.stringify(state.answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook/secret-token`,
    received,
    get answer() {
      return state.answer;
    },
    set answer(value) {
      state.answer = value;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('notifications', () => {
  let app: TestApp;
  let admin: SignedIn;
  const clock = new TestClock();

  beforeAll(async () => {
    app = await startTestApp({ clock });
    admin = await signInAsAdmin(app);
  });
  afterAll(() => app.close());

  it('persists, lists, counts, marks read and deletes, pushing to every tab, and keeps users apart', async () => {
    const alice = await signIn(app, await createUser(app));
    const bob = await signIn(app, await createUser(app));
    const tab1 = await connectLive(app, '/notifications', { token: alice.accessToken });
    const tab2 = await connectLive(app, '/notifications', { token: alice.accessToken });
    const { notify } = app.mediaNest.notifications;
    await notify({ to: { userId: alice.user.id }, type: 'request.approved', title: 'Dune approved', body: 'It is on its way.', link: '/requests/1' });
    await notify({ to: { userId: alice.user.id }, type: 'download.completed', title: 'Download done', body: 'Big Buck Bunny' });
    await tab1.waitFor(2);
    await tab2.waitFor(2);
    expect(tab1.received.map((r) => r.event)).toEqual(['notification:new', 'notification:new']);
    expect(tab2.received[1]?.envelope.data).toMatchObject({ notification: { title: 'Download done', read: false }, unreadCount: 2 });

    const list = await json<{ notifications: { id: string; title: string }[]; total: number; unreadCount: number }>(
      await alice.fetch('/api/v1/notifications?limit=1'),
    );
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ total: 2, unreadCount: 2 });
    expect(list.body.notifications.map((n) => n.title)).toEqual(['Download done']);
    const all = await json<{ notifications: { id: string; title: string }[] }>(await alice.fetch('/api/v1/notifications'));
    const [newest, oldest] = all.body.notifications;

    // Another user's notification is not found; a malformed id is a 400.
    expect((await bob.fetch(`/api/v1/notifications/${oldest!.id}/read`, { method: 'POST' })).status).toBe(404);
    expect((await bob.fetch(`/api/v1/notifications/${oldest!.id}`, { method: 'DELETE' })).status).toBe(404);
    const bad = await json<{ error: { code: string; message: string } }>(await alice.fetch('/api/v1/notifications/nope/read', { method: 'POST' }));
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/must be a notification id/);
    expect((await json(await bob.fetch('/api/v1/notifications'))).body).toMatchObject({ total: 0, unreadCount: 0 });

    const read = await json(await alice.fetch(`/api/v1/notifications/${oldest!.id}/read`, { method: 'POST' }));
    expect(read.body).toMatchObject({ notification: { id: oldest!.id, read: true }, unreadCount: 1 });
    await tab2.waitFor(3);
    expect(tab2.received[2]).toMatchObject({ event: 'notification:changed', envelope: { id: null, data: { unreadCount: 1 } } });

    // Over the socket too.
    const viaSocket = await tab1.request('notification:mark-read', { id: newest!.id });
    expect(viaSocket).toEqual({ ok: true, result: { unreadCount: 0 } });
    expect(await tab1.request('notification:mark-read', { id: 'x' })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });

    await notify({ to: { userId: alice.user.id }, type: 'download.failed', title: 'Failed', body: 'x' });
    expect((await json(await alice.fetch('/api/v1/notifications/read-all', { method: 'POST' }))).body).toEqual({ updated: 1, unreadCount: 0 });
    expect((await alice.fetch(`/api/v1/notifications/${oldest!.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await json(await alice.fetch('/api/v1/notifications/unread-count'))).body).toEqual({ unreadCount: 0 });
    expect((await json(await alice.fetch('/api/v1/notifications'))).body).toMatchObject({ total: 2 });
    tab1.close();
    tab2.close();
  });

  it('sends service notifications to the admins only, and follows preferences', async () => {
    const user = await signIn(app, await createUser(app));
    const before = (await json<{ total: number }>(await admin.fetch('/api/v1/notifications'))).body.total;
    await app.mediaNest.notifications.notify({ to: { role: 'admin' }, type: 'service.down', title: 'Radarr is down', body: 'connect ECONNREFUSED' });
    await app.mediaNest.notifications.notify({ to: { userId: user.user.id }, type: 'service.down', title: 'not for users', body: '' });
    expect((await json<{ total: number }>(await admin.fetch('/api/v1/notifications'))).body.total).toBe(before + 1);
    expect((await json<{ total: number }>(await user.fetch('/api/v1/notifications'))).body.total).toBe(0);

    const prefs = await json<{ types: { type: string }[]; preferences: { type: string; channel: string; enabled: boolean }[] }>(
      await user.fetch('/api/v1/notifications/preferences'),
    );
    expect(prefs.body.types.map((t) => t.type)).not.toContain('service.down');
    expect(prefs.body.preferences).toContainEqual({ type: 'library.newContent', channel: 'in-app', enabled: false });
    expect(prefs.body.preferences).toContainEqual({ type: 'request.approved', channel: 'in-app', enabled: true });

    // New content is opt-in.
    await app.mediaNest.notifications.notify({ to: { userId: user.user.id }, type: 'library.newContent', title: 'New: Dune', body: '' });
    expect((await json<{ total: number }>(await user.fetch('/api/v1/notifications'))).body.total).toBe(0);
    const put = await user.fetch('/api/v1/notifications/preferences', {
      method: 'PUT',
      body: JSON.stringify({
        preferences: [
          { type: 'library.newContent', channel: 'in-app', enabled: true },
          { type: 'request.approved', channel: 'in-app', enabled: false },
        ],
      }),
    });
    expect(put.status).toBe(200);
    await app.mediaNest.notifications.notify({ to: { userId: user.user.id }, type: 'library.newContent', title: 'New: Dune', body: '' });
    await app.mediaNest.notifications.notify({ to: { userId: user.user.id }, type: 'request.approved', title: 'muted', body: '' });
    const list = await json<{ notifications: { title: string }[] }>(await user.fetch('/api/v1/notifications'));
    expect(list.body.notifications.map((n) => n.title)).toEqual(['New: Dune']);

    const unknownChannel = await json<{ error: { message: string } }>(
      await user.fetch('/api/v1/notifications/preferences', {
        method: 'PUT',
        body: JSON.stringify({ preferences: [{ type: 'request.approved', channel: '0b5f6f0e-9a5e-4a53-b8a4-1b1f2f3f4f5f', enabled: true }] }),
      }),
    );
    expect(unknownChannel.status).toBe(400);
    expect(unknownChannel.body.error.message).toMatch(/no channel/);
    const adminOnly = await user.fetch('/api/v1/notifications/preferences', {
      method: 'PUT',
      body: JSON.stringify({ preferences: [{ type: 'service.up', channel: 'in-app', enabled: true }] }),
    });
    expect(adminOnly.status).toBe(400);
  });

  it('lets only the admin configure channels, and never returns their secrets', async () => {
    const user = await signIn(app, await createUser(app));
    const body = { kind: 'webhook', name: 'Home Assistant', url: 'https://ha.example/api/webhook/s3cret', header: { name: 'X-Token', value: 'hunter2' } };
    expect((await user.fetch('/api/v1/admin/notification-channels', { method: 'POST', body: JSON.stringify(body) })).status).toBe(403);
    const bad = await json<{ error: { message: string } }>(
      await admin.fetch('/api/v1/admin/notification-channels', { method: 'POST', body: JSON.stringify({ ...body, url: 'ftp://x' }) }),
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/^body\.url/);
    const badTemplate = await json<{ error: { message: string } }>(
      await admin.fetch('/api/v1/admin/notification-channels', { method: 'POST', body: JSON.stringify({ ...body, template: '{"text": {{title}}}' }) }),
    );
    expect(badTemplate.status).toBe(400);
    expect(badTemplate.body.error.message).toMatch(/template/);
    const discordWithHeader = await admin.fetch('/api/v1/admin/notification-channels', {
      method: 'POST',
      body: JSON.stringify({ ...body, kind: 'discord' }),
    });
    expect(discordWithHeader.status).toBe(400);

    const created = await json<Record<string, unknown>>(
      await admin.fetch('/api/v1/admin/notification-channels', { method: 'POST', body: JSON.stringify(body) }),
    );
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ kind: 'webhook', name: 'Home Assistant', target: 'https://ha.example', headerName: 'X-Token', enabled: true });
    expect(JSON.stringify(created.body)).not.toMatch(/s3cret|hunter2/);
    const id = created.body.id as string;
    const patched = await json(await admin.fetch(`/api/v1/admin/notification-channels/${id}`, { method: 'PATCH', body: JSON.stringify({ enabled: false, header: null }) }));
    expect(patched.body).toMatchObject({ enabled: false, headerName: null });
    const listed = await json<{ channels: unknown[] }>(await admin.fetch('/api/v1/admin/notification-channels'));
    expect(JSON.stringify(listed.body)).not.toMatch(/s3cret|hunter2/);
    expect((await admin.fetch(`/api/v1/admin/notification-channels/${id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await admin.fetch(`/api/v1/admin/notification-channels/${id}`, { method: 'DELETE' })).status).toBe(404);
    expect((await auditRows(app, { targetId: id })).map((row) => row.action)).toEqual([
      'notifications.channel.created',
      'notifications.channel.updated',
      'notifications.channel.deleted',
    ]);
  });

  it('delivers to Discord and a templated webhook with its header, retries a target that is down, then dead-letters, and the admin retries', async () => {
    const discord = await startTarget();
    const hook = await startTarget();
    const worker = app.mediaNest.notifications.worker;
    try {
      const discordChannel = await json<{ id: string }>(
        await admin.fetch('/api/v1/admin/notification-channels', {
          method: 'POST',
          body: JSON.stringify({ kind: 'discord', name: 'Discord #media', url: discord.url }),
        }),
      );
      const hookChannel = await json<{ id: string }>(
        await admin.fetch('/api/v1/admin/notification-channels', {
          method: 'POST',
          body: JSON.stringify({
            kind: 'webhook',
            name: 'Hook',
            url: hook.url,
            template: '{"text":"{{title}}: {{body}}","who":"{{username}}"}',
            header: { name: 'X-Token', value: 'hunter2' },
          }),
        }),
      );
      const alice = await signIn(app, await createUser(app, { username: 'alice-out' }));
      await alice.fetch('/api/v1/notifications/preferences', {
        method: 'PUT',
        body: JSON.stringify({
          preferences: [
            { type: 'request.available', channel: discordChannel.body.id, enabled: true },
            { type: 'request.available', channel: hookChannel.body.id, enabled: true },
          ],
        }),
      });
      await app.mediaNest.notifications.notify({ to: { userId: alice.user.id }, type: 'request.available', title: 'Dune "2"', body: 'Enjoy\nit', link: '/requests/9' });
      expect(await worker.runOnce()).toEqual({ sent: 2, retrying: 0, dead: 0 });
      expect(discord.received[0]?.body).toMatchObject({ username: 'MediaNest', content: '**Dune "2"**\nEnjoy\nit\n/requests/9' });
      expect(hook.received[0]?.body).toEqual({ text: 'Dune "2": Enjoy\nit', who: 'alice-out' });
      expect(hook.received[0]?.headers['x-token']).toBe('hunter2');
      expect(await worker.runOnce()).toEqual({ sent: 0, retrying: 0, dead: 0 });

      // Discord asks to slow down: the next attempt waits retry_after, not the backoff.
      discord.answer = { status: 429, body: { message: 'You are being rate limited.', retry_after: 120.5, global: false } };
      hook.answer = { status: 503 };
      await app.mediaNest.notifications.notify({ to: { userId: alice.user.id }, type: 'request.available', title: 'Second', body: '' });
      expect(await worker.runOnce()).toEqual({ sent: 0, retrying: 2, dead: 0 });
      const pending = await json<{ deliveries: { channelName: string; attempts: number; nextAttemptAt: string; lastError: string }[] }>(
        await admin.fetch('/api/v1/admin/notification-deliveries?status=pending'),
      );
      const byChannel = new Map(pending.body.deliveries.map((d) => [d.channelName, d]));
      const now = clock.now().getTime();
      expect(Date.parse(byChannel.get('Discord #media')!.nextAttemptAt) - now).toBeGreaterThan(119_000);
      expect(Date.parse(byChannel.get('Hook')!.nextAttemptAt) - now).toBeGreaterThan(29_000);
      expect(Date.parse(byChannel.get('Hook')!.nextAttemptAt) - now).toBeLessThanOrEqual(30_000);
      expect(byChannel.get('Hook')!.lastError).toMatch(/503/);

      // The webhook stays down: 30 s, 60 s, 120 s, 240 s later it is tried again, then it is dead.
      discord.answer = { status: 204 };
      const outcomes = [];
      for (const wait of [30_000, 60_000, 120_000, 240_000]) {
        clock.advance(wait);
        outcomes.push(await worker.runOnce());
      }
      expect(outcomes.map((o) => o.dead)).toEqual([0, 0, 0, 1]);
      expect(outcomes.reduce((n, o) => n + o.sent, 0)).toBe(1); // Discord, after its retry_after
      const dead = await json<{ deliveries: { id: string; attempts: number; status: string; lastError: string }[]; total: number }>(
        await admin.fetch('/api/v1/admin/notification-deliveries?status=dead'),
      );
      expect(dead.body.total).toBe(1);
      expect(dead.body.deliveries[0]).toMatchObject({ attempts: 5, status: 'dead' });
      const deadId = dead.body.deliveries[0]!.id;
      expect((await auditRows(app, { action: 'notifications.delivery.dead' })).map((row) => row.targetId)).toEqual([deadId]);
      expect((await alice.fetch('/api/v1/admin/notification-deliveries')).status).toBe(403);

      // Back up: the admin retries, and nothing was lost.
      hook.answer = { status: 200, body: { ok: true } };
      const retried = await json(await admin.fetch(`/api/v1/admin/notification-deliveries/${deadId}/retry`, { method: 'POST' }));
      expect(retried.body).toMatchObject({ status: 'pending', attempts: 0 });
      expect(await worker.runOnce()).toEqual({ sent: 1, retrying: 0, dead: 0 });
      expect(hook.received.map((r) => (r.body as { text: string }).text)).toEqual([
        'Dune "2": Enjoy\nit',
        ...Array.from({ length: 5 }, () => 'Second: '),
        'Second: ',
      ]);
      const again = await json<{ error: { code: string } }>(await admin.fetch(`/api/v1/admin/notification-deliveries/${deadId}/retry`, { method: 'POST' }));
      expect(again.status).toBe(409);
      expect((await admin.fetch('/api/v1/admin/notification-deliveries/not-an-id/retry', { method: 'POST' })).status).toBe(400);
    } finally {
      await discord.close();
      await hook.close();
    }
  });
});

describe('notifications across instances', () => {
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    a = await startTestApp({ redis: true, role: 'api' });
    b = await startTestApp({ redis: true, role: 'api', sharedWith: a });
  });
  afterAll(async () => {
    await b.close();
    await a.close();
  });

  it('a notification created on instance B reaches a socket connected to instance A', async () => {
    const alice = await signIn(a, await createUser(a));
    const live = await connectLive(a, '/notifications', { token: alice.accessToken });
    const [row] = await b.mediaNest.notifications.notify({ to: { userId: alice.user.id }, type: 'download.completed', title: 'From B', body: '' });
    await live.waitFor(1);
    expect(live.received[0]).toMatchObject({ event: 'notification:new', envelope: { data: { notification: { id: row!.id, title: 'From B' }, unreadCount: 1 } } });
    live.close();
  });
});
