import type { AuthResult, Me } from '@medianest/contracts';
import { Alert, Anchor, Button, Group, Loader, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconPlayerPlayFilled, IconExternalLink } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { isApiError, type ApiError } from '../api/index.js';
import { startPlexSignIn, usePinPoll } from './plex-pin.js';

/** The Me of a fresh session, so the app knows who signed in without asking again. */
export function meOf(session: AuthResult): Me {
  return { user: session.user, sessionId: session.sessionId, via: 'cookie', csrfToken: session.csrfToken };
}

export interface PlexSignInProps {
  /** Where to go once signed in (sent to the server, which gives it back on approval). */
  next: string;
  /** A PIN to resume: the id app.plex.tv sent the browser back with. */
  resumePin: string | null;
  onSignedIn: (session: AuthResult, next: string) => void;
  label?: string;
}

/** "Sign in with Plex": the redirect flow by default, a pop-up on request, then the wait for approval. */
export function PlexSignIn({ next, resumePin, onSignedIn, label = 'Sign in with Plex' }: PlexSignInProps) {
  const [pinId, setPinId] = useState<string | null>(resumePin);
  const [popup, setPopup] = useState<Window | null>(null);
  const [starting, setStarting] = useState(false);
  const [startError, setStartError] = useState<ApiError | null>(null);
  const state = usePinPoll(pinId, popup);

  useEffect(() => {
    if (state?.status === 'approved') onSignedIn(state.session, state.next);
  }, [state, onSignedIn]);

  const start = async (mode: 'redirect' | 'popup') => {
    setStartError(null);
    setStarting(true);
    const window_ = mode === 'popup' ? window.open('about:blank', 'plex-sign-in', 'width=620,height=720') : null;
    try {
      const id = await startPlexSignIn(mode, next, window_);
      if (mode === 'popup') {
        setPopup(window_);
        setPinId(id);
      }
    } catch (error) {
      window_?.close();
      if (isApiError(error)) setStartError(error);
      else throw error;
    } finally {
      if (mode === 'popup') setStarting(false);
    }
  };

  const failure = startError ?? (state?.status === 'failed' ? state.error : null);
  const waiting = state?.status === 'waiting' || state?.status === 'approved';
  return (
    <Stack gap="md">
      {failure ? (
        <Alert role="alert" color="red" variant="light" icon={<IconAlertTriangle aria-hidden="true" />} title={failureTitle(failure)} data-state="error" data-code={failure.code}>
          {failure.message}
        </Alert>
      ) : null}
      {state?.status === 'expired' ? (
        <Alert role="alert" color="yellow" variant="light" title="The sign-in code expired" data-state="expired">
          It was not approved in time. Start again.
        </Alert>
      ) : null}
      {waiting ? (
        <Group gap="sm" role="status" data-state="waiting">
          <Loader size="sm" aria-hidden="true" />
          <Text size="sm">{popup ? 'Approve the sign-in in the Plex window…' : 'Checking with Plex…'}</Text>
        </Group>
      ) : (
        <>
          <Button
            size="md"
            fullWidth
            color="yellow"
            c="dark.9"
            leftSection={<IconPlayerPlayFilled size={20} aria-hidden="true" />}
            loading={starting}
            onClick={() => void start('redirect')}
          >
            {label}
          </Button>
          <Text size="xs" c="dimmed" ta="center">
            You go to plex.tv to sign in and come back here.{' '}
            <Anchor component="button" type="button" size="xs" onClick={() => void start('popup')}>
              Use a pop-up window instead <IconExternalLink size={12} aria-hidden="true" />
            </Anchor>
          </Text>
        </>
      )}
    </Stack>
  );
}

function failureTitle(error: ApiError): string {
  switch (error.code) {
    case 'NOT_A_SERVER_USER':
      return 'This Plex account cannot use this MediaNest';
    case 'USER_DISABLED':
      return 'Your account is disabled';
    case 'SETUP_REQUIRED':
      return 'MediaNest is not set up yet';
    case 'NOT_FOUND':
      return 'This sign-in is no longer valid';
    default:
      return error.isUnavailable ? 'Plex cannot be reached' : 'Sign-in failed';
  }
}
