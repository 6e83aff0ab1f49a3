import type { Me, SetupStatus } from '@medianest/contracts';
import type { UseQueryResult } from '@tanstack/react-query';
import { createContext, useContext } from 'react';
import type { ApiError } from '../api/index.js';

export interface AuthState {
  setup: UseQueryResult<SetupStatus, ApiError>;
  /** Who is signed in; a 401 error means nobody. */
  me: UseQueryResult<Me, ApiError>;
  /** Nobody is signed in on this browser: no session cookie, or the server said 401. */
  signedOut: boolean;
  /** Signs this device out and goes to the sign-in page. */
  signOut(): Promise<void>;
  /** After the server ended this device's session (sign out everywhere): forget it and go to sign-in. */
  endLocalSession(): void;
  /** After a sign-in: takes the session's user as the signed-in one and reloads the setup state. */
  signedIn(me: Me): void;
}

export const AuthContext = createContext<AuthState | null>(null);

export function useAuth(): AuthState {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth() outside <AuthRoot>');
  return auth;
}

/** A path inside MediaNest to return to after sign-in; anything else becomes "/". */
export function safeNext(value: string | null | undefined): string {
  return value && /^\/(?!\/)[^\s\\]*$/.test(value) && !value.startsWith('/signin') ? value : '/';
}
