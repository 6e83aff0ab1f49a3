import { getMe, getSetupStatus, logout, type Me } from '@medianest/contracts';
import { IconKey, IconLogout, IconUserCircle, IconDevices } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo } from 'react';
import { Outlet, useNavigate } from 'react-router';
import { apiCall, apiQueryKey, shouldRetry, useApiQuery } from '../api/index.js';
import { ShellProvider, type AccountMenuItem } from '../layout/shell-context.js';
import { AuthContext, type AuthState } from './auth-context.js';
import { onSignedOut } from './install.js';

const meKey = apiQueryKey(getMe);

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
  const me = useApiQuery(getMe, {
    staleTime: 60_000,
    retry: (count, error) => error.status !== 401 && error.status !== 403 && shouldRetry(count, error),
  });

  const signOut = useCallback(async () => {
    try {
      await apiCall(logout, { body: {} });
    } finally {
      queryClient.clear();
      navigate('/signin', { replace: true });
    }
  }, [queryClient, navigate]);

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
      { id: 'sign-out', label: 'Sign out', icon: IconLogout, onSelect: () => void signOut(), danger: true },
    ];
    return {
      viewer: { name: user.displayName ?? user.username, role: user.role, ...(user.avatarUrl ? { avatarUrl: user.avatarUrl } : {}) },
      accountItems,
    };
  }, [user, signOut]);

  const auth: AuthState = { setup, me, signOut, signedIn };
  return (
    <AuthContext.Provider value={auth}>
      <ShellProvider value={shell}>
        <Outlet />
      </ShellProvider>
    </AuthContext.Provider>
  );
}
