import { apiClient } from '../api/index.js';
import { installSessionHooks } from './session-hooks.js';

const signedOutListeners = new Set<() => void>();

/** Runs `listener` when the session ends behind the page's back (a refresh was refused). */
export function onSignedOut(listener: () => void): () => void {
  signedOutListeners.add(listener);
  return () => {
    signedOutListeners.delete(listener);
  };
}

/**
 * Wires auth into the API client before the first request: the CSRF header, and refresh-and-retry on
 * 401 (an access token that expired while the page was closed is renewed on the very first call).
 */
export function installAuth(): void {
  installSessionHooks(apiClient, { onSignedOut: () => signedOutListeners.forEach((listener) => listener()) });
}
