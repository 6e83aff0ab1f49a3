import type { AuthResult } from '@medianest/contracts';
import { Anchor, Divider, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { PageSkeleton } from '../../components/page-state/index.js';
import { safeNext, useAuth } from '../../auth/auth-context.js';
import { AuthScreen } from '../../auth/AuthScreen.js';
import { LocalSignInForm } from '../../auth/LocalSignInForm.js';
import { meOf, PlexSignIn } from '../../auth/PlexSignIn.js';

/**
 * Sign-in: "Sign in with Plex" for everyone the server is shared with; local sign-in behind a link.
 * app.plex.tv sends people back here with `?pin=…`, and the page finishes the sign-in.
 */
export default function SignInPage() {
  const { setup, me, signedIn } = useAuth();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const next = safeNext(params.get('next'));
  const [local, setLocal] = useState(false);
  const queryClient = useQueryClient();
  // Signed out: nothing of the previous session's data stays in memory (the pages that used it are gone).
  useEffect(() => {
    queryClient.removeQueries({ type: 'inactive' });
  }, [queryClient]);

  const finish = useCallback(
    (session: AuthResult, to: string = next) => {
      signedIn(meOf(session));
      navigate(safeNext(to), { replace: true });
    },
    [signedIn, navigate, next],
  );

  const resumePin = params.get('pin');
  // Back from plex.tv with a PIN: finish that sign-in first (during the setup too: it makes the admin).
  if (!resumePin && setup.data?.state === 'needs-admin') return <Navigate to="/setup" replace />;
  if (me.data && !resumePin) return <Navigate to={next} replace />;
  if (!setup.data && setup.isPending) return <PageSkeleton />;

  return (
    <AuthScreen title="Sign in" description="MediaNest is for the people this Plex server is shared with.">
      <Stack gap="lg">
        <PlexSignIn next={next} resumePin={resumePin} onSignedIn={finish} />
        <Divider label="or" labelPosition="center" />
        {local ? (
          <LocalSignInForm onSignedIn={(session) => finish(session)} />
        ) : (
          <Text size="sm" ta="center">
            <Anchor component="button" type="button" onClick={() => setLocal(true)}>
              Sign in with a local account
            </Anchor>
          </Text>
        )}
      </Stack>
    </AuthScreen>
  );
}
