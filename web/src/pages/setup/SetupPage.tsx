import type { AuthResult } from '@medianest/contracts';
import { Anchor, Divider, Stack, Stepper, Text } from '@mantine/core';
import { useCallback, useState } from 'react';
import { Navigate, useNavigate } from 'react-router';
import { PageSkeleton } from '../../components/page-state/index.js';
import { useAuth } from '../../auth/auth-context.js';
import { AuthScreen } from '../../auth/AuthScreen.js';
import { meOf, PlexSignIn } from '../../auth/PlexSignIn.js';
import { LocalAdminForm } from './LocalAdminForm.js';
import { ServerStep } from './ServerStep.js';

/**
 * The first-run wizard. Step 1: the first person to sign in with Plex becomes the admin (a local admin when
 * plex.tv cannot be reached). Step 2: the Plex server MediaNest serves. Admins come back here to change it.
 */
export default function SetupPage() {
  const { setup, me, signedOut, signedIn } = useAuth();
  const navigate = useNavigate();
  const [local, setLocal] = useState(false);
  const adminSignedIn = useCallback(
    (session: AuthResult) => {
      signedIn(meOf(session));
      navigate('/setup', { replace: true });
    },
    [signedIn, navigate],
  );

  if (!setup.data) return <PageSkeleton />;
  const state = setup.data.state;
  if (state !== 'needs-admin') {
    if (signedOut) return <Navigate to="/signin?next=%2Fsetup" replace />;
    if (!me.data) return <PageSkeleton />;
    if (me.data.user.role !== 'admin') return <Navigate to="/" replace />;
  }
  const active = state === 'needs-admin' ? 0 : state === 'needs-server' ? 1 : 2;

  return (
    <AuthScreen title="Set up MediaNest" description="Two steps: who administers it, and which Plex server it serves." wide>
      <Stepper active={active} size="sm" mb="lg" allowNextStepsSelect={false}>
        <Stepper.Step label="Administrator" description="Sign in with Plex" />
        <Stepper.Step label="Plex server" description="Choose and check it" />
        <Stepper.Completed>{null}</Stepper.Completed>
      </Stepper>
      {state === 'needs-admin' ? (
        <Stack gap="lg">
          <Text size="sm">
            Sign in with the Plex account that owns your Plex server. That account becomes MediaNest’s administrator.
          </Text>
          <PlexSignIn next="/setup" resumePin={null} onSignedIn={adminSignedIn} label="Sign in with Plex" />
          <Divider label="or" labelPosition="center" />
          {local ? (
            <LocalAdminForm onCreated={adminSignedIn} />
          ) : (
            <Text size="sm" ta="center">
              <Anchor component="button" type="button" onClick={() => setLocal(true)}>
                plex.tv unreachable? Create a local administrator
              </Anchor>
            </Text>
          )}
        </Stack>
      ) : (
        <ServerStep current={setup.data.server} onDone={() => navigate('/', { replace: true })} />
      )}
    </AuthScreen>
  );
}
