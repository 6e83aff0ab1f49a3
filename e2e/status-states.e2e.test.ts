import type { Readiness } from '@medianest/contracts';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../server/src/test-support/test-app.js';
import { launchBrowser, openSignedInPage, screenshot, seriousA11yViolations, startMediaNest, type ViewportName } from './support/index.js';

/**
 * The four states of the status page, each brought about for real: a slow answer (loading), a failing
 * check (upstream down), an optional check failing (degraded), the server gone (error over stale
 * data), and the device offline.
 */
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

async function statusOf(app: TestApp): Promise<Readiness> {
  return (await (await app.fetch('/api/v1/system/status')).json()) as Readiness;
}

describe.each<ViewportName>(['phone', 'desktop'])('the status page states at %s size', (size) => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startMediaNest();
  });

  afterAll(async () => {
    await app?.close();
  });

  it('shows a skeleton shaped like the report while the answer is on its way, and no animation with reduced motion', async () => {
    const { context, page, problems } = await openSignedInPage(browser, app, size, { reducedMotion: 'reduce' });
    try {
      let release: () => void = () => undefined;
      const held = new Promise<void>((resolve) => (release = resolve));
      await page.route('**/api/v1/system/status', async (route) => {
        await held;
        await route.continue();
      });
      await page.goto('/status');
      // (The page's own chunk may still be arriving: its skeleton says "Loading the page".)
      const loading = page.locator('[data-state="loading"]').filter({ hasText: 'Loading the server status' });
      await loading.waitFor();
      expect(await loading.getAttribute('aria-busy')).toBe('true');
      expect(await loading.getByRole('status').textContent()).toBe('Loading the server status');
      const pulse = await page
        .locator('.mantine-Skeleton-root')
        .first()
        .evaluate((element) => getComputedStyle(element, '::after').animationIterationCount);
      expect(pulse).toBe('1');
      await screenshot(page, `status-loading-${size}`);
      release();
      await page.locator('[data-check="database"]').waitFor();
      expect(await page.locator('[data-state="loading"]').count()).toBe(0);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('names a failing check and since when, then shows "degraded" when only an optional one fails', async () => {
    const readiness = app.mediaNest.platform.readiness;
    readiness.register('plex', async () => ({ ok: false, error: 'Plex refused the connection on 127.0.0.1:9 (is it running?)' }));
    readiness.register('yt_dlp', async () => ({ ok: false, error: 'yt-dlp was not found on the PATH' }), { critical: false });
    const { context, page, problems } = await openSignedInPage(browser, app, size);
    try {
      await page.goto('/status');
      await page.locator('[data-check="plex"]').waitFor();
      const report = await statusOf(app);
      expect(report.failing).toEqual(['plex']);
      expect(await page.locator('[data-overall-state]').getAttribute('data-overall-state')).toBe('not_ready');
      expect(await page.locator('[data-overall-state]').textContent()).toContain('Not ready');

      const banner = page.locator('[data-state="upstream-down"]');
      expect(await banner.count()).toBe(1);
      const bannerText = (await banner.textContent()) ?? '';
      expect(bannerText).toMatch(/^Plex is failing since .+ \(/);
      expect(bannerText).toContain(report.checks.plex?.error);

      const plex = page.locator('[data-check="plex"]');
      expect(await plex.getAttribute('data-check-state')).toBe('failed');
      expect(await plex.locator('[data-check-error]').textContent()).toBe(report.checks.plex?.error);
      const ytDlp = page.locator('[data-check="yt_dlp"]');
      expect(await ytDlp.getAttribute('data-check-state')).toBe('warning');
      expect(await ytDlp.textContent()).toContain('Failed (optional)');
      // Failing checks come first.
      expect(await page.locator('[data-check]').first().getAttribute('data-check')).toBe('plex');
      await screenshot(page, `status-not-ready-${size}`);
      expect(await seriousA11yViolations(page)).toEqual([]);

      readiness.register('plex', async () => ({ ok: true, driver: 'simulated', latencyMs: 3 }));
      await page.getByRole('button', { name: 'Refresh' }).click();
      await expect.poll(() => page.locator('[data-overall-state]').getAttribute('data-overall-state')).toBe('degraded');
      expect(await banner.count()).toBe(0);
      expect(await page.locator('[data-overall-state]').textContent()).toContain('Working, without yt-dlp');
      await screenshot(page, `status-degraded-${size}`);

      // Home: MediaNest's own tile says degraded, with what is missing.
      await app.mediaNest.status.service.checkAll(['medianest']);
      await page.goto('/');
      await page.locator('[data-service="medianest"][data-state="degraded"]').waitFor();
      expect(await page.locator('[data-service="medianest"] [data-last-error]').textContent()).toContain('yt-dlp was not found');
      await screenshot(page, `home-degraded-${size}`);
      // The setup's Plex server (127.0.0.1:9) is not there: Home's "now playing" gets its 503 by design.
      expect(problems.filter((problem) => !/status of 503/.test(problem))).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('tells the reader when the device is offline, and since when', async () => {
    const { context, page, problems } = await openSignedInPage(browser, app, size);
    try {
      await page.goto('/status');
      await page.locator('[data-check="database"]').waitFor();
      // The page's own requests (the bell's unread count among them) are done before the network goes.
      await page.waitForLoadState('networkidle');
      await context.setOffline(true);
      const banner = page.locator('[data-state="upstream-down"]').filter({ hasText: 'Your device is offline' });
      await banner.waitFor();
      expect(await banner.textContent()).toMatch(/offline since .+ \(just now\)/);
      await screenshot(page, `status-offline-${size}`);
      await context.setOffline(false);
      await banner.waitFor({ state: 'detached' });
      // A request that was on its way when the network went (a poll, the bell's count) fails as it should.
      expect(problems.filter((problem) => !/ERR_INTERNET_DISCONNECTED/.test(problem))).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('answers an unknown path with the not-found page, inside the layout', async () => {
    const { context, page, problems } = await openSignedInPage(browser, app, size);
    try {
      const response = await page.goto('/no/such/page');
      expect(response?.status()).toBe(200);
      await expect.poll(() => page.locator('h1').textContent()).toBe('Page not found');
      expect(await page.locator('[data-state="empty"]').textContent()).toContain('No page lives at /no/such/page');
      await page.getByRole('link', { name: 'Go to Home' }).click();
      await expect.poll(() => page.locator('h1').textContent()).toBe('Home');
      await page.goto('/no/such/page');
      await expect.poll(() => page.locator('h1').textContent()).toBe('Page not found');
      await screenshot(page, `not-found-${size}`);
      expect(await seriousA11yViolations(page)).toEqual([]);
      // Home was visited: its "now playing" gets a 503 from the absent Plex server (127.0.0.1:9) by design.
      expect(problems.filter((problem) => !/status of 503/.test(problem))).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('keeps the report on screen, marked stale, when the server stops answering', async () => {
    const { context, page } = await openSignedInPage(browser, app, size);
    try {
      await page.goto('/status');
      await page.locator('[data-check="database"]').waitFor();
      await app.close();
      await page.getByRole('button', { name: 'Refresh' }).click();
      const error = page.locator('[data-state="error"]');
      await error.waitFor({ timeout: 20_000 });
      const text = (await error.textContent()) ?? '';
      expect(text).toContain('Could not load the server status');
      expect(text).toContain('MediaNest cannot be reached');
      expect(text).toMatch(/Showing what was loaded .+; it may be out of date\./);
      expect(await page.locator('[data-overall-state]').getAttribute('data-overall-state')).toBe('unreachable');
      expect(await page.locator('[data-check="database"]').count()).toBe(1);
      await screenshot(page, `status-unreachable-${size}`);
      expect(await seriousA11yViolations(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe('keyboard use', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startMediaNest();
  });

  afterAll(async () => {
    await app?.close();
  });

  it('starts with a visible skip link, then walks the controls with a visible focus ring', async () => {
    const { context, page, problems } = await openSignedInPage(browser, app, 'desktop');
    try {
      await page.goto('/status');
      await page.locator('[data-check="database"]').waitFor();
      await page.keyboard.press('Tab');
      const skip = await page.evaluate(() => {
        const active = document.activeElement as HTMLElement;
        const box = active.getBoundingClientRect();
        return { text: active.textContent, top: box.top, height: box.height };
      });
      expect(skip.text).toBe('Skip to content');
      expect(skip.top).toBeGreaterThanOrEqual(0);
      expect(skip.height).toBeGreaterThan(0);
      await screenshot(page, 'keyboard-skip-link-desktop');
      await page.keyboard.press('Enter');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => {
        const active = document.activeElement as HTMLElement;
        const style = getComputedStyle(active);
        return { text: active.textContent, outline: style.outlineStyle, width: parseFloat(style.outlineWidth) };
      });
      expect(focused.text).toContain('Refresh');
      expect(focused.outline).not.toBe('none');
      expect(focused.width).toBeGreaterThanOrEqual(2);
      await screenshot(page, 'keyboard-focus-ring-desktop');

      // Every top-bar control is a labelled button.
      for (const name of [/^Theme: /, /^Notifications, /, /^Account menu/]) {
        expect(await page.getByRole('button', { name }).count()).toBe(1);
      }
      await page.getByRole('button', { name: /^Notifications, / }).focus();
      await page.keyboard.press('Enter');
      const panel = page.getByRole('dialog', { name: 'Notifications' });
      await panel.waitFor();
      // The notification centre loads when the bell first opens.
      await expect.poll(() => panel.textContent(), { timeout: 10_000 }).toContain('No notifications yet');
      await screenshot(page, 'notifications-empty-desktop');
      await page.keyboard.press('Escape');
      await panel.waitFor({ state: 'detached' });
      await page.getByRole('button', { name: /^Account menu/ }).click();
      const apiDocs = page.getByRole('menuitem', { name: 'API documentation' });
      expect(await apiDocs.getAttribute('href')).toBe('/api/docs');
      await screenshot(page, 'account-menu-desktop');
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
