import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, signIn, signInAsAdmin } from '../../test-support/auth.js';
import { connectLive, refusedCode, TestClock } from '../../test-support/live.js';
import { startTestApp, type TestApp } from '../../test-support/test-app.js';

declare module '../../platform/events/event-bus.js' {
  interface DomainEvents {
    /** Declared by this test: stands in for the downloads context's progress event. */
    'realtimeTest.progress': { userId: string; percent: number };
  }
}

describe('realtime: one instance', () => {
  let app: TestApp;
  const clock = new TestClock();

  beforeAll(async () => {
    app = await startTestApp({ clock });
    app.mediaNest.realtime.forward('realtimeTest.progress', {
      namespace: '/media',
      event: 'download:progress',
      rooms: (e) => [`user:${e.userId}`],
      data: (e) => ({ percent: e.percent }),
      persist: false,
    });
  });
  afterAll(() => app.close());

  it('refuses a handshake with no token, a bad or expired token, a disabled user, or a cross-site cookie', async () => {
    expect(await refusedCode(app, '/notifications')).toBe('UNAUTHENTICATED');
    expect(await refusedCode(app, '/notifications', { token: 'not-a-jwt' })).toBe('TOKEN_INVALID');

    const expiring = await signIn(app, await createUser(app));
    clock.advance(16 * 60 * 1000);
    try {
      expect(await refusedCode(app, '/notifications', { token: expiring.accessToken })).toBe('TOKEN_EXPIRED');
    } finally {
      clock.advance(-16 * 60 * 1000);
    }

    const admin = await signInAsAdmin(app);
    const bob = await createUser(app);
    const bobSignedIn = await signIn(app, bob);
    const disable = await admin.fetch(`/api/v1/users/${bob.id}`, { method: 'PATCH', body: JSON.stringify({ disabled: true }) });
    expect(disable.status).toBe(200);
    await app.mediaNest.platform.events.idle();
    expect(await refusedCode(app, '/notifications', { token: bobSignedIn.accessToken })).toMatch(/UNAUTHENTICATED|TOKEN_EXPIRED/);

    const carol = await signIn(app, await createUser(app));
    expect(await refusedCode(app, '/notifications', { cookie: carol.cookie, origin: 'https://evil.example' })).toBe('CSRF_FAILED');
    const viaCookie = await connectLive(app, '/notifications', { cookie: carol.cookie, origin: app.url });
    viaCookie.close();

    expect(await refusedCode(app, '/admin', { token: carol.accessToken })).toBe('FORBIDDEN');
    const adminLive = await connectLive(app, '/admin', { token: admin.accessToken });
    adminLive.close();
  });

  it('pushes a forwarded event to its owner’s room only', async () => {
    const alice = await signIn(app, await createUser(app));
    const bob = await signIn(app, await createUser(app));
    const aliceLive = await connectLive(app, '/media', { token: alice.accessToken });
    const bobLive = await connectLive(app, '/media', { token: bob.accessToken });
    await app.mediaNest.platform.events.publish('realtimeTest.progress', { userId: alice.user.id, percent: 42 });
    await aliceLive.waitFor(1);
    expect(aliceLive.received[0]).toMatchObject({ event: 'download:progress', envelope: { id: null, data: { percent: 42 } } });
    // A sentinel for bob: once it arrived, anything meant for him before it would have arrived too.
    await app.mediaNest.platform.events.publish('realtimeTest.progress', { userId: bob.user.id, percent: 1 });
    await bobLive.waitFor(1);
    expect(bobLive.received.map((r) => r.envelope.data)).toEqual([{ percent: 1 }]);
    aliceLive.close();
    bobLive.close();
  });

  it('sends a reconnecting client exactly the events it missed, in order, then realtime:caught-up', async () => {
    const alice = await signIn(app, await createUser(app));
    const first = await connectLive(app, '/notifications', { token: alice.accessToken });
    const push = (n: number) =>
      app.mediaNest.realtime.push({ namespace: '/notifications', event: 'test:n', rooms: [`user:${alice.user.id}`], data: { n }, persist: true });
    await push(0);
    await first.waitFor(1);
    const lastId = first.received[0]!.envelope.id!;
    first.close();

    // Events of another user and another namespace must not be sent.
    const bob = await createUser(app);
    await app.mediaNest.realtime.push({ namespace: '/notifications', event: 'test:n', rooms: [`user:${bob.id}`], data: { n: -1 }, persist: true });
    await app.mediaNest.realtime.push({ namespace: '/media', event: 'test:n', rooms: [`user:${alice.user.id}`], data: { n: -2 }, persist: true });
    for (let n = 1; n <= 5; n += 1) await push(n);

    const again = await connectLive(app, '/notifications', { token: alice.accessToken, lastId });
    expect(again.received.map((r) => r.envelope.data)).toEqual([1, 2, 3, 4, 5].map((n) => ({ n })));
    const ids = again.received.map((r) => r.envelope.id!);
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);
    expect(again.caughtUps[0]).toEqual({ lastId: ids.at(-1), truncated: false });
    // Live again afterwards, no duplicates.
    await push(6);
    await again.waitFor(6);
    expect(again.received.map((r) => r.envelope.data)).toEqual([1, 2, 3, 4, 5, 6].map((n) => ({ n })));
    again.close();
  });

  it('closes the socket of a revoked session at once, and only that one', async () => {
    const user = await createUser(app);
    const phone = await signIn(app, user);
    const laptop = await signIn(app, user);
    const phoneLive = await connectLive(app, '/notifications', { token: phone.accessToken });
    const laptopLive = await connectLive(app, '/notifications', { token: laptop.accessToken });
    const reason = new Promise<string>((resolve) => phoneLive.socket.once('disconnect', resolve));
    const revoke = await laptop.fetch(`/api/v1/auth/sessions/${phone.sessionId}`, { method: 'DELETE' });
    expect(revoke.status).toBe(204);
    // The acceptance budget: closed within a second of the revocation.
    await phoneLive.disconnected(1_000);
    expect(await reason).toBe('io server disconnect');
    expect(laptopLive.socket.connected).toBe(true);
    laptopLive.close();
  });

  it('ends the socket when its access token expires; the client refreshes and catches up without a loss', async () => {
    const user = await createUser(app);
    // A token issued 14 min 55 s ago: it expires in about five seconds.
    clock.advance(-(15 * 60 - 5) * 1000);
    const old = await signIn(app, user);
    clock.advance((15 * 60 - 5) * 1000);
    const live = await connectLive(app, '/notifications', { token: old.accessToken });
    expect(await live.disconnected(10_000)).toMatch(/io server disconnect|already disconnected/);
    expect(live.names).toContain('realtime:token-expired');
    await app.mediaNest.realtime.push({ namespace: '/notifications', event: 'test:n', rooms: [`user:${user.id}`], data: { n: 1 }, persist: true });
    const refreshed = await app.fetch('/api/v1/auth/refresh', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: app.url },
      body: JSON.stringify({ refreshToken: old.refreshToken }),
    });
    expect(refreshed.status).toBe(200);
    const { accessToken } = (await refreshed.json()) as { accessToken: string };
    const again = await connectLive(app, '/notifications', { token: accessToken, lastId: live.caughtUps[0]!.lastId });
    expect(again.received.map((r) => r.envelope.data)).toEqual([{ n: 1 }]);
    again.close();
  });

  it('validates and rate-limits what clients emit', async () => {
    const { z } = await import('zod');
    app.mediaNest.realtime.onClientEvent('/media', 'test:echo', {
      schema: z.object({ word: z.string().max(10) }),
      handle: (data, caller) => ({ echoed: data.word, userId: caller.principal.userId }),
    });
    const alice = await signIn(app, await createUser(app));
    const live = await connectLive(app, '/media', { token: alice.accessToken });
    expect(await live.request('test:echo', { word: 'hi' })).toEqual({ ok: true, result: { echoed: 'hi', userId: alice.user.id } });
    expect(await live.request('test:echo', { word: 42 })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(await live.request('test:unknown', {})).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const answers = await Promise.all(Array.from({ length: 30 }, () => live.request('test:echo', { word: 'x' })));
    expect(answers.filter((a) => (a as { ok: boolean }).ok === false)).toHaveLength(3);
    expect(answers.at(-1)).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
    live.close();
  });
});

describe('realtime: two API instances and a worker on one Redis', () => {
  let a: TestApp;
  let b: TestApp;
  let worker: TestApp;

  beforeAll(async () => {
    a = await startTestApp({ redis: true, role: 'api' });
    b = await startTestApp({ redis: true, role: 'api', sharedWith: a });
    worker = await startTestApp({ redis: true, role: 'worker', sharedWith: a });
    for (const app of [a, b, worker]) {
      app.mediaNest.realtime.forward('realtimeTest.progress', {
        namespace: '/media',
        event: 'download:progress',
        rooms: (e) => [`user:${e.userId}`],
        data: (e) => ({ percent: e.percent }),
        persist: false,
      });
    }
  });
  afterAll(async () => {
    await worker.close();
    await b.close();
    await a.close();
  });

  it('delivers an event pushed on instance B to a socket on instance A, persisted once', async () => {
    const alice = await signIn(a, await createUser(a));
    const live = await connectLive(a, '/notifications', { token: alice.accessToken });
    const id = await b.mediaNest.realtime.push({
      namespace: '/notifications',
      event: 'notification:new',
      rooms: [`user:${alice.user.id}`],
      data: { title: 'from B' },
      persist: true,
    });
    await live.waitFor(1);
    expect(live.received[0]).toMatchObject({ event: 'notification:new', envelope: { id, data: { title: 'from B' } } });
    live.close();
  });

  it('delivers a worker’s progress event to the owner’s socket and nobody else’s', async () => {
    const owner = await signIn(a, await createUser(a));
    const other = await signIn(a, await createUser(a));
    const ownerOnA = await connectLive(a, '/media', { token: owner.accessToken });
    const ownerOnB = await connectLive(b, '/media', { token: owner.accessToken });
    const otherOnA = await connectLive(a, '/media', { token: other.accessToken });
    await worker.mediaNest.platform.events.publish('realtimeTest.progress', { userId: owner.user.id, percent: 73 });
    await ownerOnA.waitFor(1);
    await ownerOnB.waitFor(1);
    expect(ownerOnA.received.map((r) => r.envelope.data)).toEqual([{ percent: 73 }]);
    expect(ownerOnB.received.map((r) => r.envelope.data)).toEqual([{ percent: 73 }]);
    await worker.mediaNest.platform.events.publish('realtimeTest.progress', { userId: other.user.id, percent: 5 });
    await otherOnA.waitFor(1);
    expect(otherOnA.received.map((r) => r.envelope.data)).toEqual([{ percent: 5 }]);
    expect(ownerOnA.received).toHaveLength(1);
    for (const client of [ownerOnA, ownerOnB, otherOnA]) client.close();
  });

  it('closes a revoked session’s sockets on every instance', async () => {
    const user = await createUser(a);
    const phone = await signIn(a, user);
    const onA = await connectLive(a, '/notifications', { token: phone.accessToken });
    const onB = await connectLive(b, '/media', { token: phone.accessToken });
    const reasons = Promise.all([onA, onB].map((live) => new Promise<string>((resolve) => live.socket.once('disconnect', resolve))));
    const revoke = await phone.fetch('/api/v1/auth/logout', { method: 'POST' });
    expect(revoke.status).toBeLessThan(300);
    await Promise.all([onA.disconnected(1_000), onB.disconnected(1_000)]);
    expect(await reasons).toEqual(['io server disconnect', 'io server disconnect']);
  });
});
