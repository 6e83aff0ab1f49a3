import { startPlexServer, startPlexTv, type PlexServerSimulator, type PlexTvSimulator } from '@medianest/simulators';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../server/src/test-support/test-app.js';
import { launchBrowser, openPage, screenshot, seriousA11yViolations, startMediaNest, type OpenedPage } from './support/index.js';

const IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';

/**
 * Issue 5's journey, in the built app against the plex.tv and Plex Media Server simulators: a fresh
 * MediaNest → setup with Plex → the owner is admin; a friend the server is shared with signs in (on two
 * devices); a stranger is refused with the message; the friend signs out their other device, and the
 * admin's view of the friend's sessions shows it gone.
 */
let plexTv: PlexTvSimulator;
let pms: PlexServerSimulator;
let app: TestApp;
let browser: Browser;
const opened: OpenedPage[] = [];

beforeAll(async () => {
  pms = await startPlexServer();
  plexTv = await startPlexTv({ server: pms });
  app = await startMediaNest({ config: { plexTvUrl: plexTv.url, plexAppUrl: plexTv.appUrl } });
  browser = await launchBrowser();
});

afterAll(async () => {
  for (const { context } of opened) await context.close().catch(() => undefined);
  await browser?.close();
  await app?.close();
  await plexTv?.close();
  await pms?.close();
});

/**
 * A page whose `problems` are MediaNest's own: console errors raised while on the simulated app.plex.tv
 * page (its missing favicon) are the simulator's business, not the app's.
 */
async function open(size: 'phone' | 'desktop', userAgent?: string): Promise<OpenedPage> {
  const { context, page } = await openPage(browser, app.url, size, userAgent ? { userAgent } : {});
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.location().url.startsWith(plexTv.url)) problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  const result = { context, page, problems };
  opened.push(result);
  return result;
}

const heading = (page: Page) => page.locator('h1').textContent();

/** From MediaNest's "Sign in with Plex" to the simulated app.plex.tv page, as `account`, and back. */
async function signInWithPlex(page: Page, account: string, shot?: string): Promise<void> {
  await page.getByRole('button', { name: 'Sign in with Plex', exact: true }).click();
  await page.waitForURL(`${plexTv.appUrl}/auth**`);
  const choice = page.locator(`button[data-account="${account}"]`);
  await choice.waitFor();
  if (shot) await screenshot(page, shot);
  await choice.click();
  await page.waitForURL(`${app.url}/**`);
}

describe('sign-in and access, the whole journey', () => {
  let owner: OpenedPage;
  let alicePhone: OpenedPage;
  let aliceDesktop: OpenedPage;

  it('leads a fresh MediaNest to the setup; the owner signs in with Plex, becomes admin and picks the server', async () => {
    owner = await open('desktop');
    const { page, problems } = owner;
    await page.goto('/library');
    await page.waitForURL('**/setup');
    await expect.poll(() => heading(page)).toBe('Set up MediaNest');
    await screenshot(page, 'setup-admin-desktop');
    expect(await seriousA11yViolations(page)).toEqual([]);

    await signInWithPlex(page, 'owner', 'plex-auth-page-desktop');
    // Back from plex.tv: the PIN is approved, the session opens, the wizard goes on to the server.
    const server = page.locator(`[data-server="${pms.machineIdentifier}"]`);
    await server.waitFor();
    expect(await server.textContent()).toContain(pms.friendlyName);
    await screenshot(page, 'setup-server-desktop');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await server.getByRole('radio').check();
    await page.getByRole('button', { name: 'Use this server' }).click();
    await page.waitForURL(`${app.url}/`);
    await expect.poll(() => heading(page)).toBe('Home');

    const setup = (await (await app.fetch('/api/v1/setup')).json()) as { state: string; server: { machineIdentifier: string } };
    expect(setup).toMatchObject({ state: 'complete', server: { machineIdentifier: pms.machineIdentifier } });
    const admin = await app.mediaNest.users.findByPlexId(plexTv.owner.id);
    expect(admin?.role).toBe('admin');
    await page.getByRole('button', { name: `Account menu for ${admin?.displayName}` }).click();
    await page.getByRole('menuitem', { name: 'Sign out' }).waitFor();
    expect(await page.getByText('Administrator').count()).toBeGreaterThan(0);
    await page.keyboard.press('Escape');
    expect(problems).toEqual([]);
  });

  it('lets a friend the server is shared with sign in, on a phone and on a laptop', async () => {
    alicePhone = await open('phone', IPHONE);
    await alicePhone.page.goto('/');
    await alicePhone.page.waitForURL('**/signin');
    await expect.poll(() => heading(alicePhone.page)).toBe('Sign in');
    await screenshot(alicePhone.page, 'signin-phone');
    expect(await seriousA11yViolations(alicePhone.page)).toEqual([]);
    await signInWithPlex(alicePhone.page, 'alice', 'plex-auth-page-phone');
    await expect.poll(() => heading(alicePhone.page)).toBe('Home');
    await screenshot(alicePhone.page, 'home-signed-in-phone');

    aliceDesktop = await open('desktop');
    await aliceDesktop.page.goto('/profile');
    await aliceDesktop.page.waitForURL('**/signin?next=%2Fprofile');
    await screenshot(aliceDesktop.page, 'signin-desktop');
    await signInWithPlex(aliceDesktop.page, 'alice');
    // After sign-in, back where they were going.
    await expect.poll(() => heading(aliceDesktop.page)).toBe('Profile');
    expect(await aliceDesktop.page.locator('main').textContent()).toContain('Member');
    await screenshot(aliceDesktop.page, 'profile-desktop');
    expect(await seriousA11yViolations(aliceDesktop.page)).toEqual([]);
    const alice = await app.mediaNest.users.findByPlexId(plexTv.account('alice').id);
    expect(alice?.role).toBe('user');
    expect(await app.mediaNest.auth.sessions.list(alice!.id, null)).toHaveLength(2);
    expect(alicePhone.problems).toEqual([]);
    expect(aliceDesktop.problems).toEqual([]);
  });

  it('shows the friend the library of the server chosen at setup, with posters', async () => {
    const { page, problems } = alicePhone;
    await page.goto('/library');
    await expect.poll(() => heading(page)).toBe('Library');
    const poster = page.locator('ul li[aria-label] img').first();
    await poster.waitFor();
    await page.waitForFunction((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 0, await poster.elementHandle());
    expect(await poster.getAttribute('src')).toBe(`/api/v1/library/items/${pms.library.recentlyAdded()[0]!.ratingKey}/poster?w=240`);
    await screenshot(page, 'library-phone');
    expect(problems).toEqual([]);
  });

  it('refuses a stranger, saying why', async () => {
    const { page } = await open('phone');
    await page.goto('/');
    await page.waitForURL('**/signin');
    await signInWithPlex(page, 'stranger');
    const refusal = page.locator('[data-code="NOT_A_SERVER_USER"]');
    await refusal.waitFor();
    const text = (await refusal.textContent()) ?? '';
    expect(text).toContain('This Plex account cannot use this MediaNest');
    expect(text).toContain(`"${plexTv.account('stranger').username}" does not have access to the Plex server "${pms.friendlyName}"`);
    expect(await page.context().cookies()).not.toContainEqual(expect.objectContaining({ name: 'mn_access' }));
    await screenshot(page, 'signin-refused-phone');
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('lets the friend sign out their other device; the admin sees it leave their session list', async () => {
    const alice = await app.mediaNest.users.findByPlexId(plexTv.account('alice').id);
    const { page: adminPage } = owner;
    await adminPage.goto('/admin/users');
    await expect.poll(() => heading(adminPage)).toBe('Users');
    await adminPage.locator(`[data-user="${alice!.username}"]`).getByRole('button').click();
    const drawer = adminPage.getByRole('dialog');
    await drawer.locator('[data-session]').first().waitFor();
    expect(await drawer.locator('[data-session]').count()).toBe(2);
    expect(await drawer.textContent()).toContain('Safari on iPhone');
    await screenshot(adminPage, 'admin-user-sessions-before-desktop');
    expect(await seriousA11yViolations(adminPage)).toEqual([]);

    const { page } = aliceDesktop;
    await page.goto('/profile/sessions');
    await expect.poll(() => heading(page)).toBe('Signed-in devices');
    await page.locator('[data-session]').nth(1).waitFor();
    await screenshot(page, 'sessions-desktop');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Sign out Safari on iPhone' }).click();
    await expect.poll(() => page.locator('[data-session]').count()).toBe(1);
    expect(await page.locator('[data-current="true"]').count()).toBe(1);
    const remaining = await app.mediaNest.auth.sessions.list(alice!.id, null);
    expect(remaining.map((s) => s.deviceName)).toEqual(['Chrome on Linux']);

    // The admin's view, asked again, lists only the laptop.
    await adminPage.keyboard.press('Escape');
    await adminPage.reload();
    await adminPage.locator(`[data-user="${alice!.username}"]`).getByRole('button').click();
    await expect.poll(() => adminPage.getByRole('dialog').locator('[data-session]').count()).toBe(1);
    expect(await adminPage.getByRole('dialog').textContent()).not.toContain('Safari on iPhone');
    await screenshot(adminPage, 'admin-user-sessions-after-desktop');

    // The phone's next request finds its session gone: back to sign-in.
    await alicePhone.page.goto('/profile');
    await alicePhone.page.waitForURL('**/signin?next=%2Fprofile');
    await screenshot(alicePhone.page, 'signed-out-phone');
  });

  it('creates an API key (shown once) and signs out everywhere', async () => {
    const { page, problems } = aliceDesktop;
    await page.goto('/profile/api-keys');
    await expect.poll(() => heading(page)).toBe('API keys');
    await page.locator('[data-state="empty"]').waitFor();
    await screenshot(page, 'api-keys-empty-desktop');
    await page.getByRole('button', { name: 'New API key' }).first().click();
    await page.getByLabel('Name').fill('Home dashboard');
    await page.getByRole('button', { name: 'Create key' }).click();
    const secret = (await page.getByTestId('api-key-secret').textContent()) ?? '';
    expect(secret).toMatch(/^mnk_/);
    await screenshot(page, 'api-key-created-desktop');
    const me = await app.fetch('/api/v1/auth/me', { headers: { Authorization: `Bearer ${secret}` } });
    expect(((await me.json()) as { user: { username: string } }).user.username).toBe(plexTv.account('alice').username);
    await page.getByRole('button', { name: 'Done' }).click();
    await page.locator('[data-api-key]').waitFor();
    expect(await page.locator('[data-api-key]').textContent()).toContain('Home dashboard');
    expect(await page.locator('main').textContent()).not.toContain(secret);

    await page.goto('/profile/sessions');
    await page.getByRole('button', { name: 'Sign out everywhere' }).click();
    await page.waitForURL('**/signin');
    await page.goto('/');
    await page.waitForURL('**/signin');
    expect(problems).toEqual([]);
  });
});
