import './auth.events.js';

export { createAuthContext, plexClientIdentity, type AuthContext, type AuthContextDeps } from './auth.context.js';
export type { SessionRevokedReason, SignInMethod } from './auth.events.js';
export type { IssuedSession, RequestContext, SessionService } from './auth.sessions.service.js';
export { argon2Hasher, type PasswordHasher } from './auth.passwords.js';
export { rotateSigningKey, SIGNING_KEYS_FILE } from './auth.keys.js';
export { PlexServerConfig, type StoredPlexServer } from './auth.plex-server.js';
export type { ConnectionCredentials } from './auth.authenticator.js';
