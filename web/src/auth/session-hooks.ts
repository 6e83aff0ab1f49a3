import { CSRF_HEADER, refreshSession, type HttpMethod } from '@medianest/contracts';
import type { ApiClient, ApiError } from '../api/index.js';
import { csrfToken } from './cookies.js';

const UNSAFE: ReadonlySet<HttpMethod> = new Set(['post', 'put', 'patch', 'delete']);
/** When any tab of this browser last refreshed the session (ms), so the others need not. */
const REFRESHED_AT = 'medianest-session-refreshed-at';

export interface SessionHookOptions {
  /** Reads the CSRF cookie (tests pass their own). */
  csrf?: () => string | undefined;
  storage?: Pick<Storage, 'getItem' | 'setItem'>;
  /** Runs `work` while holding a lock shared by every tab (Web Locks), or directly where there are none. */
  withLock?: <T>(work: () => Promise<T>) => Promise<T>;
  now?: () => number;
  /** Called when the session is gone for good (the refresh was refused). */
  onSignedOut?: () => void;
}

function browserLock<T>(work: () => Promise<T>): Promise<T> {
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
  return locks ? locks.request('medianest-session-refresh', work) : work();
}

/**
 * Installs auth on the API client:
 * - the CSRF header on every unsafe request (the value of the mn_csrf cookie);
 * - on a 401, one refresh of the session (POST /auth/refresh, which rotates the refresh token) and a
 *   retry. Tabs take turns through a lock: a refresh token works once, so two tabs refreshing at once
 *   would look like a stolen token and end the session. A tab that waited finds the refresh done by
 *   another tab and simply retries.
 */
export function installSessionHooks(client: ApiClient, options: SessionHookOptions = {}): void {
  const csrf = options.csrf ?? (() => csrfToken());
  const storage = options.storage ?? (typeof localStorage === 'undefined' ? undefined : localStorage);
  const withLock = options.withLock ?? browserLock;
  const now = options.now ?? Date.now;

  client.configure({
    requestHeaders: ({ method }) => {
      const token = UNSAFE.has(method) ? csrf() : undefined;
      return token ? { [CSRF_HEADER]: token } : undefined;
    },
    refreshSession: async (error: ApiError) => {
      // No CSRF cookie: this browser has no session to refresh (never signed in, or signed out).
      if (!csrf() || (error.code !== 'TOKEN_EXPIRED' && error.code !== 'UNAUTHENTICATED')) return false;
      const failedAt = now();
      return withLock(async () => {
        const doneElsewhere = Number(storage?.getItem(REFRESHED_AT) ?? 0);
        if (doneElsewhere >= failedAt) return true;
        try {
          await client.call(refreshSession, { body: {} }, { skipSessionRefresh: true });
          storage?.setItem(REFRESHED_AT, String(now()));
          return true;
        } catch {
          options.onSignedOut?.();
          return false;
        }
      });
    },
  });
}
