import { getMe, getSetupStatus, getUnreadCount, logout, type Me } from '@medianest/contracts';
import { IconBell, IconKey, IconLogout, IconUserCircle, IconDevices } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo } from 'react';
import { Outlet, useNavigate } from 'react-router';
import { apiCall, apiQueryKey, isApiError, shouldRetry, useApiQuery } from '../api/index.js';
import { ShellProvider, type AccountMenuItem } from '../layout/shell-context.js';
import { LiveProvider } from '../live/live-context.js';
import { NotificationsShell } from '../notifications/NotificationsShell.js';
import { AuthContext, type AuthState } from './auth-context.js';
import { csrfToken } from './cookies.js';
import { onSignedOut } from './install.js';
import { displayableAvatar } from './avatar.js';

const meKey = apiQueryKey(getMe);

/**
 * Before the live channel reconnects after the server closed it (expired token): any API call refreshes
 * the session on a 401 (one tab at a time). false when the session is over.
 */
async function ensureSession(): Promise<boolean> {
  // Without the CSRF cookie this browser has no session left (signed out): nothing to refresh.
  if (csrfToken() === undefined) return false;
  // Offline: nothing can be refreshed now; the channel reconnects when the browser is back online.
  if (typeof navigator !== 'undefined' && !navigator.onLine) return false;
  try {
    await apiCall(getUnreadCount);
    return true;
  } catch (error) {
    return !(isApiError(error) && error.status === 401);
  }
}

/**
 * The root of every route: knows where the setup stands and who is signed in, and fills the top bar's
 * viewer and avatar menu. (The API client's CSRF header and refresh-on-401 are installed by main.tsx.)
 */
export function AuthRoot() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();

  // A refresh was refused: the session is over. Asking again shows the sign-in page.
  useEffect(() => onSignedOut(() => void queryClient.resetQueries({ queryKey: meKey })), [queryClient]);

  const setup = useApiQuery(getSetupStatus, { staleTime: 60_000 });
  // Without the CSRF cookie this browser has no session: no need to ask (and see a 401).
  const mayHaveSession = csrfToken() !== undefined;
  const me = useApiQuery(getMe, {
    enabled: mayHaveSession,
    staleTime: 60_000,
    retry: (count, error) => error.status !== 401 && error.status !== 403 && shouldRetry(count, error),
  });

  const endLocalSession = useCallback(() => {
    // Forget who was signed in and leave for the sign-in page, which drops the rest of the cache once the
    // pages using it have unmounted (clearing it now would make them ask again, with cookies that are gone).
    queryClient.removeQueries({ queryKey: meKey });
    navigate('/signin', { replace: true });
  }, [queryClient, navigate]);

  const signOut = useCallback(async () => {
    try {
      await apiCall(logout, { body: {} });
    } finally {
      endLocalSession();
    }
  }, [endLocalSession]);

  const signedIn = useCallback(
    (session: Me) => {
      queryClient.setQueryData(meKey, session);
      void queryClient.invalidateQueries({ queryKey: apiQueryKey(getSetupStatus) });
    },
    [queryClient],
  );

  const user = me.data?.user;
  const shell = useMemo(() => {
    if (!user) return { viewer: null, accountItems: [] as AccountMenuItem[] };
    const accountItems: AccountMenuItem[] = [
      { id: 'profile', label: 'Profile', icon: IconUserCircle, to: '/profile' },
      { id: 'sessions', label: 'Sessions', icon: IconDevices, to: '/profile/sessions' },
      { id: 'api-keys', label: 'API keys', icon: IconKey, to: '/profile/api-keys' },
      { id: 'notifications', label: 'Notifications', icon: IconBell, to: '/profile/notifications' },
      { id: 'sign-out', label: 'Sign out', icon: IconLogout, onSelect: () => void signOut(), danger: true },
    ];
    const avatarUrl = displayableAvatar(user.avatarUrl);
    return {
      viewer: { name: user.displayName ?? user.username, role: user.role, ...(avatarUrl ? { avatarUrl } : {}) },
      accountItems,
    };
  }, [user, signOut]);

  const signedOutNow = !me.data && (!mayHaveSession || me.error?.status === 401);
  const auth: AuthState = { setup, me, signedOut: signedOutNow, signOut, endLocalSession, signedIn };
  return (
    <AuthContext.Provider value={auth}>
      <ShellProvider value={shell}>
        {/* Always in the tree (a sign-in must not remount the page): live updates and the bell only run
            while someone is signed in; signing out closes the socket. */}
        <LiveProvider userId={user?.id ?? null} ensureSession={ensureSession}>
          <NotificationsShell enabled={user !== undefined}>
            <Outlet />
          </NotificationsShell>
        </LiveProvider>
      </ShellProvider>
    </AuthContext.Provider>
  );
}
