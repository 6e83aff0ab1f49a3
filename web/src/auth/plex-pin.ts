import { createPlexPin, pollPlexPin, type AuthResult } from '@medianest/contracts';
import { useEffect, useState } from 'react';
import { apiCall, isApiError, type ApiError } from '../api/index.js';

export type PinState =
  | { status: 'waiting' }
  | { status: 'approved'; session: AuthResult; next: string }
  | { status: 'expired' }
  | { status: 'failed'; error: ApiError };

/**
 * Starts a Plex sign-in. Redirect (the default, works on phones): this page goes to app.plex.tv, which
 * sends the browser back to /signin?pin=… when the person has approved. Pop-up: the window (opened by the
 * click, before any await, so pop-up blockers allow it) goes to app.plex.tv and this page polls.
 */
export async function startPlexSignIn(mode: 'redirect' | 'popup', next: string, popup?: Window | null): Promise<string> {
  const pin = await apiCall(createPlexPin, { body: { next, tokenDelivery: 'cookie' } });
  if (mode === 'redirect') {
    window.location.assign(pin.authUrl);
  } else if (popup) {
    popup.location.href = pin.popupAuthUrl;
  }
  return pin.id;
}

/** Asks about once a second whether the PIN was approved, until approved, expired or refused. */
export function usePinPoll(pinId: string | null, popup?: Window | null): PinState | null {
  // The outcome is kept with the PIN it belongs to: a new PIN is "waiting" until its own answer comes.
  const [outcome, setOutcome] = useState<{ pinId: string; state: PinState } | null>(null);
  useEffect(() => {
    if (!pinId) return undefined;
    let stopped = false;
    let timer: number | undefined;
    const controller = new AbortController();
    const finish = (state: PinState) => {
      popup?.close();
      setOutcome({ pinId, state });
    };
    const ask = async () => {
      try {
        const result = await apiCall(pollPlexPin, { params: { id: pinId } }, { signal: controller.signal });
        if (stopped) return;
        if (result.status === 'pending') {
          timer = window.setTimeout(() => void ask(), 1000);
          return;
        }
        finish(result.status === 'approved' ? { status: 'approved', session: result.session, next: result.next } : { status: 'expired' });
      } catch (error) {
        if (stopped || (error instanceof DOMException && error.name === 'AbortError')) return;
        if (isApiError(error)) finish({ status: 'failed', error });
        else throw error;
      }
    };
    void ask();
    return () => {
      stopped = true;
      controller.abort();
      window.clearTimeout(timer);
    };
  }, [pinId, popup]);
  if (!pinId) return null;
  return outcome?.pinId === pinId ? outcome.state : { status: 'waiting' };
}
