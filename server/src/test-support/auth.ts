import { randomBytes } from 'node:crypto';
import {
  ALL_PERMISSIONS,
  AUTH_COOKIES,
  bitsFromPermissions,
  CSRF_HEADER,
  DEFAULT_USER_PERMISSIONS,
  type PermissionName,
  type Role,
} from '@medianest/contracts';
import type { MediaNest } from '../app/composition.js';
import { argon2Hasher, PlexServerConfig } from '../modules/auth/index.js';
import type { UserRow } from '../modules/users/index.js';
import type { TestApp } from './test-app.js';

export interface CreateUserOptions {
  role?: Role;
  /** Permission names or a bitmask; default: what a new user gets (admins: all). */
  permissions?: PermissionName[] | number;
  username?: string;
  /** Makes a local account that can sign in with POST /api/v1/auth/login. */
  password?: string;
  plexId?: number;
  disabled?: boolean;
}

export interface TestUser {
  id: string;
  username: string;
  role: Role;
  permissions: number;
  password: string | undefined;
  row: UserRow;
}

const mediaNestOf = (app: TestApp | MediaNest): MediaNest => ('mediaNest' in app ? app.mediaNest : app);

/** A user row, created through the users repository (no HTTP). */
export async function createUser(app: TestApp | MediaNest, options: CreateUserOptions = {}): Promise<TestUser> {
  const role = options.role ?? 'user';
  const permissions =
    options.permissions === undefined
      ? role === 'admin'
        ? ALL_PERMISSIONS
        : DEFAULT_USER_PERMISSIONS
      : typeof options.permissions === 'number'
        ? options.permissions
        : bitsFromPermissions(options.permissions);
  const row = await mediaNestOf(app).users.create({
    username: options.username ?? `${role}-${randomBytes(4).toString('hex')}`,
    role,
    permissions,
    plexId: options.plexId ?? null,
    passwordHash: options.password ? await argon2Hasher.hash(options.password) : null,
    disabledAt: options.disabled ? new Date() : null,
  });
  return { id: row.id, username: row.username, role, permissions, password: options.password, row };
}

export interface SignedIn {
  user: TestUser;
  sessionId: string;
  accessToken: string;
  refreshToken: string;
  csrfToken: string;
  /** The Cookie header a browser would send (access, refresh and CSRF cookies). */
  cookie: string;
  /**
   * Headers that authenticate a request: `cookie` (default) sends the cookies plus the CSRF header and
   * Origin a browser page would; `bearer` sends `Authorization: Bearer <access token>`.
   */
  headers(via?: 'cookie' | 'bearer'): Record<string, string>;
  /** fetch against the app as this user; JSON bodies get their Content-Type. */
  fetch(pathname: string, init?: RequestInit & { via?: 'cookie' | 'bearer' }): Promise<Response>;
}

/**
 * Signs a user in through the real session and token code (a session row, a refresh token, a signed
 * access token), as a successful login would, without going through a login endpoint.
 */
export async function signIn(
  app: TestApp,
  user: TestUser,
  options: { userAgent?: string; ip?: string } = {},
): Promise<SignedIn> {
  const issued = await app.mediaNest.auth.sessions.open(user.row, 'local', {
    ip: options.ip ?? '127.0.0.1',
    userAgent: options.userAgent ?? 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36',
  });
  const cookie = [
    `${AUTH_COOKIES.access}=${issued.accessToken}`,
    `${AUTH_COOKIES.refresh}=${issued.refreshToken}`,
    `${AUTH_COOKIES.csrf}=${issued.csrfToken}`,
  ].join('; ');
  const headers = (via: 'cookie' | 'bearer' = 'cookie'): Record<string, string> =>
    via === 'bearer'
      ? { Authorization: `Bearer ${issued.accessToken}` }
      : { Cookie: cookie, [CSRF_HEADER]: issued.csrfToken, Origin: app.url };
  return {
    user,
    sessionId: issued.sessionId,
    accessToken: issued.accessToken,
    refreshToken: issued.refreshToken,
    csrfToken: issued.csrfToken,
    cookie,
    headers,
    fetch(pathname, init = {}) {
      const { via, ...rest } = init;
      const merged = new Headers(rest.headers);
      for (const [name, value] of Object.entries(headers(via))) if (!merged.has(name)) merged.set(name, value);
      if (typeof rest.body === 'string' && !merged.has('content-type')) merged.set('content-type', 'application/json');
      return app.fetch(pathname, { ...rest, headers: merged });
    },
  };
}

/** An admin, signed in. */
export async function signInAsAdmin(app: TestApp): Promise<SignedIn> {
  return signIn(app, await createUser(app, { role: 'admin' }));
}

/**
 * Finishes the first-run setup without plex.tv: an admin exists (made here unless given) and a Plex server
 * is configured (by default an address nothing listens on). Pages then open normally instead of leading
 * to the setup wizard.
 */
export async function completeSetup(
  app: TestApp,
  options: { admin?: TestUser; server?: { url: string; machineIdentifier: string; name: string } } = {},
): Promise<TestUser> {
  const admin = options.admin ?? (await createUser(app, { role: 'admin', username: 'admin' }));
  const server = options.server ?? { url: 'http://127.0.0.1:9', machineIdentifier: 'test-machine', name: 'Test PMS' };
  await new PlexServerConfig(app.mediaNest.settings).save(
    { ...server, version: null, ownerPlexId: null },
    { serverToken: 'test-server-token', ownerToken: null },
    admin.id,
  );
  return admin;
}
