import { API_KEY_PREFIX, AUTH_COOKIES } from '@medianest/contracts';
import type { Request } from 'express';
import { AppError } from '../../platform/http/errors.js';
import type { Principal, RequestAuthenticator } from '../../platform/http/principal.js';
import type { ApiKeyService } from './auth.api-keys.service.js';
import { readCookies } from './auth.cookies.js';
import { isUnsafeMethod, type CsrfGuard } from './auth.csrf.js';
import type { AccessDenylist } from './auth.denylist.js';
import { tokenExpired, type AccessTokens } from './auth.tokens.js';

/** What a connection handshake presents. */
export interface ConnectionCredentials {
  /** An access token sent explicitly (Socket.IO `auth.token`). */
  token?: string;
  cookieHeader?: string;
  origin?: string;
  host?: string;
  secure: boolean;
}

export interface AuthenticatorDeps {
  tokens: AccessTokens;
  denylist: AccessDenylist;
  csrf: CsrfGuard;
  apiKeys: Pick<ApiKeyService, 'authenticate'>;
}

/**
 * Resolves the caller of every request:
 * - `Authorization: Bearer <access JWT>` or `Bearer mnk_…` (a personal API key);
 * - else the `mn_access` cookie, with CSRF checks on unsafe methods;
 * - else nobody (null).
 * A token of a revoked session, or issued before the user's access changed, is refused at once
 * (denylist), so disabling a user or revoking a session takes effect on the next request.
 */
export class Authenticator implements RequestAuthenticator {
  constructor(private readonly deps: AuthenticatorDeps) {}

  async authenticate(req: Request): Promise<Principal | null> {
    const authorization = req.headers.authorization;
    if (authorization !== undefined) {
      const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
      if (!match) {
        throw new AppError('TOKEN_INVALID', 'Send credentials as "Authorization: Bearer <access token or API key>".');
      }
      const credential = match[1]!;
      if (credential.startsWith(API_KEY_PREFIX)) return this.deps.apiKeys.authenticate(credential, req.method);
      return this.fromAccessToken(credential, 'bearer');
    }
    const cookie = readCookies(req.headers.cookie)[AUTH_COOKIES.access];
    if (!cookie) return null;
    const principal = await this.fromAccessToken(cookie, 'cookie');
    if (isUnsafeMethod(req.method)) this.deps.csrf.check(req, principal.sessionId!);
    return principal;
  }

  /**
   * The caller of a long-lived connection (a Socket.IO handshake): an access token sent by the client, or
   * the access cookie of a page of an allowed origin. null when no credential was sent. The principal
   * comes with the token's expiry: the connection must end then (the client refreshes and reconnects).
   */
  async authenticateConnection(input: ConnectionCredentials): Promise<{ principal: Principal; expiresAt: Date } | null> {
    let token = input.token;
    let via: 'cookie' | 'bearer' = 'bearer';
    if (token === undefined) {
      token = readCookies(input.cookieHeader)[AUTH_COOKIES.access];
      if (!token) return null;
      via = 'cookie';
      // A cookie is sent by the browser on its own: only pages of MediaNest's origin may use it.
      this.deps.csrf.checkOriginOf(input.origin, input.host, input.secure ? 'https' : 'http');
    }
    if (token.startsWith(API_KEY_PREFIX)) {
      throw new AppError('TOKEN_INVALID', 'Live updates need an access token, not an API key. Sign in to get one.');
    }
    const principal = await this.fromAccessToken(token, via);
    const { expiresAt } = await this.deps.tokens.verify(token);
    return { principal, expiresAt };
  }

  private async fromAccessToken(token: string, via: 'cookie' | 'bearer'): Promise<Principal> {
    const claims = await this.deps.tokens.verify(token);
    const refusal = await this.deps.denylist.check(claims.userId, claims.sessionId, claims.authVersion);
    if (refusal === 'session-revoked') {
      throw new AppError('UNAUTHENTICATED', 'You were signed out on this device. Sign in again.');
    }
    // The user's role or permissions changed since the token was issued: a refresh issues a current one.
    if (refusal === 'stale') throw tokenExpired();
    return {
      userId: claims.userId,
      role: claims.role,
      permissions: claims.permissions,
      sessionId: claims.sessionId,
      apiKeyId: null,
      via,
    };
  }
}
