import { AUTH_COOKIES } from '@medianest/contracts';
import type { Browser, BrowserContext, BrowserContextOptions } from 'playwright-core';
import { completeSetup, createUser, signIn, type SignedIn, type TestUser } from '../../server/src/test-support/auth.js';
import type { TestApp } from '../../server/src/test-support/test-app.js';
import { openPage, type OpenedPage, type ViewportName } from './browser.js';

/** Puts a session's cookies into a browser context, as a sign-in would have left them. */
export async function addSessionCookies(context: BrowserContext, app: TestApp, session: SignedIn): Promise<void> {
  const { hostname } = new URL(app.url);
  const base = { domain: hostname, sameSite: 'Lax' as const, secure: false };
  await context.addCookies([
    { ...base, name: AUTH_COOKIES.access, value: session.accessToken, path: '/', httpOnly: true },
    { ...base, name: AUTH_COOKIES.refresh, value: session.refreshToken, path: '/api/v1/auth', httpOnly: true },
    { ...base, name: AUTH_COOKIES.csrf, value: session.csrfToken, path: '/', httpOnly: false },
  ]);
}

const admins = new WeakMap<TestApp, Promise<TestUser>>();

/** The app's admin, with the setup finished (made on first use). */
export function setupAdmin(app: TestApp): Promise<TestUser> {
  let admin = admins.get(app);
  if (!admin) {
    admin = createUser(app, { role: 'admin', username: 'admin' }).then((user) => completeSetup(app, { admin: user }));
    admins.set(app, admin);
  }
  return admin;
}

/** A page signed in (as the app's admin unless a user is given), the setup done. */
export async function openSignedInPage(
  browser: Browser,
  app: TestApp,
  size: ViewportName,
  options: BrowserContextOptions & { user?: TestUser } = {},
): Promise<OpenedPage & { session: SignedIn }> {
  const { user, ...contextOptions } = options;
  const admin = await setupAdmin(app);
  const opened = await openPage(browser, app.url, size, contextOptions);
  const session = await signIn(app, user ?? admin);
  await addSessionCookies(opened.context, app, session);
  return { ...opened, session };
}
