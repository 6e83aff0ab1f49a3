import { startPlexServer, type PlexServerSimulator } from '@medianest/simulators';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeSetup } from '../server/src/test-support/auth.js';
import type { TestApp } from '../server/src/test-support/test-app.js';
import { launchBrowser, openSignedInPage, screenshot, seriousA11yViolations, setupAdmin, startMediaNest, type ViewportName } from './support/index.js';

/**
 * The library page against the PMS simulator: section tabs, a grid of posters that really load (image
 * bytes from Plex through MediaNest), and the switch to one section.
 */
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

describe.each<ViewportName>(['phone', 'desktop'])('the library at %s size', (size) => {
  let app: TestApp;
  let pms: PlexServerSimulator;

  beforeAll(async () => {
    pms = await startPlexServer({ library: { movies: 30, shows: 4 } });
    pms.allowToken('test-server-token', { id: 1, title: 'owner' });
    app = await startMediaNest();
    const admin = await setupAdmin(app);
    await completeSetup(app, { admin, server: { url: pms.url, machineIdentifier: pms.machineIdentifier, name: 'Living room' } });
  });

  afterAll(async () => {
    await app?.close();
    await pms?.close();
  });

  it('shows recently added items as posters that load, and one section when its tab is chosen', async () => {
    const { context, page, problems } = await openSignedInPage(browser, app, size);
    try {
      await page.goto('/library');
      const cards = page.locator('ul li[aria-label]');
      await cards.first().waitFor();
      const newest = pms.library.recentlyAdded()[0]!;
      // The first row of posters has arrived as real images (decoded, with a size).
      const firstPoster = cards.first().locator('img');
      await firstPoster.scrollIntoViewIfNeeded();
      await page.waitForFunction((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 0, await firstPoster.elementHandle());
      expect(await firstPoster.getAttribute('src')).toBe(`/api/v1/library/items/${newest.ratingKey}/poster?w=240`);

      const answered = page.waitForResponse((r) => r.url().includes('/api/v1/library/recent') && r.url().includes('section=1'));
      await page.getByRole('radiogroup', { name: 'Library section' }).getByText('Movies', { exact: true }).click();
      await answered;
      expect(await page.getByRole('radio', { name: 'Movies' }).isChecked()).toBe(true);
      const newestMovie = pms.library.recentlyAdded(1)[0]!;
      await expect
        .poll(() => cards.first().locator('img').getAttribute('src'))
        .toBe(`/api/v1/library/items/${newestMovie.ratingKey}/poster?w=240`);

      expect(await seriousA11yViolations(page)).toEqual([]);
      await screenshot(page, `library-${size}`);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
