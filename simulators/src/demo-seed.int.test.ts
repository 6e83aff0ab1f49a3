import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../server/src/test-support/test-app.js';
import { startAllSimulators, type Simulators } from './all.js';
import { seedActivity, seedMediaNestSettings } from './demo-seed.js';
import { RequestStatus, MediaStatus } from './overseerr/model.js';

describe('demo seeding', () => {
  let sims: Simulators;
  let app: TestApp;

  beforeAll(async () => {
    sims = await startAllSimulators({ seed: 'demo-test', library: { totalItems: 400 } });
    app = await startTestApp({ listen: false, config: { plexTvUrl: sims.plexTv.url, plexAppUrl: sims.plexTv.appUrl } });
  });
  afterAll(async () => {
    await app.close();
    await sims.close();
  });

  it('seeds Overseerr requests in every state, a playback session and an incident', async () => {
    await seedActivity(sims);
    const requests = [...sims.overseerr.store.requests.values()];
    expect(new Set(requests.map((r) => r.status))).toEqual(new Set([RequestStatus.PENDING, RequestStatus.APPROVED, RequestStatus.DECLINED]));
    expect([...sims.overseerr.store.media.values()].some((m) => m.status === MediaStatus.AVAILABLE && requests.some((r) => r.mediaId === m.id))).toBe(true);
    expect(sims.plex.playbackSessions).toHaveLength(1);
    expect(sims.kuma.incidents).toHaveLength(1);
  });

  it("writes MediaNest's service settings, the secrets sealed", async () => {
    await seedMediaNestSettings(app.mediaNest, sims);
    const overseerr = await app.mediaNest.settings.get('services.overseerr', z.object({ url: z.string() }));
    expect(overseerr).toEqual({ url: sims.overseerr.url });
    expect(await app.mediaNest.settings.get('services.overseerr.apiKey', z.string())).toBe(sims.overseerr.apiKey);
    const listed = await app.mediaNest.settings.list('services.');
    expect(Object.fromEntries(listed.map((s) => [s.key, s.encrypted]))).toEqual({
      'services.overseerr': false,
      'services.overseerr.apiKey': true,
      'services.uptime-kuma': false,
      'services.tmdb': false,
      'services.tmdb.apiKey': true,
    });
    // The status context reads them: the admin page shows the services configured, keys only as "set".
    const view = await app.mediaNest.status.service.settings();
    expect(view.overseerr).toMatchObject({ configured: true, apiKeySet: true });
    expect(view.uptimeKuma).toMatchObject({ configured: true, slug: sims.kuma.slug });
    expect(view.tmdb).toMatchObject({ configured: true, apiKeySet: true });
  });
});
