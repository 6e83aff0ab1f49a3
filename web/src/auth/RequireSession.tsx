import { Navigate, useLocation } from 'react-router';
import { PageSkeleton } from '../components/page-state/index.js';
import { ErrorState } from '../components/page-state/index.js';
import { AppLayout } from '../layout/AppLayout.js';
import { useAuth } from './auth-context.js';
import { AuthScreen } from './AuthScreen.js';

/**
 * The app behind sign-in: while no admin exists every page leads to the setup; then nobody sees a page
 * without a session; an admin who has not chosen the Plex server yet finishes the setup first.
 */
export function RequireSession() {
  const { setup, me, signedOut } = useAuth();
  const location = useLocation();
  const here = `${location.pathname}${location.search}`;

  if (setup.data?.state === 'needs-admin') return <Navigate to="/setup" replace />;
  if (me.data) {
    if (me.data.user.role === 'admin' && setup.data?.state === 'needs-server') return <Navigate to="/setup" replace />;
    return <AppLayout />;
  }
  if (signedOut && setup.data) {
    return <Navigate to={here === '/' ? '/signin' : `/signin?next=${encodeURIComponent(here)}`} replace />;
  }
  const failed = setup.error ?? (me.error && me.error.status !== 401 ? me.error : null);
  if (failed) {
    return (
      <AuthScreen title="MediaNest is not answering">
        <ErrorState
          what="your session"
          error={failed}
          onRetry={() => {
            void setup.refetch();
            void me.refetch();
          }}
          retrying={setup.isFetching || me.isFetching}
        />
      </AuthScreen>
    );
  }
  return <PageSkeleton />;
}
