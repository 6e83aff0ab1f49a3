import { startOverseerr, type OverseerrSimulator } from '@medianest/simulators';
import type { Notification } from '@medianest/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, signIn, signInAsAdmin, type SignedIn } from '../test-support/auth.js';
import { connectLive, type LiveClient } from '../test-support/live.js';
import { json, startTestApp, type TestApp } from '../test-support/test-app.js';

/**
 * Status → realtime and notifications, wired in the composition layer: an Overseerr outage found by a
 * check reaches every signed-in socket as `service:status` and the admins' bells as "Overseerr is down",
 * and the recovery as "Overseerr is back up"; members get the live tile update but no notification.
 */
describe('service status changes, live and in the bell', () => {
  let overseerr: OverseerrSimulator;
  let app: TestApp;
  let admin: SignedIn;
  let alice: SignedIn;
  let aliceLive: LiveClient;

  beforeAll(async () => {
    overseerr = await startOverseerr();
    app = await startTestApp({ upstreamPolicies: { overseerr: { retries: 0, breakerFailures: 100, timeoutMs: 1_000 } } });
    admin = await signInAsAdmin(app);
    alice = await signIn(app, await createUser(app, { username: 'alice' }));
    const saved = await admin.fetch('/api/v1/services/overseerr', {
      method: 'PUT',
      body: JSON.stringify({ url: overseerr.url, apiKey: overseerr.apiKey }),
    });
    expect(saved.status).toBe(200);
    await app.mediaNest.status.service.checkAll();
    aliceLive = await connectLive(app, '/media', { token: alice.accessToken });
  });
  afterAll(async () => {
    aliceLive?.close();
    await app?.close();
    await overseerr?.close();
  });

  const bell = async (who: SignedIn) => (await json<{ notifications: Notification[] }>(await who.fetch('/api/v1/notifications'))).body.notifications;

  it('pushes the change to signed-in sockets and tells the admins, once, when Overseerr goes down and comes back', async () => {
    const before = aliceLive.received.length;
    await overseerr.stopListening();
    try {
      await app.mediaNest.status.service.checkAll();
      await app.mediaNest.platform.events.idle();
      await aliceLive.waitFor(before + 1);
    } finally {
      await overseerr.resumeListening();
    }
    const down = aliceLive.received.slice(before).find((r) => r.event === 'service:status')!;
    expect(down.envelope.id).toEqual(expect.any(Number));
    expect(down.envelope.data).toMatchObject({ serviceId: 'overseerr', serviceName: 'Overseerr', previous: 'up', current: 'down' });

    await app.mediaNest.status.service.checkAll();
    await app.mediaNest.platform.events.idle();
    await aliceLive.waitFor(before + 2);
    expect(aliceLive.received.slice(before).map((r) => (r.envelope.data as { current: string }).current)).toEqual(['down', 'up']);

    const adminBell = await bell(admin);
    const titles = adminBell.map((n) => n.title);
    expect(titles).toContain('Overseerr is down');
    expect(titles).toContain('Overseerr is back up');
    expect(titles.filter((t) => t === 'Overseerr is down')).toHaveLength(1);
    expect(adminBell.find((n) => n.title === 'Overseerr is down')).toMatchObject({ type: 'service.down', link: '/' });
    expect(await bell(alice)).toEqual([]);
  });

  it('sends nothing when a check finds the same state again', async () => {
    const before = aliceLive.received.length;
    const count = (await bell(admin)).length;
    await app.mediaNest.status.service.checkAll();
    await app.mediaNest.platform.events.idle();
    expect(aliceLive.received.length).toBe(before);
    expect((await bell(admin)).length).toBe(count);
  });
});
