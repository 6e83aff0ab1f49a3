import { startOverseerr, type OverseerrSimulator } from '@medianest/simulators';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn } from '../server/src/test-support/auth.js';
import type { TestApp } from '../server/src/test-support/test-app.js';
import { launchBrowser, openSignedInPage, screenshot, setupAdmin, startMediaNest } from './support/index.js';

/**
 * The dashboard without a reload: Overseerr goes down, its tile turns red and the admin's bell counts
 * "Overseerr is down" once the check has run (the `service:status` push; the 10 s poll is the fallback);
 * then it comes back.
 */
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

describe('the live dashboard', () => {
  let app: TestApp;
  let overseerr: OverseerrSimulator;

  beforeAll(async () => {
    overseerr = await startOverseerr();
    app = await startMediaNest({ upstreamPolicies: { overseerr: { retries: 0, timeoutMs: 1_000, breakerFailures: 100 } } });
    const admin = await signIn(app, await setupAdmin(app));
    const saved = await admin.fetch('/api/v1/services/overseerr', { method: 'PUT', body: JSON.stringify({ url: overseerr.url, apiKey: overseerr.apiKey }) });
    expect(saved.status).toBe(200);
    await app.mediaNest.status.service.checkAll();
  });

  afterAll(async () => {
    await app?.close();
    await overseerr?.close();
  });

  it('turns a tile red and rings the bell when a check finds Overseerr down, and green again, with no reload', async () => {
    const { context, page, problems } = await openSignedInPage(browser, app, 'desktop');
    try {
      await page.goto('/');
      const tile = page.locator('[data-service="overseerr"]');
      await page.locator('[data-service="overseerr"][data-state="up"]').waitFor();
      const bell = page.locator('button[aria-label^="Notifications,"]');
      // The setup's placeholder Plex address is down from the first check: that is already in the bell.
      const unread = async () => Number(/(\d+) unread/.exec((await bell.getAttribute('aria-label')) ?? '')?.[1] ?? 0);
      await bell.waitFor();
      const before = await unread();

      await overseerr.stopListening();
      await app.mediaNest.status.service.checkAll();
      await page.locator('[data-service="overseerr"][data-state="down"]').waitFor();
      await expect.poll(unread, { timeout: 10_000 }).toBe(before + 1);
      await screenshot(page, 'dashboard-live-down-desktop');

      await overseerr.resumeListening();
      await app.mediaNest.status.service.checkAll();
      await page.locator('[data-service="overseerr"][data-state="up"]').waitFor();
      await expect.poll(unread, { timeout: 10_000 }).toBe(before + 2);
      expect(await tile.textContent()).toMatch(/Last outage/);
      // Now playing answers 503 while the placeholder Plex is unreachable; nothing else may fail.
      expect(problems.filter((problem) => !/503|Service Unavailable/.test(problem))).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
