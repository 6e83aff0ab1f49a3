/** Events of the auth context. Published after commit; the audit trail records them (audit.subscriber.ts). */
export type SignInMethod = 'plex' | 'local';
export type SessionRevokedReason = 'logout' | 'user' | 'admin' | 'sign-out-everywhere' | 'refresh-token-reuse' | 'user-disabled';

declare module '../../platform/events/event-bus.js' {
  interface DomainEvents {
    'user.loggedIn': {
      userId: string;
      username: string;
      sessionId: string;
      method: SignInMethod;
      deviceName: string;
      ip: string | null;
    };
    'user.loginFailed': {
      method: SignInMethod;
      /** What the caller typed (local) or the Plex account name; never a password. */
      username: string | null;
      userId: string | null;
      reason: 'bad-credentials' | 'locked-out' | 'disabled' | 'not-a-server-user' | 'setup-incomplete';
      ip: string | null;
    };
    'user.loggedOut': { userId: string; sessionId: string; ip: string | null };
    'session.revoked': {
      sessionId: string;
      userId: string;
      actorUserId: string | null;
      reason: SessionRevokedReason;
      ip: string | null;
    };
    /** A refresh token was presented a second time: its whole family (the session) was revoked. */
    'refreshToken.reused': { sessionId: string; userId: string; ip: string | null };
    'apiKey.created': { apiKeyId: string; userId: string; name: string; scopes: string[]; ip: string | null };
    'apiKey.revoked': { apiKeyId: string; userId: string; actorUserId: string; ip: string | null };
    'plex.serverConfigured': {
      machineIdentifier: string;
      name: string;
      actorUserId: string;
      via: 'resources' | 'url';
      ip: string | null;
    };
  }
}
export {};
