import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../server/src/test-support/auth.js';
import type { TestApp } from '../server/src/test-support/test-app.js';
import { launchBrowser, openSignedInPage, screenshot, seriousA11yViolations, setupAdmin, startMediaNest, type ViewportName } from './support/index.js';

let app: TestApp;
let browser: Browser;

beforeAll(async () => {
  app = await startMediaNest();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe.each<ViewportName>(['desktop', 'phone'])('live notifications at %s size', (size) => {
  it('updates the bell in two tabs at once, with a toast, and reading in one clears the other', async () => {
    // An admin of their own: the bell starts at zero whatever the other tests did.
    await setupAdmin(app);
    const { context, page, problems, session } = await openSignedInPage(browser, app, size, {
      user: await createUser(app, { role: 'admin' }),
    });
    const second = await context.newPage();
    try {
      // A page that calls no upstream service (Home asks Plex, which is not running here): the bell is in the top bar of every page.
      await page.goto('/profile');
      await second.goto('/profile');
      const bell = (p: typeof page) => p.locator('button[aria-label^="Notifications,"]');
      await expect.poll(() => bell(page).getAttribute('aria-label'), { timeout: 10_000 }).toBe('Notifications, none unread');
      await expect.poll(() => bell(second).getAttribute('aria-label'), { timeout: 10_000 }).toBe('Notifications, none unread');

      const admin = session.user;
      // Both tabs must be connected before the event: the catch-up would deliver it anyway, but here we
      // want to see it live.
      const tabs = async () => (await app.mediaNest.realtime.io.of('/notifications').in(`user:${admin.id}`).fetchSockets()).length;
      await expect.poll(tabs, { timeout: 10_000 }).toBe(2);
      await app.mediaNest.notifications.notify({
        to: { userId: admin.id },
        type: 'request.available',
        title: `Dune is available (${size})`,
        body: 'Enjoy the film.',
        link: '/profile',
      });
      await expect.poll(() => bell(page).getAttribute('aria-label'), { timeout: 10_000 }).toBe('Notifications, 1 unread');
      await expect.poll(() => bell(second).getAttribute('aria-label'), { timeout: 10_000 }).toBe('Notifications, 1 unread');
      await page.getByText(`Dune is available (${size})`).first().waitFor();
      await screenshot(page, `notification-toast-${size}`);

      await bell(page).click();
      const item = page.locator('[data-testid="notification-item"]').first();
      await item.waitFor();
      expect(await item.getAttribute('data-read')).toBe('false');
      await screenshot(page, `notification-centre-${size}`);
      expect(await seriousA11yViolations(page)).toEqual([]);
      await page.getByRole('button', { name: `Mark "Dune is available (${size})" read` }).click();
      await expect.poll(() => bell(page).getAttribute('aria-label'), { timeout: 10_000 }).toBe('Notifications, none unread');
      await expect.poll(() => bell(second).getAttribute('aria-label'), { timeout: 10_000 }).toBe('Notifications, none unread');
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('shows the admin pages: notification channels, audit trail, and my notification preferences', async () => {
    const { context, page, problems } = await openSignedInPage(browser, app, size);
    try {
      await page.goto('/admin/notifications');
      await expect.poll(() => page.locator('h1').textContent()).toBe('Notifications');
      await page.getByText('No outbound channels').waitFor();
      await screenshot(page, `admin-notifications-${size}`);
      expect(await seriousA11yViolations(page)).toEqual([]);

      await page.goto('/admin/audit');
      await expect.poll(() => page.locator('h1').textContent()).toBe('Audit trail');
      await page.locator('table[aria-label="Audit entries"]').waitFor();
      expect(await page.locator('table[aria-label="Audit entries"]').textContent()).toContain('auth.login');
      await screenshot(page, `admin-audit-${size}`);
      expect(await seriousA11yViolations(page)).toEqual([]);

      await page.goto('/profile/notifications');
      await expect.poll(() => page.locator('h1').textContent()).toBe('Notifications');
      const newContent = page.getByRole('checkbox', { name: 'New content in the library: In MediaNest' });
      await newContent.waitFor();
      // Saved at once (the desktop run turned it on for the same admin, the phone run turns it off).
      const was = await newContent.isChecked();
      expect(was).toBe(size === 'phone');
      await newContent.click();
      await expect.poll(() => newContent.isChecked(), { timeout: 10_000 }).toBe(!was);
      await screenshot(page, `profile-notifications-${size}`);
      expect(await seriousA11yViolations(page)).toEqual([]);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
