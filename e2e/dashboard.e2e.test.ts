import { startOverseerr, startPlexServer, startUptimeKuma, type OverseerrSimulator, type PlexServerSimulator, type UptimeKumaSimulator } from '@medianest/simulators';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeSetup, signIn } from '../server/src/test-support/auth.js';
import type { TestApp } from '../server/src/test-support/test-app.js';
import { launchBrowser, openSignedInPage, screenshot, seriousA11yViolations, setupAdmin, startMediaNest, type ViewportName } from './support/index.js';

/**
 * The dashboard as people use it: every service up, then Plex down (a banner naming it and a red tile),
 * then up again; and Admin → Services testing a connection. The simulators play Plex, Overseerr and
 * Uptime Kuma; checks run on demand (the page refreshes by polling every 10 s, here by reloading).
 */
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

describe.each<ViewportName>(['phone', 'desktop'])('the dashboard at %s size', (size) => {
  let app: TestApp;
  let pms: PlexServerSimulator;
  let overseerr: OverseerrSimulator;
  let kuma: UptimeKumaSimulator;

  beforeAll(async () => {
    [pms, overseerr, kuma] = await Promise.all([startPlexServer(), startOverseerr(), startUptimeKuma()]);
    pms.allowToken('test-server-token', { id: 1, title: 'owner' });
    app = await startMediaNest({ upstreamPolicies: { plex: { retries: 0, timeoutMs: 2_000 } } });
    const admin = await setupAdmin(app);
    await completeSetup(app, { admin, server: { url: pms.url, machineIdentifier: pms.machineIdentifier, name: 'Living room' } });
    const session = await signIn(app, admin);
    for (const [service, body] of [
      ['overseerr', { url: overseerr.url, apiKey: overseerr.apiKey }],
      ['uptime-kuma', { url: kuma.url, slug: kuma.slug }],
    ] as const) {
      expect((await session.fetch(`/api/v1/services/${service}`, { method: 'PUT', body: JSON.stringify(body) })).status).toBe(200);
    }
  });

  afterAll(async () => {
    await app?.close();
    await Promise.all([pms, overseerr, kuma].map((sim) => sim?.close()));
  });

  const checkAll = () => app.mediaNest.status.service.checkAll();

  it('shows every service up, then Plex down with a banner and a red tile, then up again', async () => {
    await checkAll();
    const [movie] = pms.library.sectionItems(1, 'movie');
    pms.startPlayback({ ratingKey: movie!.ratingKey, user: { id: 1, title: 'owner' }, viewOffset: 600_000 });
    const { context, page, problems } = await openSignedInPage(browser, app, size);
    try {
      await page.goto('/');
      const plexTile = page.locator('[data-service="plex"]');
      await plexTile.waitFor();
      for (const id of ['medianest', 'plex', 'overseerr', 'uptime-kuma']) {
        expect(await page.locator(`[data-service="${id}"]`).getAttribute('data-state')).toBe('up');
      }
      expect(await page.locator('[data-state="upstream-down"]').count()).toBe(0);
      expect(await plexTile.textContent()).toContain('Up');
      await page.locator('[data-session]').first().waitFor();
      expect(await page.locator('[data-session]').first().textContent()).toContain(movie!.title);
      await page.locator('[data-kuma]').waitFor();
      expect(await page.locator('[data-breaker="plex"]').getAttribute('data-state')).toBe('closed');
      expect(await seriousA11yViolations(page)).toEqual([]);
      await screenshot(page, `dashboard-all-up-${size}`);

      await pms.stopListening();
      await checkAll();
      await page.reload();
      const banner = page.locator('[data-state="upstream-down"]').filter({ hasText: 'Plex' });
      await banner.waitFor();
      expect(await banner.textContent()).toMatch(/Plex \(Living room\) is down since/);
      await page.locator('[data-service="plex"][data-state="down"]').waitFor();
      expect(await page.locator('[data-service="plex"] [data-last-error]').textContent()).toMatch(/Plex Media Server/);
      // Never an endless spinner: no loading region is left once the page has answered.
      expect(await page.locator('[data-state="loading"]').count()).toBe(0);
      await screenshot(page, `dashboard-plex-down-${size}`);

      await pms.resumeListening();
      await checkAll();
      await page.reload();
      await page.locator('[data-service="plex"][data-state="up"]').waitFor();
      expect(await page.locator('[data-state="upstream-down"]').count()).toBe(0);
      expect(await page.locator('[data-service="plex"]').textContent()).toMatch(/Last outage/);
      await screenshot(page, `dashboard-recovered-${size}`);
      expect(problems.filter((problem) => !/503|Service Unavailable/.test(problem))).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('Admin → Services tests a connection and names what fails', async () => {
    const { context, page } = await openSignedInPage(browser, app, size);
    try {
      await page.goto('/admin/services');
      const form = page.locator('[data-service-form="overseerr"]');
      await form.waitFor();
      expect(await form.textContent()).toContain('Set. Leave empty to keep it.');
      await form.getByRole('button', { name: 'Test connection' }).click();
      await form.locator('[data-diagnosis="ok"]').waitFor();
      await overseerr.stopListening();
      await form.getByRole('button', { name: 'Test connection' }).click();
      await form.locator('[data-diagnosis="refused"]').waitFor();
      expect(await form.locator('[data-diagnosis="refused"]').textContent()).toMatch(/Connection refused/);
      await screenshot(page, `admin-services-refused-${size}`);
      await overseerr.resumeListening();
    } finally {
      await context.close();
    }
  });
});
